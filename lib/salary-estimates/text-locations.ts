// Places found in the text of ads that have none, for ads imported before the importer looked
// (lib/ads/derive.ts deriveImportedLocation does it for new ones). Run by every salary training
// before it reads the ads (the model and the region filter need a place; `npm run train:salary`
// runs one). Only ads with no location are touched, so a given location is never overridden;
// re-running finds nothing new to do for ads already placed.
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { execute, query, Sql } from "@/lib/db/sql";
import { typedValues } from "./sql-values";
import { TextLocationFinder } from "@/lib/locations/find-in-text";
import type { LocationRow } from "@/lib/locations/tree-cache";

const PAGE = 1000;

export type TextLocationCounts = { looked: number; found: number };

export async function fillTextLocations(db: Db, dialect: Dialect): Promise<TextLocationCounts> {
  const counts: TextLocationCounts = { looked: 0, found: 0 };
  let finder: TextLocationFinder | null = null;
  let after = 0;
  for (;;) {
    const rows = await query<{ id: number; title: string; description: string | null }>(
      db,
      Sql.of(
        `SELECT a."id", a."title", t."description" FROM "Ad" a LEFT JOIN "AdText" t ON t."adId" = a."id"
         WHERE a."locationId" IS NULL AND a."locationSource" IS NULL AND a."id" > ? ORDER BY a."id" LIMIT ?`,
        after,
        PAGE,
      ),
      dialect,
    );
    if (!rows.length) break;
    if (!finder) {
      const nodes = await query<LocationRow>(db, Sql.of(`SELECT "id", "name", "path", "depth", "parentId", "regionId" FROM "Location"`), dialect);
      finder = new TextLocationFinder(nodes.map((n) => ({ ...n, id: Number(n.id), parentId: n.parentId === null ? null : Number(n.parentId), depth: Number(n.depth) })));
    }
    const found: [number, number, number | null][] = [];
    for (const r of rows) {
      counts.looked++;
      const place = finder.find({ title: r.title, description: r.description ?? "" });
      if (place) found.push([Number(r.id), place.node.id, (place.node as LocationRow).regionId ?? null]);
    }
    if (found.length) counts.found += await setTextLocations(db, dialect, found);
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1].id);
  }
  return counts;
}

async function setTextLocations(db: Db, dialect: Dialect, rows: [number, number, number | null][]): Promise<number> {
  const statement =
    dialect === "postgres"
      ? Sql.of(`UPDATE "Ad" a SET "locationId" = v.loc, "regionId" = v.reg, "locationSource" = 'text' FROM (VALUES `)
          .append(typedValues(dialect, rows, ["int", "int", "int"]))
          .append(`) AS v(id, loc, reg) WHERE a."id" = v.id AND a."locationId" IS NULL`)
      : Sql.of(`UPDATE "Ad" SET "locationId" = v.column2, "regionId" = v.column3, "locationSource" = 'text' FROM (VALUES `)
          .append(typedValues(dialect, rows, ["int", "int", "int"]))
          .append(`) AS v WHERE "Ad"."id" = v.column1 AND "Ad"."locationId" IS NULL`);
  return execute(db, statement, dialect);
}
