"use client";
import { useTransition } from "react";
import { useQueryStates } from "nuqs";
import { adsTableParsers } from "@/lib/ads/table-params";

/**
 * The table's state is the URL: the same parser map the server reads. Changes go through a
 * transition (the current rows stay, marked busy, until the server answers), push history
 * entries (back/forward work) and drop values equal to their defaults.
 */
export function useAdsUrl() {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(adsTableParsers, { shallow: false, history: "push", startTransition, clearOnDefault: true, scroll: false });
  /** Sets filters and goes back to page 1 (a filter change on page 40 would otherwise be empty). */
  const setFilters = (patch: { [K in keyof typeof state]?: (typeof state)[K] | null }) => setState({ ...patch, page: null });
  return { state, setState, setFilters, pending };
}
