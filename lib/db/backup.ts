// A consistent copy of the SQLite database while the app keeps running, with SQLite's online
// backup API. The API restarts the copy whenever another connection writes between two steps, so
// small steps never finish under steady writes; after its first step the copy is taken in one
// step instead: one read transaction, one moment's database (in WAL mode writers carry on
// meanwhile). The copy is then checked with PRAGMA integrity_check.
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openSqlite } from "./raw";

export type BackupResult = { file: string; bytes: number; ads: number; candidates: number; integrity: string };

export function backupFileName(now = new Date()): string {
  return `recruiter-desk-${now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-")}.db`;
}

export async function backupSqlite(url: string, dest: string): Promise<BackupResult> {
  mkdirSync(path.dirname(dest), { recursive: true });
  const source = openSqlite(url, { readonly: true });
  try {
    await source.backup(dest, { progress: () => 2_000_000_000 });
  } finally {
    source.close();
  }
  const copy = new Database(dest, { readonly: true });
  try {
    const integrity = String(copy.pragma("integrity_check", { simple: true }));
    const ads = Number(copy.prepare(`SELECT count(*) FROM "Ad"`).pluck().get());
    const candidates = Number(copy.prepare(`SELECT count(*) FROM "Candidate"`).pluck().get());
    return { file: dest, bytes: statSync(dest).size, ads, candidates, integrity };
  } finally {
    copy.close();
  }
}
