// ESLint (flat config): TypeScript, React hooks and Next.js rules, plus the layer rules in
// scripts/lint/layers.mjs. `npm run lint` runs it with zero warnings allowed; CI runs it in `npm test`.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";
import { layers } from "./scripts/lint/layers.mjs";

export default defineConfig([
  globalIgnores(["lib/generated/**", ".next/**", "data/**", "tests/.tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"] ?? reactHooks.configs.flat.recommended,
  { plugins: { "@next/next": nextPlugin }, rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules } },
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Control characters are deliberate here: \u0000-\u0002 mark snippet highlights and separate
      // keys, and text readers strip control characters on purpose.
      "no-control-regex": "off",
    },
  },
  { files: ["**/*.{ts,tsx,mjs,js}"], plugins: { layers }, rules: { "layers/imports": "error" } },
]);
