"use client";
import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon, ChevronsRightIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { MAX_PAGE } from "@/lib/url-params";

type Target = { page: number; disabled: boolean; label: string; icon: React.ReactNode };

/**
 * Page controls: buttons that call onPage (tables whose page lives in client URL state), or links
 * to `path?param=N` (server-rendered lists) — one look, one set of labels.
 */
export function Pagination({
  page,
  pages,
  ...to
}: { page: number; pages: number } & ({ onPage: (page: number) => void; link?: never } | { link: { path: string; param: string }; onPage?: never })) {
  if (pages <= 1) return null;
  const targets: Target[] = [
    { page: 1, disabled: page <= 1, label: "First page", icon: <ChevronsLeftIcon aria-hidden /> },
    { page: page - 1, disabled: page <= 1, label: "Previous page", icon: <ChevronLeftIcon aria-hidden /> },
    { page: page + 1, disabled: page >= pages, label: "Next page", icon: <ChevronRightIcon aria-hidden /> },
    { page: Math.min(pages, MAX_PAGE), disabled: page >= pages, label: "Last page", icon: <ChevronsRightIcon aria-hidden /> },
  ];
  const href = (n: number) => (to.link ? (n === 1 ? to.link.path : `${to.link.path}?${to.link.param}=${n}`) : "");
  return (
    <nav aria-label="Pagination" className="flex items-center justify-end gap-1 text-sm">
      <span className="mr-2" aria-current="page">
        Page {page.toLocaleString("en-GB")} of {pages.toLocaleString("en-GB")}
      </span>
      {targets.map((t) =>
        to.link && !t.disabled ? (
          <Button key={t.label} asChild variant="outline" size="icon" className="size-8">
            <Link href={href(t.page)} aria-label={t.label}>
              {t.icon}
            </Link>
          </Button>
        ) : (
          <Button key={t.label} variant="outline" size="icon" className="size-8" disabled={t.disabled} onClick={() => to.onPage?.(t.page)} aria-label={t.label}>
            {t.icon}
          </Button>
        ),
      )}
    </nav>
  );
}
