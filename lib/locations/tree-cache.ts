// The UK location tree in memory, once per server process (31,767 static nodes, ~5 MB): the ads
// table expands a chosen region to every place below it, labels rows and suggests places.
import { getDb, type Db } from "@/lib/db/client";
import { PATH_SEPARATOR } from "./tree";

export type LocationRow = { id: number; name: string; path: string; depth: number; parentId: number | null; regionId: number | null };

export class LocationTree {
  readonly byId = new Map<number, LocationRow>();
  private readonly children = new Map<number, number[]>();

  constructor(readonly nodes: LocationRow[]) {
    for (const n of nodes) {
      this.byId.set(n.id, n);
      if (n.parentId !== null) {
        const list = this.children.get(n.parentId) ?? [];
        list.push(n.id);
        this.children.set(n.parentId, list);
      }
    }
  }

  /** The node and every node below it. */
  descendants(id: number): number[] {
    if (!this.byId.has(id)) return [];
    const out: number[] = [];
    const stack = [id];
    while (stack.length) {
      const n = stack.pop()!;
      out.push(n);
      for (const c of this.children.get(n) ?? []) stack.push(c);
    }
    return out;
  }

  /** "Mile End, East London, London": the place and its ancestors below the country. */
  label(id: number | null | undefined): string | null {
    const n = id == null ? undefined : this.byId.get(id);
    if (!n) return null;
    return n.path.split(PATH_SEPARATOR).slice(1).reverse().join(", ") || n.name;
  }

  /** Top-level regions (England's regions, Scotland, Wales, Northern Ireland…), by name. */
  regions(): LocationRow[] {
    return this.nodes.filter((n) => n.depth === 1).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Places whose name starts with (then contains) the text, shallow ones first. */
  search(text: string, limit = 12): LocationRow[] {
    const q = text.trim().toLowerCase();
    if (q.length < 2) return [];
    const starts: LocationRow[] = [];
    const contains: LocationRow[] = [];
    for (const n of this.nodes) {
      const name = n.name.toLowerCase();
      if (name.startsWith(q)) starts.push(n);
      else if (name.includes(q)) contains.push(n);
    }
    const byRelevance = (a: LocationRow, b: LocationRow) => a.depth - b.depth || a.name.localeCompare(b.name);
    return [...starts.sort(byRelevance), ...contains.sort(byRelevance)].slice(0, limit);
  }
}

const globalForTree = globalThis as unknown as { __rdLocationTree?: Promise<LocationTree> };

export function getLocationTree(db: Db = getDb()): Promise<LocationTree> {
  globalForTree.__rdLocationTree ??= db.location
    .findMany({ select: { id: true, name: true, path: true, depth: true, parentId: true, regionId: true } })
    .then((nodes) => new LocationTree(nodes))
    .catch((e) => {
      globalForTree.__rdLocationTree = undefined;
      throw e;
    });
  return globalForTree.__rdLocationTree;
}
