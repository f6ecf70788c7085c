// Loads the location tree into the Location table. Idempotent: nodes already present (by path)
// are kept with their ids; only missing ones are added, parents first.
import { readFileSync } from "node:fs";
import { dialectOfDb, type Db } from "@/lib/db/client";
import { parseLocationTree } from "./tree";

export async function loadLocationTree(db: Db, csvPath: string): Promise<{ added: number; total: number }> {
  const nodes = parseLocationTree(readFileSync(csvPath, "utf8"));
  const existing = await db.location.findMany({ select: { id: true, path: true } });
  const ids = new Map(existing.map((l) => [l.path, l.id]));
  if (existing.length >= nodes.length && nodes.every((n) => ids.has(n.path))) return { added: 0, total: existing.length };

  let nextId = existing.reduce((m, l) => Math.max(m, l.id), 0) + 1;
  const rows: { id: number; path: string; name: string; depth: number; parentId: number | null }[] = [];
  for (const n of nodes) {
    if (ids.has(n.path)) continue;
    const id = nextId++;
    ids.set(n.path, id);
    rows.push({ id, path: n.path, name: n.name, depth: n.depth, parentId: n.parentPath ? ids.get(n.parentPath)! : null });
  }
  await db.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 2000) await tx.location.createMany({ data: rows.slice(i, i + 2000) });
    if (dialectOfDb(db) === "postgres") {
      // Ids were given explicitly: move the sequence past them.
      await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Location"', 'id'), (SELECT MAX(id) FROM "Location"))`);
    }
  }, { timeout: 120_000 });
  return { added: rows.length, total: ids.size };
}
