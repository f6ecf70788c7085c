"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/stages", label: "Pipeline stages" },
  { href: "/admin/duplicates", label: "Duplicate ads" },
  { href: "/admin/salary-model", label: "Salary model" },
];

export function AdminTabs() {
  const path = usePathname();
  return (
    <nav aria-label="Admin sections" className="flex gap-1 border-b">
      {TABS.map((t) => {
        const current = path.startsWith(t.href);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={current ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm", current ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground")}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
