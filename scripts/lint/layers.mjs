// The layer rules (ESLint rule "layers/imports"): which folder may import what. One rule with all
// the logic, so every refusal says why and where to go instead.
//  1. app/ and components/ reach the database only through lib/ services (no lib/db, no Prisma).
//  2. Pure modules (parsers, models, rules) import nothing from Next.js, React, Prisma or the database:
//     they run in workers, scripts and tests as they are.
//  3. Engine folders in lib/ are imported by the app only through their public surface (their own
//     tests, and scripts such as benchmarks, may reach inside).
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Pure modules: globs relative to the repository root. */
export const PURE = [
  "lib/search/query.ts",
  "lib/duplicates/**",
  "lib/salary/**",
  "lib/locations/find-in-text.ts",
  "lib/locations/common-words.ts",
  "lib/locations/tree.ts",
  "lib/locations/resolve.ts",
  "lib/pipeline/stages.ts",
  "lib/ads/fields.ts",
  "lib/ads/derive.ts",
  "lib/ads/paragraphs.ts",
  "lib/ads/result-summary.ts",
  "lib/dashboard/params.ts",
  "lib/import/csv-reader.ts",
  "lib/import/salary.ts",
  "lib/import/salary-format.ts",
  "lib/import/text-ad.ts",
  "lib/import/candidate-csv.ts",
  "lib/candidates/keys.ts",
  "lib/matching/score.ts",
  "lib/matching/terms.ts",
  "lib/matching/distance.ts",
  "lib/table-sort.ts",
  "lib/format.ts",
];

/** Engine folders and the modules others may import (the rest is theirs alone). */
export const SURFACES = {
  search: ["query", "full-text"],
  extract: ["sandbox", "zip-limits"],
  duplicates: ["index"],
  events: ["record-change"],
};

const FRAMEWORK = [/^next($|\/)/, /^react($|\/)/, /^react-dom($|\/)/, /^@prisma\//, /^server-only$/, /^lib\/db\//, /^lib\/generated\//];
const DATABASE = [/^@prisma\//, /^lib\/db\//, /^lib\/generated\//];

const glob = (g) =>
  new RegExp(
    "^" +
      g
        .replace(/\./g, "\\.")
        .replace(/\*\*/g, "\u0000")
        .replace(/\*/g, "[^/]*")
        .replace(/\u0000/g, ".*") +
      "$",
  );
const pure = PURE.map(glob);

/** An import specifier as a repository path ("lib/db/client"), or the bare package name. */
function target(spec, file) {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith("."))
    return path
      .relative(ROOT, path.resolve(path.dirname(file), spec))
      .split(path.sep)
      .join("/");
  return spec;
}

function problem(fileRel, to) {
  const bare = to.replace(/\.(m?[jt]sx?)$/, "");
  if ((fileRel.startsWith("app/") || fileRel.startsWith("components/")) && DATABASE.some((r) => r.test(bare)))
    return "Pages, routes and components reach the database only through lib/ services: call a lib/ function instead.";
  if (pure.some((r) => r.test(fileRel)) && FRAMEWORK.some((r) => r.test(bare)))
    return `${fileRel} is a pure module (scripts/lint/layers.mjs PURE): it may not import ${to}; pass what it needs in.`;
  const m = /^lib\/([^/]+)\/([^/]+)$/.exec(bare);
  const app = /^(app|components|lib)\//.test(fileRel) && !/\.test\.tsx?$/.test(fileRel);
  if (app && m && SURFACES[m[1]] && !fileRel.startsWith(`lib/${m[1]}/`) && !SURFACES[m[1]].includes(m[2]))
    return `lib/${m[1]}/${m[2]} is internal to lib/${m[1]}: import from ${SURFACES[m[1]].map((s) => (s === "index" ? `@/lib/${m[1]}` : `@/lib/${m[1]}/${s}`)).join(" or ")}.`;
  return null;
}

const importsRule = {
  meta: { type: "problem", docs: { description: "Keep the layers: database access, pure modules, engine surfaces" }, schema: [] },
  create(context) {
    const fileRel = path.relative(ROOT, context.filename).split(path.sep).join("/");
    const check = (node, source) => {
      if (!source || typeof source.value !== "string") return;
      const message = problem(fileRel, target(source.value, context.filename));
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export const layers = { rules: { imports: importsRule } };
export { problem as layerProblem };
