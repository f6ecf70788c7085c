import { describe, expect, it } from "vitest";
import { paramFromSorting, sortingFromParam } from "./table-sort";

const sortable = ["title", "created"];

describe("table sort", () => {
  it("reads the URL's sort as TanStack's state and back", () => {
    for (const sort of ["title", "-title", "created", "-created"]) expect(paramFromSorting(sortingFromParam(sort, sortable))).toBe(sort);
    expect(sortingFromParam("-created", sortable)).toEqual([{ id: "created", desc: true }]);
  });
  it("sorts no column for relevance or a sort no column has", () => {
    expect(sortingFromParam("relevance", sortable)).toEqual([]);
    expect(sortingFromParam("-salary", sortable)).toEqual([]);
    expect(paramFromSorting([])).toBeNull();
  });
});
