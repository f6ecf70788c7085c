// Migrates DATABASE_URL, loads the location tree and seed ads, makes sure an admin exists, and
// prints how to sign in. Safe to run again: existing data is kept.
//   npm run db:setup
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { dialectOf, sqlitePath } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { seedAll } from "@/lib/setup/seed";

const { DATABASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, NEXTAUTH_URL } = env();
if (dialectOf(DATABASE_URL) === "sqlite") mkdirSync(path.dirname(sqlitePath(DATABASE_URL)), { recursive: true });

const log = (line: string) => console.log(`  ${line}`);
console.log(`Database: ${DATABASE_URL.replace(/\/\/[^@/]*@/, "//***@")}`);
const applied = await migrate(DATABASE_URL, log);
if (!applied.length) log("migrations: up to date");

const db = createDb(DATABASE_URL);
try {
  const admin = await seedAll(db, { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, log });
  const bar = "─".repeat(60);
  console.log(`\n${bar}\n Recruiter Desk: ${NEXTAUTH_URL}`);
  if (admin.created) {
    console.log(` Admin login created:  ${admin.email}  /  ${admin.password}`);
    if (!ADMIN_PASSWORD) console.log(" (generated: shown only this once; change it under Admin → Users)");
  } else {
    console.log(` Sign in as ${admin.email} with the password shown when it was created.`);
    console.log(" Lost it? Stop the app and run: npm run admin:reset-password");
  }
  console.log(bar);
} finally {
  await db.$disconnect();
}
