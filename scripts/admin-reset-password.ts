// Sets a new password for an admin and prints it (for a lost first-run password):
//   npm run admin:reset-password [-- email]
// With ADMIN_PASSWORD set, uses it; otherwise generates one. Ends the user's open sessions.
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";

const { DATABASE_URL, ADMIN_PASSWORD } = env();
const db = createDb(DATABASE_URL);
try {
  const email = process.argv[2]?.trim().toLowerCase();
  const user = await db.user.findFirst({
    where: email ? { email } : { role: "ADMIN", active: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, role: true },
  });
  if (!user) {
    console.error(email ? `No user with the email ${email}.` : "No active admin: run `npm run db:setup` to create one.");
    process.exitCode = 1;
  } else {
    const password = ADMIN_PASSWORD ?? generatePassword();
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), active: true, sessionVersion: { increment: 1 } } });
    console.log(`New password for ${user.email} (${user.role}): ${password}`);
  }
} finally {
  await db.$disconnect();
}
