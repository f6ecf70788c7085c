import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/salary is plain TypeScript: the app, the CLI and a worker can all load it. This follows every
// import from its modules through the repository and lists what is reached from outside it.
function reachable(entry: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)) {
      const local = spec.startsWith("@/") ? path.resolve(spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
      if (!local) {
        packages.add(spec);
        continue;
      }
      const resolved = [`${local}.ts`, `${local}/index.ts`, local].find((f) => existsSync(f) && f.endsWith(".ts"));
      if (resolved) queue.push(resolved);
    }
  }
  return { files, packages };
}

describe("lib/salary", () => {
  it("imports no framework, database or server-only module, directly or through other modules", () => {
    const dir = path.resolve("lib/salary");
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => path.join(dir, f));
    const { files, packages } = reachable(modules);
    expect([...packages].filter((p) => /^(next|react|@prisma\/|server-only|pg|better-sqlite3)/.test(p))).toEqual([]);
    expect([...packages].every((p) => p.startsWith("node:"))).toBe(true);
    expect([...files].map((f) => path.relative(path.resolve("."), f)).filter((f) => f.startsWith("lib/db"))).toEqual([]);
  });
});
