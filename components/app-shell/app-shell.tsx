import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { NAV_ITEMS } from "./nav";
import { SKIP_LINK_CLASS, SKIP_LINKS_SLOT } from "./skip-links";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const items = NAV_ITEMS.filter((i) => can(user.role, i.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className={SKIP_LINK_CLASS}>
        Skip to content
      </a>
      <div id={SKIP_LINKS_SLOT} className="contents" />
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-6 px-4">
          <Link href="/" className="font-semibold">
            Recruiter Desk
          </Link>
          <NavLinks items={items} />
          <div className="ml-auto">
            <UserMenu name={user.name} email={user.email} role={user.role} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
