"use client";
// A page's own skip links ("Skip to the results"), placed first in the tab order: the page renders
// them and they appear in the shell's slot right after "Skip to content", before the header's
// links. Each moves focus to the first element its selector finds, so the next Tab continues from
// there (a search box, a table's first row link, the pager, the filters).
import { useSyncExternalStore } from "react";
import { createPortal } from "react-dom";

const noSubscription = () => () => {};

export const SKIP_LINKS_SLOT = "page-skip-links";
export const SKIP_LINK_CLASS = "sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2 focus:shadow";

export type SkipLink = { label: string; /** CSS selector of what to focus */ to: string };

export function PageSkipLinks({ links }: { links: SkipLink[] }) {
  // The slot is in the app shell's markup: found once mounted (null while rendering on the server).
  const slot = useSyncExternalStore(
    noSubscription,
    () => document.getElementById(SKIP_LINKS_SLOT),
    () => null,
  );
  if (!slot) return null;
  return createPortal(
    links.map((l) => (
      <a
        key={l.to}
        href={`#${l.to.replace(/[^\w-]/g, "")}`}
        className={SKIP_LINK_CLASS}
        onClick={(e) => {
          const target = document.querySelector<HTMLElement>(l.to);
          if (!target) return;
          e.preventDefault();
          if (!target.matches("a, button, input, select, textarea, [tabindex]")) target.tabIndex = -1;
          target.focus();
          target.scrollIntoView({ block: "nearest" });
        }}
      >
        {l.label}
      </a>
    )),
    slot,
  );
}
