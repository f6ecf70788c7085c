import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission };

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard", permission: "ads:read" },
  { href: "/ads", label: "Ads", permission: "ads:read" },
  { href: "/salaries", label: "Salaries", permission: "ads:read" },
  { href: "/tags", label: "Tags", permission: "tags:manage" },
  { href: "/candidates", label: "Candidates", permission: "candidates:read" },
  { href: "/imports", label: "Imports", permission: "imports:create" },
  { href: "/admin/users", label: "Admin", permission: "users:manage" },
];
