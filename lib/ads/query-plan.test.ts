import { describe, expect, it } from "vitest";
import { Sql } from "@/lib/db/sql";
import { walkSortIndex } from "./query-plan";

const category = Sql.of(`a."category" IN (?)`, "IT Jobs");
const salary = Sql.of(`a."salaryAnnual" >= ?`, 30000);
const text = (terms: Sql[]) => terms.map((t) => t.text);

describe("walkSortIndex: which plan the table's page of rows takes", () => {
  it("walks the sort's index when the match is broad enough to fill the page early", () => {
    // 25 rows from 1 in 10 ads: ~250 ads walked, not 25,000 sorted.
    const terms = walkSortIndex("sqlite", [category, salary], `a."updatedAt"`, { matching: 25_000, all: 250_000 }, 25);
    expect(text(terms)).toEqual([`+(a."category" IN (?) AND a."salaryAnnual" >= ?)`]);
    expect(terms[0].args).toEqual(["IT Jobs", 30000]);
  });

  it("looks the filter up when walking would pass more ads than match, or the page is deep", () => {
    expect(walkSortIndex("sqlite", [category], `a."updatedAt"`, { matching: 300, all: 250_000 }, 25)).toEqual([category]);
    expect(walkSortIndex("sqlite", [category], `a."updatedAt"`, { matching: 25_000, all: 250_000 }, 5_000)).toEqual([category]);
  });

  it("keeps a range on the sort column itself usable, and leaves PostgreSQL's planner alone", () => {
    expect(text(walkSortIndex("sqlite", [category, salary], `a."salaryAnnual"`, { matching: 25_000, all: 250_000 }, 25))).toEqual([
      `a."salaryAnnual" >= ?`,
      `+(a."category" IN (?))`,
    ]);
    expect(walkSortIndex("sqlite", [salary], `a."salaryAnnual"`, { matching: 25_000, all: 250_000 }, 25)).toEqual([salary]);
    expect(walkSortIndex("postgres", [category], `a."updatedAt"`, { matching: 25_000, all: 250_000 }, 25)).toEqual([category]);
    expect(walkSortIndex("sqlite", [category], `a."updatedAt"`, null, 25)).toEqual([category]);
  });
});
