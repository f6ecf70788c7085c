// The import's SQL for SQLite: better-sqlite3 prepared statements on a connection of its own
// (Prisma's createMany was measured at ~6,000 rows/s; this path is several times faster). The
// full-text index follows through the triggers on "Ad".
import type Database from "better-sqlite3";
import { DROP_AD_INDEXES_SQL, ENSURE_AD_INDEXES_SQL } from "@/lib/db/ad-indexes";
import { openSqlite } from "@/lib/db/raw";
import { sqliteTimestamp, type Sql } from "@/lib/db/sql";
import { IMPORT_COLUMNS } from "@/lib/ads/fields";
import { COUNTER_BUMP_SQL, IMPORT_BATCH_COUNTERS, importAction } from "@/lib/events/record-change";
import type { ExistingAd } from "./merge";
import { companyKey } from "./normalise";
import { fieldsByAd, newImportId, type AdColumns, type AdHistory, type AdUpdate, type Counts, type ImportRecord, type ImportStore, type LocationRow } from "./writer";
import type { ImportProblem, NormalisedAd } from "./types";

// The columns an import writes, from the one list of an ad's fields (lib/ads/fields.ts).
const AD_COLUMNS = IMPORT_COLUMNS.map((c) => c.name) as (keyof AdColumns)[];
const UPDATABLE = new Set<string>(AD_COLUMNS);
// The description lives in "AdText" (ads rows stay narrow for the table's queries).

export class SqliteImportStore implements ImportStore {
  readonly dialect = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly companyCache = new Map<string, number>();
  private pendingCompanies: string[] = [];
  private readonly stmts;
  private readonly updates = new Map<string, Database.Statement>();
  /** run()'s statements, prepared once (the candidate import sends the same few texts row after row). */
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(url: string) {
    this.db = openSqlite(url);
    this.db.pragma("cache_size = -24576"); // 24 MB page cache for the bulk path
    // Checkpoint every 64 MB of log rather than 4 MB: pages a bulk load rewrites (the full-text
    // index's) are copied into the database once per checkpoint, not once per batch.
    this.db.pragma("wal_autocheckpoint = 16384");
    const q = (sql: string) => this.db.prepare(sql);
    this.stmts = {
      existing: q(
        `SELECT a."id", a."version", a."sourceHash", a."title", t."description", c."name" AS "companyName", a."locationId",
                a."locationRaw", a."locationNormalized", a."category", a."contractType", a."contractTime", a."salaryRaw",
                a."salaryMin", a."salaryMax", a."salaryPeriod", a."salaryAnnual", a."source"
         FROM "Ad" a LEFT JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId" WHERE a."externalId" = ?`,
      ),
      companyInsert: q(`INSERT INTO "Company" ("name", "nameKey") VALUES (?, ?) ON CONFLICT ("nameKey") DO NOTHING`),
      companyId: q(`SELECT "id" FROM "Company" WHERE "nameKey" = ?`),
      insertAd: q(
        `INSERT INTO "Ad" ("externalId", ${AD_COLUMNS.map((c) => `"${c}"`).join(", ")}, "status", "version", "importId", "sourceHash", "createdAt", "updatedAt")
         VALUES (?, ${AD_COLUMNS.map(() => "?").join(", ")}, 'OPEN', 1, ?, ?, ?, ?) RETURNING "id"`,
      ),
      insertText: q(`INSERT INTO "AdText" ("adId", "description") VALUES (?, ?)`),
      updateText: q(`UPDATE "AdText" SET "description" = ? WHERE "adId" = ?`),
      // One statement indexes a batch of new ads (the insert trigger skips imported rows).
      indexNew: q(
        `INSERT INTO "ad_fts" (rowid, title, description, company)
         SELECT a."id", a."title", t."description", c."name" FROM "Ad" a JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId"
         WHERE a."id" >= ? AND a."importId" = ?`,
      ),
      maxId: q(`SELECT COALESCE(MAX("id"), 0) AS "id" FROM "Ad"`),
      history: q(`INSERT INTO "AdChange" ("adId", "importId", "source", "changes", "versionAfter", "createdAt") VALUES (?, ?, 'IMPORT', ?, ?, ?)`),
      issue: q(`INSERT INTO "ImportIssue" ("importId", "file", "line", "field", "severity", "message") VALUES (?, ?, ?, ?, ?, ?)`),
      bumpCounter: q(COUNTER_BUMP_SQL),
      progress: q(
        `UPDATE "Import" SET "rowsDone" = ?, "bytesDone" = ?, "created" = ?, "updated" = ?, "unchanged" = ?, "skipped" = ?, "errors" = ?,
                "warnings" = ?, "duplicates" = ?, "unresolvedLocations" = ?, "heartbeatAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
      ),
    };
  }

  async createImport(o: { origin: string; userId: string | null; files: string; bytesTotal: number; status: string }) {
    const id = newImportId();
    const now = sqliteTimestamp();
    this.db
      .prepare(`INSERT INTO "Import" ("id", "origin", "createdById", "files", "bytesTotal", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, o.origin, o.userId, o.files, o.bytesTotal, o.status, now, now);
    return id;
  }

  async loadImport(id: string) {
    return (this.db
      .prepare(
        `SELECT "id", "status", "files", "message", "rowsDone", "bytesDone", "created", "updated", "unchanged", "skipped", "errors", "warnings", "duplicates", "unresolvedLocations", "kind" FROM "Import" WHERE "id" = ?`,
      )
      .get(id) ?? null) as ImportRecord | null;
  }

  async markRunning(id: string, resume = false) {
    const now = sqliteTimestamp();
    if (resume) {
      // Resuming after the last committed batch: its counts and problems stand.
      this.db.prepare(`UPDATE "Import" SET "status" = 'RUNNING', "heartbeatAt" = ?, "finishedAt" = NULL, "message" = NULL, "updatedAt" = ? WHERE "id" = ?`).run(now, now, id);
      return;
    }
    // A fresh run reads every file from the start: a re-run that cannot resume reports each problem
    // again and counts from zero, so the previous run's problems and counts go.
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM "ImportIssue" WHERE "importId" = ?`).run(id);
      this.db
        .prepare(
          `UPDATE "Import" SET "status" = 'RUNNING', "startedAt" = ?, "heartbeatAt" = ?, "finishedAt" = NULL, "message" = NULL, "updatedAt" = ?,
                  "rowsDone" = 0, "bytesDone" = 0, "created" = 0, "updated" = 0, "unchanged" = 0, "skipped" = 0, "errors" = 0, "warnings" = 0,
                  "duplicates" = 0, "unresolvedLocations" = 0 WHERE "id" = ?`,
        )
        .run(now, now, now, id);
    })();
  }

  async markFinished(id: string, status: string, message: string | null) {
    // Fresh statistics for the query planner after a bulk change (bounded: a fraction of a second).
    this.db.pragma("analysis_limit = 2000");
    this.db.pragma("optimize = 0x10002");
    const now = sqliteTimestamp();
    this.db.prepare(`UPDATE "Import" SET "status" = ?, "message" = ?, "finishedAt" = ?, "updatedAt" = ? WHERE "id" = ?`).run(status, message, now, now, id);
    this.db
      .prepare(
        `INSERT INTO "AuditEvent" ("actorId", "entity", "entityId", "action", "changes", "createdAt")
         SELECT "createdById", 'import', "id", ?, json_object('created', "created", 'updated', "updated", 'unchanged', "unchanged", 'skipped', "skipped", 'errors', "errors"), ?
         FROM "Import" WHERE "id" = ?`,
      )
      .run(importAction(status), now, id);
  }

  async loadLocations() {
    return this.db.prepare(`SELECT "id", "name", "path", "depth", "parentId", "regionId" FROM "Location"`).all() as LocationRow[];
  }

  async firstIssues(id: string, limit: number) {
    return this.db.prepare(`SELECT "file", "line", "field", "severity", "message" FROM "ImportIssue" WHERE "importId" = ? ORDER BY "id" LIMIT ?`).all(id, limit) as ImportProblem[];
  }

  async countAds() {
    return (this.db.prepare(`SELECT count(*) AS n FROM "Ad"`).get() as { n: number }).n;
  }

  async dropAdIndexes() {
    this.db.transaction(() => this.db.exec(DROP_AD_INDEXES_SQL)).immediate();
  }

  async ensureAdIndexes() {
    this.db.transaction(() => this.db.exec(ENSURE_AD_INDEXES_SQL)).immediate();
  }

  async begin() {
    this.db.exec("BEGIN IMMEDIATE");
    this.pendingCompanies = [];
  }
  async commit() {
    this.db.exec("COMMIT");
    this.pendingCompanies = [];
  }
  async rollback() {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    // Companies created in the failed transaction no longer exist.
    for (const k of this.pendingCompanies) this.companyCache.delete(k);
    this.pendingCompanies = [];
  }

  async findExisting(externalIds: number[]) {
    const out = new Map<number, ExistingAd>();
    for (const id of externalIds) {
      const row = this.stmts.existing.get(id) as ExistingAd | undefined;
      if (row) out.set(id, row);
    }
    return out;
  }

  async editedFields(adIds: number[]) {
    const rows = this.db
      .prepare(`SELECT "adId", "changes" FROM "AdChange" WHERE "source" IN ('EDIT', 'BULK') AND "adId" IN (SELECT value FROM json_each(?)) ORDER BY "id"`)
      .all(JSON.stringify(adIds)) as { adId: number; changes: string }[];
    return fieldsByAd(rows);
  }

  async companyIds(names: string[]) {
    const out = new Map<string, number>();
    for (const name of names) {
      const k = companyKey(name);
      let id = this.companyCache.get(k);
      if (id === undefined) {
        const r = this.stmts.companyInsert.run(name, k);
        if (r.changes) this.pendingCompanies.push(k);
        id = (this.stmts.companyId.get(k) as { id: number }).id;
        this.companyCache.set(k, id);
      }
      out.set(k, id);
    }
    return out;
  }

  async insertAds(rows: { ad: NormalisedAd; companyId: number | null }[], importId: string) {
    const now = sqliteTimestamp();
    const firstId = (this.stmts.maxId.get() as { id: number }).id + 1;
    for (const { ad, companyId } of rows) {
      const values = AD_COLUMNS.map((c) => (c === "companyId" ? companyId : ad[c]));
      const { id } = this.stmts.insertAd.get(ad.externalId, ...values, importId, ad.sourceHash, now, now) as { id: number };
      this.stmts.insertText.run(id, ad.description);
    }
    this.stmts.indexNew.run(firstId, importId);
  }

  async updateAd(u: AdUpdate) {
    if (u.set.description !== undefined) this.stmts.updateText.run(u.set.description, u.id);
    const cols = Object.keys(u.set).filter((c) => UPDATABLE.has(c));
    const sig = `${cols.join(",")}|${u.sourceHash !== null}|${u.bumpVersion}`;
    let stmt = this.updates.get(sig);
    if (!stmt) {
      const sets = cols.map((c) => `"${c}" = ?`);
      if (u.sourceHash !== null) sets.push(`"sourceHash" = ?`);
      if (u.bumpVersion) sets.push(`"version" = "version" + 1`, `"updatedAt" = ?`);
      stmt = this.db.prepare(`UPDATE "Ad" SET ${sets.join(", ")} WHERE "id" = ? RETURNING "version"`);
      this.updates.set(sig, stmt);
    }
    const args: unknown[] = cols.map((c) => u.set[c as keyof AdColumns] ?? null);
    if (u.sourceHash !== null) args.push(u.sourceHash);
    if (u.bumpVersion) args.push(sqliteTimestamp());
    args.push(u.id);
    return (stmt.get(...args) as { version: number }).version;
  }

  async insertHistory(entries: AdHistory[], importId: string) {
    const now = sqliteTimestamp();
    for (const e of entries) this.stmts.history.run(e.adId, importId, JSON.stringify(e.changes), e.versionAfter, now);
  }

  async insertIssues(importId: string, problems: ImportProblem[]) {
    for (const p of problems) this.stmts.issue.run(importId, p.file, p.line, p.field, p.severity, p.message);
  }

  async saveProgress(importId: string, c: Counts) {
    const now = sqliteTimestamp();
    this.stmts.progress.run(c.rowsDone, c.bytesDone, c.created, c.updated, c.unchanged, c.skipped, c.errors, c.warnings, c.duplicates, c.unresolvedLocations, now, now, importId);
    for (const key of IMPORT_BATCH_COUNTERS) this.stmts.bumpCounter.run(key); // the batch changed ads: cached facet counts are stale
  }

  async run<T = Record<string, unknown>>(statement: Sql): Promise<T[]> {
    const [text, args] = statement.render("sqlite");
    let stmt = this.prepared.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      if (this.prepared.size < 500) this.prepared.set(text, stmt);
    }
    // better-sqlite3 binds no booleans or Dates: as Prisma stores them on SQLite.
    const bound = args.map((a) => (typeof a === "boolean" ? (a ? 1 : 0) : a instanceof Date ? sqliteTimestamp(a) : a));
    if (stmt.reader) return stmt.all(...bound) as T[];
    stmt.run(...bound);
    return [];
  }

  async close() {
    this.db.close();
  }
}
