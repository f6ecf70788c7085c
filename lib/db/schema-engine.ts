// Prisma's schema engine, as WebAssembly, driven through a driver adapter: the Rust binary the
// Prisma CLI wants cannot be downloaded on our machines. Development tooling only — used to write
// new migrations (scripts/db-migration.ts) and by the drift test; the app never loads it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { dialectOf, EXTERNAL_TABLES, schemaPath, sqlitePath } from "./dialect";

type Engine = bg.SchemaEngine;
let loaded = false;

function loadWasm() {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
  const wasm = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = true;
}

// adapter-pg cannot read PostgreSQL's internal one-byte "char" type (OID 18), which the engine's
// catalogue queries return; pg has already parsed those values as strings, so re-label them text.
const PG_CHAR = 18;
const PG_TEXT = 25;
type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;
function relabelChar(result: QueryResultLike) {
  for (const f of result?.fields ?? []) if (f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
  return result;
}

function pgPoolForEngine(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === "function") {
        args[args.length - 1] = (err: unknown, res: QueryResultLike) => (last as (e: unknown, r: unknown) => void)(err, relabelChar(res));
        return query(...args);
      }
      const out = query(...args);
      return out instanceof Promise ? out.then(relabelChar) : out;
    };
  });
  return pool;
}

function adapterFor(url: string) {
  if (dialectOf(url) === "sqlite") return new PrismaBetterSqlite3({ url: sqlitePath(url) });
  return new PrismaPg(pgPoolForEngine(url));
}

async function withEngine<T>(url: string, fn: (engine: Engine, schema: { path: string; content: string }) => Promise<T>): Promise<T> {
  loadWasm();
  const file = schemaPath(dialectOf(url));
  const schema = { path: file, content: readFileSync(file, "utf8") };
  const engine = await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapterFor(url)));
  try {
    return await fn(engine, schema);
  } finally {
    engine.free();
  }
}

/**
 * The SQL that would take the live database at `url` to prisma/schema.prisma ("" when they match).
 * Hand-made full-text tables are excluded.
 */
export function diffDatabaseToSchema(url: string): Promise<string> {
  return withEngine(url, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: { externalTables: EXTERNAL_TABLES[dialectOf(url)], externalEnums: [] },
    });
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  });
}
