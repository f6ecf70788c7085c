// The SQLite engine is compiled into better-sqlite3, so its security fixes arrive only with a
// better-sqlite3 release. npm audit does not see them (they are SQLite's advisories, not the npm
// package's): this test holds the floor. 3.53.2 fixes CVE-2026-11822 and CVE-2026-11824 (high);
// better-sqlite3 12.6.2 shipped 3.51.2.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const FLOOR = [3, 53, 2];

describe("embedded SQLite", () => {
  it(`is ${FLOOR.join(".")} or later, with FTS5`, () => {
    const db = new Database(":memory:");
    try {
      const { v } = db.prepare("SELECT sqlite_version() AS v").get() as { v: string };
      const parts = v.split(".").map(Number);
      const cmp = FLOOR.map((n, i) => (parts[i] ?? 0) - n).find((d) => d !== 0) ?? 0;
      expect(cmp, `SQLite ${v}`).toBeGreaterThanOrEqual(0);
      expect(() => db.exec("CREATE VIRTUAL TABLE t USING fts5(a)")).not.toThrow();
    } finally {
      db.close();
    }
  });
});
