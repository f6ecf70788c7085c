import { describe, expect, it } from "vitest";
import { can, canChangeImport, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "./permissions";

describe("permission table", () => {
  it("gives admins every permission", () => {
    for (const p of PERMISSIONS) expect(can("ADMIN", p)).toBe(true);
  });

  it("keeps admin-only powers away from recruiters", () => {
    for (const p of ["users:manage", "ads:edit", "ads:close", "imports:revert", "imports:any", "candidates:export", "candidates:erase", "stages:manage", "audit:read"] as const) {
      expect(can("RECRUITER", p), p).toBe(false);
    }
  });

  it("lets recruiters do the daily work", () => {
    for (const p of ["ads:read", "ads:tag", "imports:create", "candidates:write", "applications:write"] as const) {
      expect(can("RECRUITER", p), p).toBe(true);
    }
  });

  it("refuses a missing role", () => {
    expect(can(undefined, "ads:read")).toBe(false);
    expect(can(null, "ads:read")).toBe(false);
  });

  it("only lists known permissions, once each", () => {
    for (const role of ROLES) {
      const perms = ROLE_PERMISSIONS[role];
      expect(new Set(perms).size).toBe(perms.length);
      for (const p of perms) expect(PERMISSIONS).toContain(p);
    }
  });

  it("lets an import's creator and admins change it, and no other recruiter", () => {
    const imp = { createdById: "u1" };
    expect(canChangeImport({ id: "u1", role: "RECRUITER" }, imp)).toBe(true);
    expect(canChangeImport({ id: "u2", role: "RECRUITER" }, imp)).toBe(false);
    expect(canChangeImport({ id: "u2", role: "ADMIN" }, imp)).toBe(true);
    // A command-line import has no creator: only admins.
    expect(canChangeImport({ id: "u1", role: "RECRUITER" }, { createdById: null })).toBe(false);
  });
});
