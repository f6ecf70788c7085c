#!/usr/bin/env node
// Generates both Prisma clients from prisma/schema.prisma (the SQLite source of truth):
//   1. writes prisma/postgres/schema.prisma: the same models with the postgresql provider;
//   2. runs `prisma generate` for each into lib/generated/prisma-{sqlite,pg}.
// `prisma generate` needs no schema engine, but the CLI tries to download one unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file; any file will do (we point it at node).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = path.join(root, "prisma/schema.prisma");
const pgSchema = path.join(root, "prisma/postgres/schema.prisma");

export function postgresSchemaFrom(source) {
  const swapped = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../lib/generated/prisma-sqlite"', 'output       = "../../lib/generated/prisma-pg"');
  if (swapped === source || !swapped.includes("prisma-pg")) {
    throw new Error("prisma/schema.prisma: could not find the sqlite provider / output lines to swap");
  }
  return "// GENERATED from prisma/schema.prisma by scripts/db-generate.mjs — do not edit.\n" + swapped.replace(/^\/\/ The source schema[\s\S]*?\n\n/, "");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  mkdirSync(path.dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, postgresSchemaFrom(readFileSync(sqliteSchema, "utf8")));
  const prismaCli = path.join(root, "node_modules/prisma/build/index.js");
  for (const schema of [sqliteSchema, pgSchema]) {
    execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  }
  console.log("prisma: generated lib/generated/prisma-sqlite and lib/generated/prisma-pg");
}
