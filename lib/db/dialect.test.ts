import path from "node:path";
import { describe, expect, it } from "vitest";
import { dialectOf, sqlitePath } from "./dialect";

describe("dialectOf", () => {
  it("reads the database kind from the URL", () => {
    expect(dialectOf("file:./data/app.db")).toBe("sqlite");
    expect(dialectOf("postgresql://u@h/db")).toBe("postgres");
    expect(dialectOf("postgres://u@h/db")).toBe("postgres");
    expect(() => dialectOf("mysql://u@h/db")).toThrowError(/must start with "file:"/);
  });

  it("resolves SQLite paths against the project root", () => {
    expect(sqlitePath("file:./data/app.db")).toBe(path.resolve("data/app.db"));
    expect(sqlitePath("file:/tmp/x.db?connection_limit=1")).toBe("/tmp/x.db");
  });
});
