// A table's sort in the URL ("title", "-created", "relevance") and TanStack Table's sorting state
// ([{ id: "created", desc: true }]) are the same thing written two ways: both tables keep the URL as
// the truth and hand TanStack its state, so the header component reads and toggles TanStack's.

export type SortingState = { id: string; desc: boolean }[];

/** The URL's sort as TanStack's state; a sort that no sortable column has (relevance) sorts no column. */
export function sortingFromParam(sort: string, sortable: readonly string[]): SortingState {
  const desc = sort.startsWith("-");
  const id = desc ? sort.slice(1) : sort;
  return sortable.includes(id) ? [{ id, desc }] : [];
}

/** TanStack's state back to the URL's sort; null when nothing is sorted (the table's default then). */
export function paramFromSorting(sorting: SortingState): string | null {
  const first = sorting[0];
  return first ? `${first.desc ? "-" : ""}${first.id}` : null;
}
