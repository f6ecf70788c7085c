// The UK location hierarchy from Adzuna's Location_Tree.csv: one quoted path per line,
// "UK~London~East London~Mile End". Every prefix of a path is a node too.

export type LocationNode = { path: string; name: string; depth: number; parentPath: string | null };

export const PATH_SEPARATOR = "~";

export function parseLocationTree(text: string): LocationNode[] {
  const nodes = new Map<string, LocationNode>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^"|"$/g, "").trim();
    if (!line) continue;
    const parts = line.split(PATH_SEPARATOR).map((p) => p.trim());
    if (parts.some((p) => !p)) continue;
    for (let depth = 0; depth < parts.length; depth++) {
      const path = parts.slice(0, depth + 1).join(PATH_SEPARATOR);
      if (!nodes.has(path)) {
        nodes.set(path, {
          path,
          name: parts[depth],
          depth,
          parentPath: depth === 0 ? null : parts.slice(0, depth).join(PATH_SEPARATOR),
        });
      }
    }
  }
  // Parents before children, so ids can be assigned in one pass.
  return [...nodes.values()].sort((a, b) => a.depth - b.depth || a.path.localeCompare(b.path));
}
