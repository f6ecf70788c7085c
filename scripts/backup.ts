// npm run backup [-- <file>] — a consistent copy of the database while the app runs.
//   SQLite: SQLite's online backup into data/backups/recruiter-desk-<time>.db (or <file>), checked
//   with PRAGMA integrity_check. Restore: stop the app, copy the file over DATA_DIR's database
//   (and delete its -wal / -shm files), start the app.
//   PostgreSQL: use pg_dump (see the README); this script runs it when it is installed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { backupFileName, backupSqlite } from "@/lib/db/backup";
import { dialectOf } from "@/lib/db/dialect";
import { env } from "@/lib/env";

const { DATABASE_URL, DATA_DIR } = env();
const target = process.argv[2];

if (dialectOf(DATABASE_URL) === "postgres") {
  const file = target ?? path.join(DATA_DIR, "backups", backupFileName().replace(/\.db$/, ".dump"));
  const r = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, DATABASE_URL], { stdio: "inherit" });
  if (r.error) {
    console.error(
      'PostgreSQL: install pg_dump (Debian: postgresql-client) and run\n  pg_dump --format=custom --file=backup.dump "$DATABASE_URL"\nRestore with: pg_restore --clean --no-owner -d "$DATABASE_URL" backup.dump',
    );
    process.exit(2);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`Backup written: ${file} (restore with pg_restore --clean --no-owner -d "$DATABASE_URL" ${file})`);
} else {
  const file = target ?? path.join(DATA_DIR, "backups", backupFileName());
  const started = performance.now();
  const r = await backupSqlite(DATABASE_URL, file);
  if (r.integrity !== "ok") {
    console.error(`The copy failed its integrity check: ${r.integrity}`);
    process.exit(1);
  }
  console.log(
    `Backup written: ${r.file} (${(r.bytes / 1048576).toFixed(1)} MB, ${r.ads.toLocaleString("en-GB")} ads, ${r.candidates.toLocaleString("en-GB")} candidates, integrity ok, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
