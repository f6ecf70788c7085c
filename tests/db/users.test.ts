import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { changeRole, createUser, resetPassword, setActive } from "@/lib/users/service";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

describe.each(testDialects())("users on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(`users_${dialect}`, dialect);
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  const make = (email: string, role: "ADMIN" | "RECRUITER" = "RECRUITER") => createUser({ email, name: email.split("@")[0], role, password: "a-long-password" }, null, db);

  it("stores a hashed password and refuses a second account with the same email", async () => {
    const u = await make("ann@x.uk");
    const row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword(row.passwordHash, "a-long-password")).toBe(true);
    await expect(make("ann@x.uk")).rejects.toMatchObject({ message: "A user with the email ann@x.uk already exists.", code: "CONFLICT" });
    await expect(make("ann@x.uk")).rejects.toBeInstanceOf(UserError);
  });

  it("never demotes or deactivates the last active admin", async () => {
    const boss = await make("boss@x.uk", "ADMIN");
    await expect(changeRole(boss.id, "RECRUITER", boss.id, db)).rejects.toThrowError(/last active admin cannot be demoted/);
    await expect(setActive(boss.id, false, boss.id, db)).rejects.toThrowError(/last active admin cannot be deactivated/);
    expect(await db.user.findUniqueOrThrow({ where: { id: boss.id }, select: { role: true, active: true } })).toEqual({ role: "ADMIN", active: true });

    const deputy = await make("deputy@x.uk", "ADMIN");
    await changeRole(boss.id, "RECRUITER", deputy.id, db);
    expect((await db.user.findUniqueOrThrow({ where: { id: boss.id } })).role).toBe("RECRUITER");
    await expect(setActive(deputy.id, false, deputy.id, db)).rejects.toThrowError(/last active admin/);
    const events = await db.auditEvent.findMany({ where: { entity: "user", entityId: boss.id }, select: { action: true, actorId: true, changes: true } });
    expect(events).toContainEqual({ action: "change-role", actorId: deputy.id, changes: JSON.stringify({ role: ["ADMIN", "RECRUITER"] }) });
  });

  it("ends open sessions when a user is deactivated or their password is reset", async () => {
    const u = await make("leaver@x.uk");
    const admin = await make("admin2@x.uk", "ADMIN");
    await setActive(u.id, false, admin.id, db);
    let row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ active: false, sessionVersion: 1 });
    await setActive(u.id, true, admin.id, db);
    await resetPassword(u.id, "another-long-password", admin.id, db);
    row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ active: true, sessionVersion: 2 });
    expect(await verifyPassword(row.passwordHash, "another-long-password")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "a-long-password")).toBe(false);
  });
});
