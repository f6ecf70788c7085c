// How the ads table's page of rows is fetched: as ids for the page (an index walk in sort order),
// choosing between walking the sort's index and looking the filters up, and keeping ads without a
// salary last either way. The details of those ids are fetched after (ad-rows.ts).
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { query, Sql } from "@/lib/db/sql";
import { salaryColumn, whereOf, type From } from "./ad-filters";
import type { AdsTableParams } from "./table-params";

const ORDER: Record<Exclude<AdsTableParams["sort"], "relevance">, string> = {
  updated: `a."updatedAt" ASC, a."id" ASC`,
  "-updated": `a."updatedAt" DESC, a."id" DESC`,
  created: `a."createdAt" ASC, a."id" ASC`,
  "-created": `a."createdAt" DESC, a."id" DESC`,
  title: `a."titleKey" ASC, a."id" ASC`,
  "-title": `a."titleKey" DESC, a."id" DESC`,
  salary: `a."salaryAnnual" ASC, a."id" ASC`,
  "-salary": `a."salaryAnnual" DESC, a."id" DESC`,
};

/** `salary`: the column or expression salary sorts read (with estimates: the estimate when no salary). */
function orderOf(sort: Exclude<AdsTableParams["sort"], "relevance">, salary: string): string {
  return sort === "salary" || sort === "-salary" ? ORDER[sort].replace(`a."salaryAnnual"`, salary) : ORDER[sort];
}

export function orderFor(sort: Exclude<AdsTableParams["sort"], "relevance">, salary = `a."salaryAnnual"`): string {
  // Ads without a salary go last either way.
  return (sort === "salary" || sort === "-salary" ? `${salary} IS NULL, ` : "") + orderOf(sort, salary);
}

/** The ORDER BY of a table state over `from` (a search window keeps its rank order). */
export function tableOrder(p: AdsTableParams, from: From): string {
  return p.sort === "relevance" && from.ranked ? from.ranked : orderFor(p.sort === "relevance" ? "-updated" : p.sort, salaryColumn(p));
}

/**
 * SQLite's planner, given a filter with an index (category, salary range, company…) and a sort
 * with another, takes the filter's index and sorts every match: 20–80 ms for a broad filter at
 * 250,000 ads, to show 25 rows. Walking the sort's index and testing each ad stops after about
 * (offset + limit) × all / matching ads. The cube has just counted `matching`, so choose: walk
 * when that is fewer ads than sorting the matches would touch. The filters are made one term the
 * planner cannot look up ("+(…)"), except those on the sort column itself (a salary range keeps
 * its range when sorting by salary). PostgreSQL estimates this itself from its statistics.
 */
export function walkSortIndex(dialect: Dialect, where: Sql[], sortColumn: string, counts: { matching: number; all: number } | null, end: number): Sql[] {
  if (dialect !== "sqlite" || !counts || !where.length || counts.matching <= 0) return where;
  if ((end * counts.all) / counts.matching > counts.matching) return where;
  const onSort = where.filter((w) => w.text.includes(sortColumn));
  const others = where.filter((w) => !w.text.includes(sortColumn));
  return others.length ? [...onSort, Sql.of("+").append(Sql.join(others, " AND ").wrap())] : where;
}

export async function pageOfIds(db: Db, dialect: Dialect, from: From, where: Sql[], p: AdsTableParams, counts: { matching: number; all: number } | null): Promise<number[]> {
  const offset = (p.page - 1) * p.perPage;
  const ids = (sql: Sql) => query<{ id: number | bigint }>(db, sql, dialect).then((rows) => rows.map((r) => Number(r.id)));
  const select = (filters: Sql[], order: string, limit: number, skip: number) => {
    const sortColumn = order.slice(0, order.indexOf(" "));
    const terms = from.window ? filters : walkSortIndex(dialect, filters, sortColumn, counts, skip + limit);
    return ids(
      Sql.of(`SELECT a."id" AS id`)
        .append(from.sql)
        .append(whereOf(terms))
        .append(Sql.of(` ORDER BY ${order} LIMIT ? OFFSET ?`, limit, skip)),
    );
  };
  if ((p.sort === "salary" || p.sort === "-salary") && !from.window) {
    // Ads without a salary go last either way. "ORDER BY salary IS NULL, …" would sort every
    // matching ad; instead walk the (salaryAnnual, id) index over the known salaries, and only
    // when the page runs past them, count those and continue into the unknown ones.
    // With estimates the sort reads an expression (no index to walk): fine for the ads that have one.
    const salary = salaryColumn(p);
    const known = await select([...where, Sql.of(`${salary} IS NOT NULL`)], orderOf(p.sort, salary), p.perPage, offset);
    if (known.length === p.perPage) return known;
    const [{ n }] = await query<{ n: number | bigint }>(
      db,
      Sql.of(`SELECT count(*) AS n`)
        .append(from.sql)
        .append(whereOf([...where, Sql.of(`${salary} IS NOT NULL`)])),
      dialect,
    );
    const unknown = await select(
      [...where, Sql.of(`${salary} IS NULL`)],
      p.sort === "salary" ? `a."id" ASC` : `a."id" DESC`,
      p.perPage - known.length,
      Math.max(0, offset - Number(n)),
    );
    return [...known, ...unknown];
  }
  return select(where, tableOrder(p, from), p.perPage, offset);
}
