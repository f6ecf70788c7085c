// Loads the location tree into the Location table. Idempotent: nodes already present (by path)
// are kept with their ids; only missing ones are added, parents first.
import { readFileSync } from "node:fs";
import { dialectOfDb, type Db } from "@/lib/db/client";
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
        const chunk = rows.slice(i, i + CHUNK);
        const values = chunk
          .map((_, r) => {
            const b = r * 6;
            return dialect === "postgres" ? `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})` : "(?, ?, ?, ?, ?, ?)";
          })
          .join(", ");
        const args = chunk.flatMap((n) => [n.id, n.name, n.path, n.depth, n.parentId, n.regionId]);
        await tx.$executeRawUnsafe(`INSERT INTO "Location" ("id", "name", "path", "depth", "parentId", "regionId") VALUES ${values}`, ...args);
      }
      if (dialect === "postgres") {
        // Ids were given explicitly: move the sequence past them.
        await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Location"', 'id'), (SELECT MAX(id) FROM "Location"))`);
      }
    },
    { timeout: 120_000 },
  );
  return { added: rows.length, total: ids.size };
}
