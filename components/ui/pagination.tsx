"use client";
import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon, ChevronsRightIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-end gap-1 text-sm">
      <span className="mr-2" aria-current="page">
        Page {page.toLocaleString("en-GB")} of {pages.toLocaleString("en-GB")}
      </span>
      <Button variant="outline" size="icon" className="size-8" disabled={page <= 1} onClick={() => onPage(1)} aria-label="First page">
        <ChevronsLeftIcon aria-hidden />
      </Button>
      <Button variant="outline" size="icon" className="size-8" disabled={page <= 1} onClick={() => onPage(page - 1)} aria-label="Previous page">
        <ChevronLeftIcon aria-hidden />
      </Button>
      <Button variant="outline" size="icon" className="size-8" disabled={page >= pages} onClick={() => onPage(page + 1)} aria-label="Next page">
        <ChevronRightIcon aria-hidden />
      </Button>
      <Button variant="outline" size="icon" className="size-8" disabled={page >= pages} onClick={() => onPage(Math.min(pages, 10_000))} aria-label="Last page">
        <ChevronsRightIcon aria-hidden />
      </Button>
    </nav>
  );
}
