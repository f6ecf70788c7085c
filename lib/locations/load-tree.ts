// Loads the location tree into the Location table. Idempotent: nodes already present (by path)
// are kept with their ids; only missing ones are added, parents first.
import { readFileSync } from "node:fs";
import { dialectOfDb, type Db } from "@/lib/db/client";
import { execute, query, Sql, values } from "@/lib/db/sql";
import { parseLocationTree } from "./tree";

export async function loadLocationTree(db: Db, csvPath: string): Promise<{ added: number; total: number }> {
  const nodes = parseLocationTree(readFileSync(csvPath, "utf8"));
  const existing = await db.location.findMany({ select: { id: true, path: true, regionId: true } });
  const ids = new Map(existing.map((l) => [l.path, l.id]));
  const regions = new Map(existing.map((l) => [l.path, l.regionId]));
  if (existing.length >= nodes.length && nodes.every((n) => ids.has(n.path))) return { added: 0, total: existing.length };

  let nextId = existing.reduce((m, l) => Math.max(m, l.id), 0) + 1;
  const rows: { id: number; path: string; name: string; depth: number; parentId: number | null; regionId: number | null }[] = [];
  for (const n of nodes) {
    if (ids.has(n.path)) continue;
    const id = nextId++;
    ids.set(n.path, id);
    // The top-level region: the node itself at depth 1, its parent's region below that.
    const regionId = n.depth === 0 ? null : n.depth === 1 ? id : (regions.get(n.parentPath!) ?? null);
    regions.set(n.path, regionId);
    rows.push({ id, path: n.path, name: n.name, depth: n.depth, parentId: n.parentPath ? ids.get(n.parentPath)! : null, regionId });
  }
  // Multi-row INSERTs through the client's raw channel: row-by-row createMany of 31,767 nodes
  // took several seconds; this is a fraction of one.
  const dialect = dialectOfDb(db);
  const CHUNK = 1000;
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK).map((n) => [n.id, n.name, n.path, n.depth, n.parentId, n.regionId]);
        await execute(tx, Sql.of(`INSERT INTO "Location" ("id", "name", "path", "depth", "parentId", "regionId") VALUES `).append(values(chunk)), dialect);
      }
      if (dialect === "postgres") {
        // Ids were given explicitly: move the sequence past them.
        await query(tx, Sql.of(`SELECT setval(pg_get_serial_sequence('"Location"', 'id'), (SELECT MAX(id) FROM "Location"))`), dialect);
      }
    },
    { timeout: 120_000 },
  );
  return { added: rows.length, total: ids.size };
}
