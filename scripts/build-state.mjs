// Whether the production build is missing or older than the sources it is built from.
// Plain Node with no dependencies: `npm run up` uses it before `npm ci`, the benchmarks after.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "prisma", "proxy.ts", "next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "generated" && e !== "node_modules") walk(path.join(p, e));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(walk);
  return newest;
}

/** True when `.next/BUILD_ID` is missing or older than any source (run from the project root). */
export function buildIsStale() {
  const buildId = ".next/BUILD_ID";
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestMtime(SOURCES);
}
