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
  "candidates:read",
  "candidates:write",
  "candidates:merge",
  "candidates:export",
  "candidates:erase",
  "applications:write",
  "stages:manage",
  "users:manage",
  "audit:read",
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

export const ROLE_LABELS: Readonly<Record<Role, string>> = { ADMIN: "Admin", RECRUITER: "Recruiter" };
