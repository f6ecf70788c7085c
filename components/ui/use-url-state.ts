"use client";
import { useTransition } from "react";
import { useQueryStates, type UseQueryStatesKeysMap } from "nuqs";

/**
 * A server-driven table's state is the URL, read with the same parser map as the server. Changes
 * go through a transition (the current rows stay, marked busy, until the server answers), push
 * history entries (back/forward work) and drop values equal to their defaults.
 */
export function useUrlState<P extends UseQueryStatesKeysMap>(parsers: P) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(parsers, { shallow: false, history: "push", startTransition, clearOnDefault: true, scroll: false });
  /** Sets filters and goes back to page 1 (a filter change on page 40 would otherwise be empty). */
  const setFilters = (patch: Parameters<typeof setState>[0]) => setState({ ...(patch as object), page: null } as Parameters<typeof setState>[0]);
  return { state, setState, setFilters, pending };
}
