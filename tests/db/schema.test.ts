// The committed migrations build exactly the database prisma/schema.prisma describes, on both
// databases, and the PostgreSQL schema is the generated twin of the SQLite one.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, listMigrations } from "@/lib/db/migrate";
import { diffDatabaseToSchema } from "@/lib/db/schema-engine";
import { sqlitePath } from "@/lib/db/dialect";
import { postgresSchemaFrom } from "@/scripts/db-generate.mjs";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma", () => {
  expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8")));
});

describe.each(testDialects())("migrations on %s", (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(`schema_${dialect}`, dialect, { migrate: false });
  });
  afterAll(() => db?.drop());

  it("apply to an empty database and match the schema (no drift)", async () => {
    const applied = await migrate(db.url);
    expect(applied).toEqual(listMigrations(dialect).map((m) => m.name));
    expect(await diffDatabaseToSchema(db.url)).toBe("");
  });

  it("are recorded as Prisma records them, and a second run applies nothing", async () => {
    expect(await migrate(db.url)).toEqual([]);
    const expected = listMigrations(dialect).map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 }));
    const sql = `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    let rows: unknown[];
    if (dialect === "sqlite") {
      const conn = new Database(sqlitePath(db.url), { readonly: true });
      rows = conn.prepare(sql).all();
      conn.close();
    } else {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      rows = (await client.query(sql)).rows;
      await client.end();
    }
    expect(rows).toEqual(expected);
  });

  it("notices drift when the database differs from the schema", async () => {
    if (dialect === "sqlite") {
      const conn = new Database(sqlitePath(db.url));
      conn.exec(`DROP INDEX "Ad_source_idx"`);
      conn.close();
    } else {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(`DROP INDEX "Ad_source_idx"`);
      await client.end();
    }
    expect(await diffDatabaseToSchema(db.url)).toContain(`CREATE INDEX "Ad_source_idx"`);
  });
});
