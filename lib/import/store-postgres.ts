// The import's SQL for PostgreSQL: one connection, set-based statements per batch (unnest arrays
// for inserts, ANY() for look-ups). The tsvector index follows through the trigger on "Ad".
import { DROP_AD_INDEXES_SQL, ENSURE_AD_INDEXES_SQL } from "@/lib/db/ad-indexes";
import pg from "pg";
import type { Sql } from "@/lib/db/sql";
import { IMPORT_COLUMNS } from "@/lib/ads/fields";
import { COUNTER_BUMP_SQL, IMPORT_BATCH_COUNTERS, importAction } from "@/lib/events/record-change";
import type { ExistingAd } from "./merge";
import { companyKey } from "./normalise";
import { fieldsByAd, newImportId, type AdColumns, type AdHistory, type AdUpdate, type Counts, type ImportRecord, type ImportStore, type LocationRow } from "./writer";
import type { ImportProblem, NormalisedAd } from "./types";

// The columns an import writes, from the one list of an ad's fields (lib/ads/fields.ts).
const AD_COLUMNS = IMPORT_COLUMNS.map((c) => ({ name: c.name as keyof AdColumns, type: c.pgType }));
const IMPORT_LOCK_KEY = 5_142_001;
const TYPES = new Map(AD_COLUMNS.map((c) => [c.name as string, c.type]));

export class PostgresImportStore implements ImportStore {
  readonly dialect = "postgres" as const;
  private readonly client: pg.Client;
  private connected: Promise<void>;
  private readonly companyCache = new Map<string, number>();
  private pendingCompanies: string[] = [];

  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
    this.connected = this.client.connect().then(() => undefined);
  }

  private async q<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) {
    await this.connected;
    return this.client.query<R>(sql, params);
  }

  async createImport(o: { origin: string; userId: string | null; files: string; bytesTotal: number; status: string }) {
    const id = newImportId();
    await this.q(
      `INSERT INTO "Import" ("id", "origin", "createdById", "files", "bytesTotal", "status", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6::"ImportStatus", now(), now())`,
      [id, o.origin, o.userId, o.files, o.bytesTotal, o.status],
    );
    return id;
  }

  async loadImport(id: string) {
    const { rows } = await this.q<ImportRecord>(
      `SELECT "id", "status"::text AS "status", "files", "message", "rowsDone", "bytesDone"::float8 AS "bytesDone", "created", "updated", "unchanged", "skipped", "errors",
              "warnings", "duplicates", "unresolvedLocations", "kind" FROM "Import" WHERE "id" = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markRunning(id: string, resume = false) {
    if (resume) {
      // Resuming after the last committed batch: its counts and problems stand.
      await this.q(`UPDATE "Import" SET "status" = 'RUNNING', "heartbeatAt" = now(), "finishedAt" = NULL, "message" = NULL, "updatedAt" = now() WHERE "id" = $1`, [id]);
      return;
    }
    // A fresh run reads every file from the start: a re-run that cannot resume reports each problem
    // again and counts from zero, so the previous run's problems and counts go (one statement, atomic).
    await this.q(
      `WITH cleared AS (DELETE FROM "ImportIssue" WHERE "importId" = $1)
       UPDATE "Import" SET "status" = 'RUNNING', "startedAt" = now(), "heartbeatAt" = now(), "finishedAt" = NULL, "message" = NULL, "updatedAt" = now(),
              "rowsDone" = 0, "bytesDone" = 0, "created" = 0, "updated" = 0, "unchanged" = 0, "skipped" = 0, "errors" = 0, "warnings" = 0,
              "duplicates" = 0, "unresolvedLocations" = 0 WHERE "id" = $1`,
      [id],
    );
  }

  async markFinished(id: string, status: string, message: string | null) {
    // After a bulk change: fresh planner statistics, a visibility map that lets the facet counts
    // read the covering index alone, and the full-text index's pending list merged in.
    await this.q(`VACUUM (ANALYZE) "Ad", "ad_search"`);
    await this.q(`UPDATE "Import" SET "status" = $2::"ImportStatus", "message" = $3, "finishedAt" = now(), "updatedAt" = now() WHERE "id" = $1`, [id, status, message]);
    await this.q(
      `INSERT INTO "AuditEvent" ("actorId", "entity", "entityId", "action", "changes", "createdAt")
       SELECT "createdById", 'import', "id", $2, json_build_object('created', "created", 'updated', "updated", 'unchanged', "unchanged", 'skipped', "skipped", 'errors', "errors")::text, now()
       FROM "Import" WHERE "id" = $1`,
      [id, importAction(status)],
    );
  }

  async loadLocations() {
    return (await this.q<LocationRow>(`SELECT "id", "name", "path", "depth", "parentId", "regionId" FROM "Location"`)).rows;
  }

  async firstIssues(id: string, limit: number) {
    return (await this.q<ImportProblem>(`SELECT "file", "line", "field", "severity", "message" FROM "ImportIssue" WHERE "importId" = $1 ORDER BY "id" LIMIT $2`, [id, limit])).rows;
  }

  async countAds() {
    return Number((await this.q<{ n: string }>(`SELECT count(*) AS n FROM "Ad"`)).rows[0].n);
  }

  async dropAdIndexes() {
    await this.q(`BEGIN; ${DROP_AD_INDEXES_SQL}; COMMIT`);
  }

  async ensureAdIndexes() {
    await this.q(`BEGIN; ${ENSURE_AD_INDEXES_SQL}; COMMIT`);
  }

  async begin() {
    await this.q("BEGIN");
    // Batches of concurrent imports run one at a time (as SQLite's BEGIN IMMEDIATE makes them):
    // each sees the others' committed ads, so two imports of one file never race on an Id.
    await this.q("SELECT pg_advisory_xact_lock($1)", [IMPORT_LOCK_KEY]);
    this.pendingCompanies = [];
  }
  async commit() {
    await this.q("COMMIT");
    this.pendingCompanies = [];
  }
  async rollback() {
    await this.q("ROLLBACK");
    for (const k of this.pendingCompanies) this.companyCache.delete(k);
    this.pendingCompanies = [];
  }

  async findExisting(externalIds: number[]) {
    const { rows } = await this.q<ExistingAd & { externalId: number }>(
      `SELECT a."id", a."externalId", a."version", a."sourceHash", a."title", t."description", c."name" AS "companyName", a."locationId",
              a."locationRaw", a."locationNormalized", a."category", a."contractType"::text AS "contractType",
              a."contractTime"::text AS "contractTime", a."salaryRaw", a."salaryMin", a."salaryMax",
              a."salaryPeriod"::text AS "salaryPeriod", a."salaryAnnual", a."source"
       FROM "Ad" a LEFT JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE a."externalId" = ANY($1::int[])`,
      [externalIds],
    );
    return new Map(rows.map(({ externalId, ...rest }) => [externalId, rest as ExistingAd]));
  }

  async editedFields(adIds: number[]) {
    const { rows } = await this.q<{ adId: number; changes: string }>(
      `SELECT "adId", "changes" FROM "AdChange" WHERE "source" IN ('EDIT', 'BULK') AND "adId" = ANY($1::int[]) ORDER BY "id"`,
      [adIds],
    );
    return fieldsByAd(rows);
  }

  async companyIds(names: string[]) {
    const out = new Map<string, number>();
    const missing = new Map<string, string>();
    for (const name of names) {
      const k = companyKey(name);
      const id = this.companyCache.get(k);
      if (id === undefined) missing.set(k, name);
      else out.set(k, id);
    }
    if (missing.size) {
      const keys = [...missing.keys()];
      const inserted = await this.q<{ nameKey: string }>(
        `INSERT INTO "Company" ("name", "nameKey") SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT ("nameKey") DO NOTHING RETURNING "nameKey"`,
        [[...missing.values()], keys],
      );
      this.pendingCompanies.push(...inserted.rows.map((r) => r.nameKey));
      const { rows } = await this.q<{ id: number; nameKey: string }>(`SELECT "id", "nameKey" FROM "Company" WHERE "nameKey" = ANY($1::text[])`, [keys]);
      for (const r of rows) {
        this.companyCache.set(r.nameKey, r.id);
        out.set(r.nameKey, r.id);
      }
    }
    return out;
  }

  async insertAds(rows: { ad: NormalisedAd; companyId: number | null }[], importId: string) {
    // unnest zips the arrays into rows; enum columns travel as text and are cast on the way in.
    const arrayType = (t: string) => (t.startsWith('"') ? "text" : t);
    const cast = (c: { name: string; type: string }) => (c.type.startsWith('"') ? `t."${c.name}"::${c.type}` : `t."${c.name}"`);
    const n = AD_COLUMNS.length;
    const { rows: inserted } = await this.q<{ id: number; externalId: number }>(
      `INSERT INTO "Ad" ("externalId", ${AD_COLUMNS.map((c) => `"${c.name}"`).join(", ")}, "sourceHash", "status", "version", "importId", "createdAt", "updatedAt")
       SELECT t."externalId", ${AD_COLUMNS.map(cast).join(", ")}, t."sourceHash", 'OPEN', 1, $${n + 3}, now(), now()
       FROM unnest($1::int[], ${AD_COLUMNS.map((c, i) => `$${i + 2}::${arrayType(c.type)}[]`).join(", ")}, $${n + 2}::text[])
         AS t("externalId", ${AD_COLUMNS.map((c) => `"${c.name}"`).join(", ")}, "sourceHash")
       RETURNING "id", "externalId"`,
      [
        rows.map((r) => r.ad.externalId),
        ...AD_COLUMNS.map((c) => rows.map(({ ad, companyId }) => (c.name === "companyId" ? companyId : ad[c.name as keyof NormalisedAd]))),
        rows.map((r) => r.ad.sourceHash),
        importId,
      ],
    );
    // The description goes to "AdText"; its insert trigger builds the search document.
    const idOf = new Map(inserted.map((r) => [r.externalId, r.id]));
    await this.q(`INSERT INTO "AdText" ("adId", "description") SELECT * FROM unnest($1::int[], $2::text[])`, [
      rows.map((r) => idOf.get(r.ad.externalId)),
      rows.map((r) => r.ad.description),
    ]);
  }

  async updateAd(u: AdUpdate) {
    if (u.set.description !== undefined) await this.q(`UPDATE "AdText" SET "description" = $1 WHERE "adId" = $2`, [u.set.description, u.id]);
    const cols = Object.keys(u.set).filter((c) => TYPES.has(c));
    const params: unknown[] = [];
    const sets = cols.map((c) => {
      params.push(u.set[c as keyof AdColumns] ?? null);
      const type = TYPES.get(c)!;
      return `"${c}" = $${params.length}${type.startsWith('"') ? `::${type}` : ""}`;
    });
    if (u.sourceHash !== null) {
      params.push(u.sourceHash);
      sets.push(`"sourceHash" = $${params.length}`);
    }
    if (u.bumpVersion) sets.push(`"version" = "version" + 1`, `"updatedAt" = now()`);
    params.push(u.id);
    const { rows } = await this.q<{ version: number }>(`UPDATE "Ad" SET ${sets.join(", ")} WHERE "id" = $${params.length} RETURNING "version"`, params);
    return rows[0].version;
  }

  async insertHistory(entries: AdHistory[], importId: string) {
    await this.q(
      `INSERT INTO "AdChange" ("adId", "importId", "source", "changes", "versionAfter", "createdAt")
       SELECT a, $4, 'IMPORT', c, v, now() FROM unnest($1::int[], $2::text[], $3::int[]) AS t(a, c, v)`,
      [entries.map((e) => e.adId), entries.map((e) => JSON.stringify(e.changes)), entries.map((e) => e.versionAfter), importId],
    );
  }

  async insertIssues(importId: string, problems: ImportProblem[]) {
    await this.q(
      `INSERT INTO "ImportIssue" ("importId", "file", "line", "field", "severity", "message")
       SELECT $1, f, l, fd, s, m FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) AS t(f, l, fd, s, m)`,
      [importId, problems.map((p) => p.file), problems.map((p) => p.line), problems.map((p) => p.field), problems.map((p) => p.severity), problems.map((p) => p.message)],
    );
  }

  async saveProgress(importId: string, c: Counts) {
    await this.q(
      `UPDATE "Import" SET "rowsDone" = $1, "bytesDone" = $2, "created" = $3, "updated" = $4, "unchanged" = $5, "skipped" = $6, "errors" = $7,
              "warnings" = $8, "duplicates" = $9, "unresolvedLocations" = $10, "heartbeatAt" = now(), "updatedAt" = now() WHERE "id" = $11`,
      [c.rowsDone, c.bytesDone, c.created, c.updated, c.unchanged, c.skipped, c.errors, c.warnings, c.duplicates, c.unresolvedLocations, importId],
    );
    // The batch changed ads: cached facet counts are stale.
    for (const key of IMPORT_BATCH_COUNTERS) await this.q(COUNTER_BUMP_SQL.replace("?", "$1"), [key]);
  }

  async run<T = Record<string, unknown>>(statement: Sql): Promise<T[]> {
    const [text, args] = statement.render("postgres");
    const { rows } = await this.q(text, args);
    return rows as T[];
  }

  async close() {
    await this.connected.catch(() => {});
    await this.client.end();
  }
}
