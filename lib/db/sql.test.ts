import { describe, expect, it } from "vitest";
import { idWindow, inIds, inList, Sql, sql, values } from "./sql";

describe("Sql", () => {
  it("composes fragments with their arguments in order, and numbers them for PostgreSQL", () => {
    const where = Sql.join([sql(`a."salary" >= ?`, 20000), inList(`a."status"`, ["OPEN", "CLOSED"])], " AND ");
    const statement = sql(`SELECT a."id" FROM "Ad" a WHERE `).append(where).append(sql(" LIMIT ?", 25));
    expect(statement.render("sqlite")).toEqual([`SELECT a."id" FROM "Ad" a WHERE a."salary" >= ? AND a."status" IN (?, ?) LIMIT ?`, [20000, "OPEN", "CLOSED", 25]]);
    expect(statement.render("postgres")).toEqual([`SELECT a."id" FROM "Ad" a WHERE a."salary" >= $1 AND a."status" IN ($2, $3) LIMIT $4`, [20000, "OPEN", "CLOSED", 25]]);
  });

  it("an empty list matches nothing rather than being invalid SQL", () => {
    expect(inList("x", []).render("sqlite")).toEqual(["1 = 0", []]);
  });

  it("passes a list of ids as one parameter in each dialect", () => {
    expect(inIds("sqlite", "a.id", [3, 1, 2]).render("sqlite")).toEqual(["a.id IN (SELECT value FROM json_each(?))", ["[3,1,2]"]]);
    expect(inIds("postgres", "a.id", [3, 1, 2]).render("postgres")).toEqual(["a.id = ANY($1::int[])", [[3, 1, 2]]]);
    expect(idWindow("postgres", [3, 1]).source.render("postgres")).toEqual(["unnest($1::int[]) WITH ORDINALITY j(id, ord)", [[3, 1]]]);
  });

  it("writes multi-row VALUES", () => {
    expect(
      values([
        [1, "a"],
        [2, "b"],
      ]).render("postgres"),
    ).toEqual(["($1, $2), ($3, $4)", [1, "a", 2, "b"]]);
  });
});
