// Starts the production build for the browser tests on a fresh database: migrated, seeded with the
// seed ads and a known admin, then `npm start` (scripts/serve.ts) on E2E_PORT. Playwright runs this as its webServer.
import { spawn } from "node:child_process";
import { createDb } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { statSync } from "node:fs";
import { executeImport, openImportStore } from "@/lib/import/pipeline";
import { seedAll } from "@/lib/setup/seed";
import { SAMPLE_CSV } from "./fixtures";
import { E2E } from "../e2e/e2e-config";
import { createTestDatabase } from "./test-db";

const dialect = process.env.DATABASE_URL ? dialectOf(process.env.DATABASE_URL) : "sqlite";
const database = await createTestDatabase("e2e", dialect);
const db = createDb(database.url);
await seedAll(db, { adminEmail: E2E.admin.email, adminPassword: E2E.admin.password });
await db.$disconnect();
// The real sample (2,499 ads) for the ads workspace tests: imported as the CLI would.
const store = openImportStore(database.url);
const importId = await store.createImport({
  origin: "cli",
  userId: null,
  files: JSON.stringify([{ name: "Train_rev1_sample.csv", path: SAMPLE_CSV, size: statSync(SAMPLE_CSV).size }]),
  bytesTotal: statSync(SAMPLE_CSV).size,
  status: "QUEUED",
});
const outcome = await executeImport(database.url, importId, undefined, store, false);
await store.close();
if (outcome?.status !== "SUCCEEDED") throw new Error(`e2e: the sample import failed: ${outcome?.message}`);

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: database.url,
  NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-to-be-valid-0123456789",
  NEXTAUTH_URL: E2E.baseURL,
  SIGNIN_MAX_ATTEMPTS: String(E2E.signInMaxAttempts),
  DATA_DIR: "tests/.tmp/e2e-data",
};
console.log(`e2e: ${dialect} database ready, starting next on ${E2E.baseURL}`);
// `npm start` as production runs it: two worker processes behind one port (so the sign-in limit
// test also proves the workers share one count).
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(E2E.port)], { stdio: "inherit", env: { ...env, WEB_CONCURRENCY: "2" } });
const stop = async () => {
  server.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", async (code) => {
  await database.drop().catch(() => {});
  process.exit(code ?? 0);
});
