"use client";
import { useMemo, useTransition } from "react";
import { useQueryStates, type inferParserType, type UseQueryStatesKeysMap } from "nuqs";

/**
 * A server-driven table's state is the URL, read with the same parser map as the server. Changes
 * go through a transition (the current rows stay, marked busy, until the server answers), push
 * history entries (back/forward work) and drop values equal to their defaults.
 *
 * `latest` is the URL state as the last click left it, normalised as the server does (`normalise`,
 * e.g. normaliseAdsTableParams), not the state of the page still on screen: a second click on a
 * sort header or "Next page" before the first answer arrives builds on the first (descending after
 * ascending; page 3 after page 2).
 */
export function useUrlState<P extends UseQueryStatesKeysMap, R>(parsers: P, normalise: (state: inferParserType<P>) => R) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(parsers, { shallow: false, history: "push", startTransition, clearOnDefault: true, scroll: false });
  const latest = useMemo(() => normalise(state as inferParserType<P>), [normalise, state]);
  /** Sets filters and goes back to page 1 (a filter change on page 40 would otherwise be empty). */
  const setFilters = (patch: Parameters<typeof setState>[0]) => setState({ ...(patch as object), page: null } as Parameters<typeof setState>[0]);
  return { state, latest, setState, setFilters, pending };
}
