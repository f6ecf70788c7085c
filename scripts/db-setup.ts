// Migrates DATABASE_URL, loads the location tree and seed ads, makes sure an admin exists, and
// prints how to sign in. Safe to run again: existing data is kept.
//   npm run db:setup
//   npm run db:setup -- --demo     # also the demo data (seeds/demo); DEMO=1 does the same
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { dialectOf, sqlitePath } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/setup/demo";
import { seedAll } from "@/lib/setup/seed";

const { DATABASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, NEXTAUTH_URL, DEMO } = env();
const demo = DEMO || process.argv.includes("--demo");
if (dialectOf(DATABASE_URL) === "sqlite") mkdirSync(path.dirname(sqlitePath(DATABASE_URL)), { recursive: true });

const log = (line: string) => console.log(`  ${line}`);
console.log(`Database: ${DATABASE_URL.replace(/\/\/[^@/]*@/, "//***@")}`);
const applied = await migrate(DATABASE_URL, log);
if (!applied.length) log("migrations: up to date");

const db = createDb(DATABASE_URL);
try {
  const admin = await seedAll(db, { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, log });
  const imported = await db.ad.count({ where: { NOT: { source: "seed" } } });
  if (demo) {
    const actor = await db.user.findUniqueOrThrow({ where: { email: admin.email }, select: { id: true } });
    log("demo data: importing the Adzuna sample and 60 text ads, adding candidates…");
    const r = await seedDemo(DATABASE_URL, db, actor.id);
    log(`demo data: ${r.ads.created} ads created, ${r.ads.updated + r.ads.unchanged} already there; ${r.candidates} candidates and ${r.applications} applications added`);
  } else if (imported === 0) {
    log("no ads of your own yet. For a realistic sample (2,499 real ads, 60 text ads, candidates on the boards):");
    log("  npm run up -- --demo        (or DEMO=1 npm run up)");
    log("or import your own: sign in → Imports, or npm run import -- <files or folders>");
  }
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
