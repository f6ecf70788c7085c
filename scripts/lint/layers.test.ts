import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { layerProblem } from "./layers.mjs";

describe("layer rules", () => {
  it("keeps the database out of pages and components", () => {
    expect(layerProblem("app/(dashboard)/ads/page.tsx", "lib/db/client")).toMatch(/only through lib\/ services/);
    expect(layerProblem("components/ads/ads-table.tsx", "@prisma/client")).toMatch(/only through lib\/ services/);
    expect(layerProblem("lib/ads/ad.ts", "lib/db/client")).toBeNull();
    expect(layerProblem("app/(dashboard)/ads/page.tsx", "lib/ads/find-ads")).toBeNull();
  });

  it("keeps pure modules free of frameworks and the database", () => {
    for (const t of ["next/navigation", "react", "@prisma/client", "server-only", "lib/db/sql"]) expect(layerProblem("lib/search/query.ts", t), t).toMatch(/pure module/);
    expect(layerProblem("lib/salary/train.ts", "react")).toMatch(/pure module/);
    expect(layerProblem("lib/search/query.ts", "zod")).toBeNull();
  });

  it("lets the app into an engine folder only through its surface", () => {
    expect(layerProblem("lib/import/pipeline.ts", "lib/duplicates/minhash")).toMatch(/internal to lib\/duplicates: import from @\/lib\/duplicates/);
    expect(layerProblem("lib/import/pipeline.ts", "lib/duplicates/index")).toBeNull();
    expect(layerProblem("lib/duplicates/detector.ts", "lib/duplicates/minhash")).toBeNull();
    expect(layerProblem("lib/ads/find-ads.ts", "lib/search/fts5-snippets")).toMatch(/internal to lib\/search/);
    // Benchmarks and an engine's tests may look inside.
    expect(layerProblem("scripts/bench-duplicates.ts", "lib/duplicates/minhash")).toBeNull();
  });

  it("is wired into the lint run: a page importing the database client fails `npm run lint`", async () => {
    const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });
    const [result] = await eslint.lintText('import { getDb } from "@/lib/db/client";\nexport const db = getDb();\n', { filePath: "app/(dashboard)/probe/page.tsx" });
    expect(result.messages.map((m) => m.ruleId)).toContain("layers/imports");
  });
});
