// Who may do what: the one permission table. Pages, server actions and route handlers check it on
// the server (lib/auth/session.ts); the UI uses the same table only to hide what a role cannot do.

export const ROLES = ["ADMIN", "RECRUITER"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "ads:read",
  "ads:tag",
  "ads:edit",
  "ads:close",
  "ads:export",
  "tags:manage",
  "views:manage",
  "imports:create",
  "imports:revert",
  /** add files to, start or cancel anyone's import (everyone may their own) */
  "imports:any",
  "candidates:read",
  "candidates:write",
  "candidates:merge",
  "candidates:export",
  "candidates:erase",
  "applications:write",
  "stages:manage",
  "users:manage",
  "audit:read",
  /** "not a duplicate", closing a group's copies, rebuilding the groups */
  "duplicates:manage",
  /** train the salary model (Admin → Salary model) */
  "salary:train",
  /** end one's own sessions ("sign out everywhere") */
  "account:sessions",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const RECRUITER: readonly Permission[] = [
  "ads:read",
  "ads:tag",
  "ads:export",
  "tags:manage",
  "views:manage",
  "imports:create",
  "candidates:read",
  "candidates:write",
  "candidates:merge",
  "applications:write",
  "account:sessions",
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: PERMISSIONS,
  RECRUITER,
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && ROLE_PERMISSIONS[role].includes(permission);
}

type Actor = { id: string; role: Role | string };

/**
 * Per-resource rule: a record someone created may be changed by its creator, and by a role holding
 * `anyPermission` (e.g. an admin for anyone's import).
 */
export function canChangeOwned(user: Actor, ownerId: string | null, anyPermission: Permission): boolean {
  return (ownerId !== null && ownerId === user.id) || can(user.role as Role, anyPermission);
}

/** An import: its creator, or whoever may handle anyone's. */
export const canChangeImport = (user: Actor, imp: { createdById: string | null }) => canChangeOwned(user, imp.createdById, "imports:any");

export const ROLE_LABELS: Readonly<Record<Role, string>> = { ADMIN: "Admin", RECRUITER: "Recruiter" };
