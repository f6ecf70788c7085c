#!/usr/bin/env node
// One command from a fresh clone to a running app: `npm run up`.
//   1. installs dependencies (npm ci) when node_modules is missing or older than package-lock.json
//   2. builds (prisma generate + next build) when the build is missing or older than the sources
//   3. makes data/ and a session secret in data/auth-secret (unless NEXTAUTH_SECRET is set)
//   4. migrates and seeds DATABASE_URL (default: SQLite at data/recruiter-desk.db), prints the login;
//      with --demo (or DEMO=1) also loads the demo data: real sample ads, text ads, candidates
//   5. serves the production build on http://localhost:$PORT (default 3000)
// Plain Node with no dependencies, so it can run before `npm ci`. Running it again keeps the data.
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./build-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 9)) {
  console.error(`Node.js 20.9 or newer is needed (this is ${process.versions.node}).`);
  process.exit(1);
}

// 1. dependencies
const installed = "node_modules/.package-lock.json";
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync("package-lock.json").mtimeMs) {
  console.log("▸ Installing dependencies (npm ci)…");
  run(npm, ["ci", "--include=dev", "--no-audit", "--no-fund"]);
}

// 2. build
if (buildIsStale()) {
  console.log("▸ Building the app…");
  run(npm, ["run", "build"]);
}

// 3. data folder and session secret
const dataDir = path.resolve(process.env.DATA_DIR || "data");
mkdirSync(dataDir, { recursive: true });
const env = { ...process.env, NODE_ENV: "production" };
if (!env.NEXTAUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
const port = env.PORT || "3000";
env.NEXTAUTH_URL ||= `http://localhost:${port}`;

// 4. database (`npm run up -- --demo` also loads the demo data)
console.log("▸ Preparing the database…");
run(npm, ["run", "--silent", "db:setup", ...(process.argv.includes("--demo") ? ["--", "--demo"] : [])], env);

// 5. serve
console.log(`▸ Starting on ${env.NEXTAUTH_URL} (Ctrl+C to stop)`);
const server = spawn(npm, ["run", "--silent", "start", "--", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
