import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; under test the guard has nothing to guard.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tests/db/**/*.test.ts"],
    setupFiles: ["tests/support/no-overlapping-queries.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Imports run as child processes by the tests start no salary training after them.
    env: { SALARY_AFTER_IMPORT: "0" },
  },
});
