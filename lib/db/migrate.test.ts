import { describe, expect, it } from "vitest";
import { listMigrations, pending } from "./migrate";

describe("pending migrations", () => {
  const all = [
    { name: "1_init", sql: "a", checksum: "c1" },
    { name: "2_more", sql: "b", checksum: "c2" },
  ];

  it("returns the ones not yet applied, in order", () => {
    expect(pending(all, []).map((m) => m.name)).toEqual(["1_init", "2_more"]);
    expect(pending(all, [{ migration_name: "1_init", checksum: "c1" }]).map((m) => m.name)).toEqual(["2_more"]);
  });

  it("refuses a migration edited after it was applied", () => {
    expect(() => pending(all, [{ migration_name: "1_init", checksum: "other" }])).toThrowError(/1_init was edited after it was applied/);
  });

  it("finds the committed migrations for both databases, with the same names", () => {
    const sqlite = listMigrations("sqlite").map((m) => m.name);
    const postgres = listMigrations("postgres").map((m) => m.name);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
  });
});
