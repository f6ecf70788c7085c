// The database sign-in limiter (PostgreSQL's, so several app servers share one count), on both
// dialects: two servers' limiters over one database refuse together, an address gets four times an
// account's allowance, the window lets a key in again, and a success clears the account's count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseLimiter } from "@/lib/auth/db-limiter";
import { createDb, type Db } from "@/lib/db/client";
import { testDialects, createTestDatabase, type TestDatabase } from "../support/test-db";

describe.each(testDialects())("sign-in failures counted in the database on %s", (dialect) => {
  let tdb: TestDatabase;
  let serverA: Db;
  let serverB: Db;
  let clock = Date.parse("2026-12-03T09:00:00Z");
  const now = () => clock;
  const limit = (key: string) => (key.startsWith("ip:") ? 12 : 3);
  const WINDOW = 300_000;
  beforeAll(async () => {
    tdb = await createTestDatabase(`sign_in_limits_${dialect}`, dialect);
    // Two clients: two app servers on one database.
    serverA = createDb(tdb.url);
    serverB = createDb(tdb.url);
  }, 120_000);
  afterAll(async () => {
    await serverA?.$disconnect();
    await serverB?.$disconnect();
    await tdb?.drop();
  });

  it("counts failures through either server as one count, and lets the key in after the window", async () => {
    const a = databaseLimiter(serverA, limit, WINDOW, now);
    const b = databaseLimiter(serverB, limit, WINDOW, now);
    const keys = ["email:jo@x.uk", "ip:10.0.0.1"];
    await a.fail(keys);
    clock += 1000;
    await b.fail(keys);
    expect(await a.check(keys)).toEqual({ ok: true });
    clock += 1000;
    await a.fail(keys);
    // Three failures, spread over both: refused on both, until the first leaves the window.
    expect(await b.check(keys)).toEqual({ ok: false, retryAfterSeconds: 298 });
    expect(await a.check(["email:jo@x.uk"])).toMatchObject({ ok: false });
    expect(await a.check(["email:someone-else@x.uk"])).toEqual({ ok: true });
    expect(await a.check(["ip:10.0.0.1"])).toEqual({ ok: true }); // an address may fail 12 times
    clock += WINDOW - 2000 + 1;
    expect(await b.check(keys)).toEqual({ ok: true });
  });

  it("clears an account's count on a successful sign-in, keeps the address's, and drops old rows", async () => {
    const a = databaseLimiter(serverA, limit, WINDOW, now);
    const b = databaseLimiter(serverB, limit, WINDOW, now);
    for (let i = 0; i < 3; i++) await a.fail(["email:sam@x.uk", "ip:10.0.0.2"]);
    expect(await b.check(["email:sam@x.uk"])).toMatchObject({ ok: false });
    await b.reset("email:sam@x.uk");
    expect(await a.check(["email:sam@x.uk"])).toEqual({ ok: true });
    expect(await serverA.signInFailure.count({ where: { key: "ip:10.0.0.2" } })).toBe(3);
    // The first test's rows are older than the window now: the next failure deletes them.
    clock += WINDOW + 1;
    await a.fail(["email:new@x.uk"]);
    expect(await serverA.signInFailure.count()).toBe(1);
  });
});
