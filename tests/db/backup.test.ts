// `npm run backup` on SQLite: a consistent, checked copy taken while another connection keeps
// writing. (PostgreSQL backups are pg_dump's job: see the README.)
import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupSqlite } from "@/lib/db/backup";
import { sqlitePath } from "@/lib/db/dialect";
import { openSqlite } from "@/lib/db/raw";
import { sqliteTimestamp } from "@/lib/db/sql";
import { sampleDatabase } from "../support/import-db";
import type { TestDatabase } from "../support/test-db";

describe("backup on sqlite", () => {
  let tdb: TestDatabase;
  const dir = path.resolve("tests/.tmp/backups");
  beforeAll(async () => {
    tdb = await sampleDatabase("backup_sqlite", "sqlite");
  }, 120_000);
  afterAll(() => tdb?.drop());

  it("copies a consistent database while another connection writes", async () => {
    const writer = openSqlite(tdb.url);
    const insert = writer.prepare(`INSERT INTO "Ad" ("externalId", "title", "titleKey", "status", "version", "createdAt", "updatedAt") VALUES (?, ?, ?, 'OPEN', 1, ?, ?)`);
    const before = Number(writer.prepare(`SELECT count(*) FROM "Ad"`).pluck().get());
    let next = 99_000_000;
    let writing = true;
    // Keep writing (one ad per turn of the event loop) for as long as the backup runs.
    const loop = (async () => {
      while (writing) {
        const now = sqliteTimestamp();
        insert.run(next, `Written during backup ${next}`, `written during backup ${next}`, now, now);
        next++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const result = await backupSqlite(tdb.url, path.join(dir, "during-writes.db"));
    writing = false;
    await loop;
    const after = Number(writer.prepare(`SELECT count(*) FROM "Ad"`).pluck().get());
    writer.close();

    expect(result.integrity).toBe("ok");
    expect(next - 99_000_000).toBeGreaterThan(0); // the writer did write while the copy ran
    expect(result.ads).toBeGreaterThanOrEqual(before);
    expect(result.ads).toBeLessThanOrEqual(after);
    // One moment's database: the full-text index matches its ads, and ads written in the copy are
    // a prefix of what the writer wrote.
    const copy = new Database(result.file, { readonly: true });
    expect(Number(copy.prepare(`SELECT count(*) FROM "ad_fts"`).pluck().get())).toBe(before);
    const written = copy.prepare(`SELECT "externalId" FROM "Ad" WHERE "externalId" >= 99000000 ORDER BY "externalId"`).pluck().all() as number[];
    expect(written).toEqual(Array.from({ length: written.length }, (_, i) => 99_000_000 + i));
    expect(written.length).toBe(result.ads - before);
    copy.close();
  });

  it("runs as `npm run backup -- <file>` and says what it wrote", () => {
    const file = path.join(dir, "cli.db");
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", file], { env: { ...process.env, DATABASE_URL: tdb.url }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Backup written: ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} \\([\\d.]+ MB, [\\d,]+ ads, 0 candidates, integrity ok`));
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    expect(sqlitePath(tdb.url)).not.toBe(file);
  });
});
