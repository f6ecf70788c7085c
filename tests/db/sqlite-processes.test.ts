// Several server processes on one SQLite file (`npm start` runs one per core): transactions that
// read and then write must wait for each other, not fail with SQLITE_BUSY, and lose no update.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const PROCESSES = 3;
const ROUNDS = 60;

function writer(url: string): Promise<{ failures: number; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/counter-writer.ts"], {
      env: { ...process.env, DATABASE_URL: url, ROUNDS: String(ROUNDS) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`writer exited ${code}: ${out}`))));
  });
}

describe("SQLite shared by several processes", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite_processes", "sqlite");
    const db = createDb(tdb.url);
    await db.counter.create({ data: { key: "shared", value: 0 } });
    await db.$disconnect();
  });
  afterAll(async () => tdb?.drop());

  it("runs their read-then-write transactions one after another: none refused, none lost", async () => {
    const results = await Promise.all(Array.from({ length: PROCESSES }, () => writer(tdb.url)));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.failures)).toEqual(Array(PROCESSES).fill(0));
    const db = createDb(tdb.url);
    expect((await db.counter.findUniqueOrThrow({ where: { key: "shared" } })).value).toBe(PROCESSES * ROUNDS);
    await db.$disconnect();
  }, 120_000);
});
