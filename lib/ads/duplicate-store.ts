// The near-duplicate detector's state in the database, and the one step that brings the groups up
// to date with the ads ("sync"). Driver connections only (better-sqlite3 / pg), no Prisma: the
// import process runs it with its 96 MB heap, the app after an edit, a revert or a mark.
//
// The state (README "Duplicate detection"): "AdFingerprint" per ad (fingerprint + placement),
// "DuplicateCompany" per company (boilerplate tables), "DuplicateMark" (admins' "not a duplicate"),
// and on "Ad" the group as the table reads it (duplicateGroupId / duplicateCount, null when alone).
//
// sync is safe to re-run and to interrupt: the work is found from the database each time — ads
// without a fingerprint or whose fingerprint is older than the ad's version (and whose text really
// changed), fingerprints of deleted ads, fingerprints waiting to be placed again, marks two ads of
// one group still carry — and each chunk of it commits in one transaction with its placements and
// the ads' group columns. One sync runs at a time (a lease in "Counter").
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import pg from "pg";
import { dialectOf, type Dialect } from "@/lib/db/dialect";
import { openSqlite } from "@/lib/db/raw";
import { Sql, inIds, values } from "@/lib/db/sql";
import { ADS_COUNTER } from "@/lib/ads/version";
import { COUNTER_BUMP_SQL } from "@/lib/events/record-change";
import {
  DuplicateDetector,
  detectBatch,
  markNotDuplicate,
  removeAds,
  type AdText,
  type CompanyBoilerplateState,
  type DetectorChanges,
  type DetectorOptions,
  type DuplicateStore,
  type Fingerprint,
  U32Map,
} from "@/lib/duplicates";

/** Pages of WAL before a commit checkpoints it: as the import, fewer and larger checkpoints. */
const WAL_AUTOCHECKPOINT = 16384;

/** A raw connection of either dialect, one statement at a time. */
export class DupConn {
  private constructor(
    readonly dialect: Dialect,
    private readonly sqlite: Database.Database | null,
    private readonly pgClient: pg.Client | null,
  ) {}

  /** `busyMs`: how long a SQLite write waits for the lock (a follower waits out the import's index builds). */
  static async open(url: string, busyMs?: number): Promise<DupConn> {
    if (dialectOf(url) === "sqlite") {
      const db = openSqlite(url);
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT}`);
      if (busyMs) db.pragma(`busy_timeout = ${Math.floor(busyMs)}`);
      return new DupConn("sqlite", db, null);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new DupConn("postgres", null, client);
  }

  private readonly statements = new Map<string, Database.Statement>();
  private prepared(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(text, (st = this.sqlite!.prepare(text)));
    }
    return st;
  }

  async all<T>(s: Sql): Promise<T[]> {
    const [text, args] = s.render(this.dialect);
    if (this.sqlite) return this.prepared(text).all(...args.map(sqliteArg)) as T[];
    return (await this.pgClient!.query(text, args)).rows as T[];
  }

  async run(s: Sql): Promise<number> {
    const [text, args] = s.render(this.dialect);
    if (this.sqlite) return this.prepared(text).run(...args.map(sqliteArg)).changes;
    return (await this.pgClient!.query(text, args)).rowCount ?? 0;
  }

  /**
   * `INSERT … VALUES <rows> …` for many rows: SQLite runs one prepared single-row statement per
   * row (no round trips, nothing rendered per row); PostgreSQL sends 500 rows a statement.
   */
  async insertRows(head: string, rows: readonly unknown[][], tail = ""): Promise<void> {
    if (!rows.length) return;
    if (this.sqlite) {
      const st = this.prepared(`${head}(${rows[0].map(() => "?").join(", ")})${tail}`);
      for (const row of rows) st.run(...row.map(sqliteArg));
      return;
    }
    for (let i = 0; i < rows.length; i += 500)
      await this.run(
        Sql.of(head)
          .append(values(rows.slice(i, i + 500)))
          .append(tail),
      );
  }

  /**
   * A write that does not wait for the lock: SQLite's busy wait is synchronous, so it would block
   * the event loop — and with it a transaction of this same process that holds the lock (an admin's
   * other edit syncing its duplicates), until the wait runs out and fails. Null when the database is
   * busy; the caller waits with a timer and tries again. PostgreSQL's waits are asynchronous: a run.
   */
  async runUnlessBusy(s: Sql): Promise<number | null> {
    return this.sqlite ? this.unlessBusy(() => this.run(s)) : this.run(s);
  }

  /** BEGIN that does not wait for SQLite's write lock: false when another connection holds it. */
  async tryBegin(): Promise<boolean> {
    if (!this.sqlite) {
      await this.begin();
      return true;
    }
    return (await this.unlessBusy(async () => this.begin())) !== null;
  }

  private async unlessBusy<T>(fn: () => Promise<T>): Promise<T | null> {
    const db = this.sqlite!;
    const waited = db.pragma("busy_timeout", { simple: true }) as number;
    db.pragma("busy_timeout = 0");
    try {
      return await fn();
    } catch (e) {
      if ((e as { code?: string }).code === "SQLITE_BUSY") return null;
      throw e;
    } finally {
      db.pragma(`busy_timeout = ${waited}`);
    }
  }

  /**
   * SQLite: whether this connection's commits checkpoint the WAL once it is long. A follower leaves
   * that to the import it follows, which writes nearly all of the WAL: otherwise the follower's
   * commits copy the import's pages into the database, on the core the follower needs.
   */
  autoCheckpoint(on: boolean) {
    this.sqlite?.pragma(`wal_autocheckpoint = ${on ? WAL_AUTOCHECKPOINT : 0}`);
  }

  async begin() {
    if (this.sqlite) this.sqlite.exec("BEGIN IMMEDIATE");
    else await this.pgClient!.query("BEGIN");
  }
  async commit() {
    if (this.sqlite) this.sqlite.exec("COMMIT");
    else await this.pgClient!.query("COMMIT");
  }
  async rollback() {
    if (this.sqlite) {
      if (this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
    } else await this.pgClient!.query("ROLLBACK");
  }
  async close() {
    if (this.sqlite) this.sqlite.close();
    else await this.pgClient!.end();
  }
}

const sqliteArg = (v: unknown) => (typeof v === "boolean" ? Number(v) : v);

// ---- encoding ----------------------------------------------------------------------------------

const toBytes = (a: Uint32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
function toU32(b: Buffer | Uint8Array | null): Uint32Array {
  if (!b || !b.byteLength) return new Uint32Array(0);
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Uint32Array(copy.buffer);
}

type FingerprintRow = {
  adId: number;
  seq: number;
  signature: Buffer;
  company: string;
  terms: Buffer;
  axes: number;
  payMin: number | null;
  payMax: number | null;
  place: number;
};

const FP_COLUMNS = `"adId", "seq", "signature", "company", "terms", "axes", "payMin", "payMax", "place"`;

function fingerprintOf(r: FingerprintRow): Fingerprint {
  return {
    id: Number(r.adId),
    seq: Number(r.seq),
    signature: toU32(r.signature),
    company: r.company,
    title: { terms: toU32(r.terms), axes: Number(r.axes) >>> 0 },
    pay: r.payMin === null ? null : { min: Number(r.payMin), max: r.payMax === null || Number(r.payMax) < 0 ? Infinity : Number(r.payMax) },
    place: Number(r.place) >>> 0,
  };
}

/** The fields the detector reads, hashed: a new version with the same hash needs no work. */
export function textHashOf(ad: AdText): string {
  const fields = [ad.title, ad.description, ad.company ?? "", ad.location ?? "", ad.salaryRaw ?? "", String(ad.salaryAnnual ?? "")];
  return createHash("sha1")
    .update(fields.join("\u0000") + "\u0000")
    .digest("base64");
}

// ---- the store -----------------------------------------------------------------------------------

/** Counter row: 1 while a bulk run's group columns are behind its fingerprints (see deferColumns). */
const COLUMNS_KEY = "duplicates.columnsBehind";

/**
 * DuplicateStore on a DupConn; the caller holds the transaction. `load` pages representatives into
 * the detector rather than returning them (see loadDetector). Each save also sets the ads' group
 * columns for every group it touched.
 */
export class SqlDuplicateStore implements DuplicateStore {
  /** Ad ids and the version their fingerprint was taken at (set before detectBatch). */
  readonly versions = new Map<number, { version: number; textHash: string }>();
  /**
   * A bulk run (a follower, a rebuild) sets the ads' group columns once at its end
   * (reconcileColumns) instead of with every chunk: a group that grows by one ad rewrites all its
   * members' rows, and per chunk those rows are scattered over the whole table — for a
   * 250,000-ad import that was ~640 MB of WAL, against ~90 MB for one pass at the end.
   */
  deferColumns = false;
  /** Groups whose size or members changed since the last flushGroups. */
  private readonly touched = new Set<number>();
  private readonly touchedAds = new Set<number>();
  /**
   * Company deltas since the last flushCompanies, merged (typed arrays, off the JS heap). A
   * company's tables are rewritten whole, so they are written once per sync (and every
   * COMPANY_FLUSH ads), not once per chunk: a run stopped in between loses only some boilerplate
   * evidence (counts of ads already grouped), never a group.
   */
  private readonly pendingCompanies = new Map<string, { ads: number; counts: U32Map; shingles: U32Map }>();

  constructor(readonly conn: DupConn) {}

  async load() {
    const [{ next }] = await this.conn.all<{ next: number | null }>(Sql.of(`SELECT MAX("seq") AS "next" FROM "AdFingerprint"`));
    const marks = (await this.conn.all<{ adA: number; adB: number }>(Sql.of(`SELECT "adA", "adB" FROM "DuplicateMark"`))).map(
      (m) => [Number(m.adA), Number(m.adB)] as [number, number],
    );
    return { nextSeq: Number(next ?? 0) + 1, representatives: [], groups: { ids: new Uint32Array(), groupIds: new Uint32Array() }, companies: [], marks };
  }

  /** A detector with the whole stored state, read in pages (bounded memory on the JS heap). */
  async loadDetector(options: Partial<DetectorOptions> = {}): Promise<DuplicateDetector> {
    const PAGE = 5000;
    const state = await this.load();
    const [{ n }] = await this.conn.all<{ n: number }>(Sql.of(`SELECT count(*) AS "n" FROM "AdFingerprint" WHERE "groupId" IS NOT NULL`));
    const ids = new Uint32Array(Number(n)),
      groupIds = new Uint32Array(Number(n));
    let i = 0;
    for (let after = 0; ;) {
      const rows = await this.conn.all<{ adId: number; groupId: number }>(
        Sql.of(`SELECT "adId", "groupId" FROM "AdFingerprint" WHERE "groupId" IS NOT NULL AND "adId" > ? ORDER BY "adId" LIMIT ${PAGE * 4}`, after),
      );
      for (const r of rows) {
        if (i >= ids.length) break;
        ids[i] = Number(r.adId);
        groupIds[i++] = Number(r.groupId);
      }
      if (rows.length < PAGE * 4) break;
      after = Number(rows[rows.length - 1].adId);
    }
    const companies: CompanyBoilerplateState[] = [];
    for (let after = ""; ;) {
      const rows = await this.conn.all<{ company: string; ads: number; sentences: Buffer; sentenceValues: Buffer; shingles: Buffer; shingleSentences: Buffer }>(
        Sql.of(`SELECT * FROM "DuplicateCompany" WHERE "company" > ? ORDER BY "company" LIMIT 500`, after),
      );
      for (const r of rows) {
        const state = {
          company: r.company,
          ads: Number(r.ads),
          sentences: toU32(r.sentences),
          values: toU32(r.sentenceValues),
          shingles: toU32(r.shingles),
          shingleSentences: toU32(r.shingleSentences),
        };
        companies.push(state);
      }
      if (rows.length < 500) break;
      after = rows[rows.length - 1].company;
    }
    const detector = DuplicateDetector.restore({ ...state, groups: { ids: ids.subarray(0, i), groupIds: groupIds.subarray(0, i) }, companies }, options);
    for (let after = 0; ;) {
      const rows = await this.conn.all<FingerprintRow>(
        Sql.of(`SELECT ${FP_COLUMNS} FROM "AdFingerprint" WHERE "groupId" = "adId" AND "adId" > ? ORDER BY "adId" LIMIT ${PAGE}`, after),
      );
      detector.restoreRepresentatives(rows.map(fingerprintOf));
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1].adId);
    }
    return detector;
  }

  async save(c: DetectorChanges): Promise<void> {
    const { conn } = this;
    // Groups the moving ads leave (not needed when the columns are set at the end of the run).
    const moving = this.deferColumns ? [] : [...c.placements.map((p) => p.id), ...c.removed];
    for (let i = 0; i < moving.length; i += 5000) {
      const rows = await conn.all<{ adId: number; groupId: number | null }>(
        Sql.of(`SELECT "adId", "groupId" FROM "AdFingerprint" WHERE `).append(inIds(conn.dialect, `"adId"`, moving.slice(i, i + 5000))),
      );
      for (const r of rows) if (r.groupId !== null) this.touched.add(Number(r.groupId));
    }
    // A new fingerprint carries its placement in its own row; only ads placed again are updated.
    const placedWith = new Map(c.placements.map((p) => [p.id, p]));
    const fpRows = c.fingerprints.map((fp) => {
      const v = this.versions.get(fp.id);
      if (!v) throw new Error(`no version for ad ${fp.id}`);
      const p = placedWith.get(fp.id);
      placedWith.delete(fp.id);
      return [
        fp.id,
        v.version,
        v.textHash,
        fp.seq,
        toBytes(fp.signature),
        fp.company,
        toBytes(fp.title.terms),
        fp.title.axes | 0,
        fp.pay ? fp.pay.min : null,
        fp.pay ? (fp.pay.max === Infinity ? -1 : fp.pay.max) : null,
        fp.place | 0,
        p?.groupId ?? null,
        p?.similarity ?? null,
        p?.score ?? null,
      ];
    });
    const updates = [...placedWith.values()];
    await conn.insertRows(
      `INSERT INTO "AdFingerprint" ("adId", "adVersion", "textHash", "seq", "signature", "company", "terms", "axes", "payMin", "payMax", "place", "groupId", "similarity", "score") VALUES `,
      fpRows,
      ` ON CONFLICT ("adId") DO UPDATE SET "adVersion" = excluded."adVersion", "textHash" = excluded."textHash", "seq" = excluded."seq",
             "signature" = excluded."signature", "company" = excluded."company", "terms" = excluded."terms", "axes" = excluded."axes",
             "payMin" = excluded."payMin", "payMax" = excluded."payMax", "place" = excluded."place",
             "groupId" = excluded."groupId", "similarity" = excluded."similarity", "score" = excluded."score"`,
    );
    for (let i = 0; i < c.removed.length; i += 5000) {
      const ids = c.removed.slice(i, i + 5000);
      await conn.run(Sql.of(`UPDATE "AdFingerprint" SET "groupId" = NULL, "similarity" = NULL, "score" = NULL WHERE `).append(inIds(conn.dialect, `"adId"`, ids)));
      if (!this.deferColumns) for (const id of ids) this.touchedAds.add(id);
    }
    if (conn.dialect === "sqlite")
      for (const p of updates)
        await conn.run(Sql.of(`UPDATE "AdFingerprint" SET "groupId" = ?, "similarity" = ?, "score" = ? WHERE "adId" = ?`, p.groupId, p.similarity, p.score, p.id));
    else
      for (let i = 0; i < updates.length; i += 5000) {
        const part = updates.slice(i, i + 5000);
        await conn.run(
          Sql.of(
            `UPDATE "AdFingerprint" f SET "groupId" = v.g, "similarity" = v.s, "score" = v.sc FROM unnest(?::int[], ?::int[], ?::float8[], ?::float8[]) AS v(id, g, s, sc) WHERE f."adId" = v.id`,
            part.map((p) => p.id),
            part.map((p) => p.groupId),
            part.map((p) => p.similarity),
            part.map((p) => p.score),
          ),
        );
      }
    if (!this.deferColumns)
      for (const p of c.placements) {
        this.touched.add(p.groupId);
        this.touchedAds.add(p.id);
      }
    for (const delta of c.companies) this.mergeCompany(delta);
    for (const [a, b] of c.marks)
      await conn.run(Sql.of(`INSERT INTO "DuplicateMark" ("adA", "adB", "createdAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, Math.min(a, b), Math.max(a, b), now(conn.dialect)));
    await this.flushGroups();
  }

  private mergeCompany(delta: CompanyBoilerplateState) {
    let p = this.pendingCompanies.get(delta.company);
    if (!p) this.pendingCompanies.set(delta.company, (p = { ads: 0, counts: new U32Map(), shingles: new U32Map() }));
    p.ads = delta.ads;
    delta.sentences.forEach((h, i) => p.counts.set(h, delta.values[i]));
    delta.shingles.forEach((h, i) => p.shingles.set(h, delta.shingleSentences[i]));
  }

  /** Writes the merged company deltas (in the caller's transaction). */
  async flushCompanies() {
    const { conn } = this;
    for (const [company, delta] of this.pendingCompanies) {
      const [row] = await conn.all<{ sentences: Buffer; sentenceValues: Buffer; shingles: Buffer; shingleSentences: Buffer }>(
        Sql.of(`SELECT "sentences", "sentenceValues", "shingles", "shingleSentences" FROM "DuplicateCompany" WHERE "company" = ?`, company),
      );
      const counts = new U32Map(),
        shingles = new U32Map();
      if (row) {
        const s = toU32(row.sentences),
          v = toU32(row.sentenceValues);
        s.forEach((h, i) => counts.set(h, v[i]));
        const sh = toU32(row.shingles),
          ss = toU32(row.shingleSentences);
        sh.forEach((h, i) => shingles.set(h, ss[i]));
      }
      delta.counts.forEachEntry((h, v) => (v ? counts.set(h, v) : counts.delete(h)));
      delta.shingles.forEachEntry((h, sentence) => shingles.set(h, sentence));
      const columns = (m: U32Map) => {
        const keys = new Uint32Array(m.size),
          values = new Uint32Array(m.size);
        let i = 0;
        m.forEachEntry((k, v) => ((keys[i] = k), (values[i++] = v)));
        return [keys, values] as const;
      };
      const [sk, sv] = columns(counts),
        [hk, hv] = columns(shingles);
      await conn.run(
        Sql.of(
          `INSERT INTO "DuplicateCompany" ("company", "ads", "sentences", "sentenceValues", "shingles", "shingleSentences") VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT ("company") DO UPDATE SET "ads" = excluded."ads", "sentences" = excluded."sentences", "sentenceValues" = excluded."sentenceValues",
             "shingles" = excluded."shingles", "shingleSentences" = excluded."shingleSentences"`,
          company,
          delta.ads,
          toBytes(sk),
          toBytes(sv),
          toBytes(hk),
          toBytes(hv),
        ),
      );
    }
    this.pendingCompanies.clear();
  }

  /**
   * Marks the ads' group columns as possibly behind the fingerprints, in its own transaction
   * before a bulk run's first chunk: if the run stops before reconcileColumns, the next sync sees
   * the mark and reconciles.
   */
  async markColumnsBehind() {
    await this.conn.run(Sql.of(`INSERT INTO "Counter" ("key", "value") VALUES (?, 1) ON CONFLICT ("key") DO UPDATE SET "value" = 1`, COLUMNS_KEY));
  }

  async columnsBehind(): Promise<boolean> {
    const [row] = await this.conn.all<{ value: number }>(Sql.of(`SELECT "value" FROM "Counter" WHERE "key" = ?`, COLUMNS_KEY));
    return Number(row?.value ?? 0) > 0;
  }

  /**
   * Sets every ad's group columns from the fingerprints, in two set-based statements (rows already
   * right are not written), and clears the mark. In the caller's transaction.
   */
  async reconcileColumns() {
    const { conn } = this;
    await conn.run(
      Sql.of(
        `UPDATE "Ad" SET "duplicateGroupId" = g."gid", "duplicateCount" = g."n"
         FROM (SELECT f."adId" AS "id", f."groupId" AS "gid", s."n" AS "n"
               FROM (SELECT "groupId", count(*) AS "n" FROM "AdFingerprint" WHERE "groupId" IS NOT NULL GROUP BY "groupId" HAVING count(*) > 1) s
               JOIN "AdFingerprint" f ON f."groupId" = s."groupId") g
         WHERE "Ad"."id" = g."id" AND ("Ad"."duplicateGroupId" IS DISTINCT FROM g."gid" OR "Ad"."duplicateCount" IS DISTINCT FROM g."n")`,
      ),
    );
    // Ads that name a group they are no longer in with another ad (moved, or alone now).
    await conn.run(
      Sql.of(
        `UPDATE "Ad" SET "duplicateGroupId" = NULL, "duplicateCount" = NULL WHERE "duplicateGroupId" IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM "AdFingerprint" me JOIN "AdFingerprint" o ON o."groupId" = me."groupId" AND o."adId" <> me."adId"
           WHERE me."adId" = "Ad"."id" AND me."groupId" = "Ad"."duplicateGroupId")`,
      ),
    );
    await conn.run(Sql.of(`UPDATE "Counter" SET "value" = 0 WHERE "key" = ?`, COLUMNS_KEY));
    this.touched.clear();
    this.touchedAds.clear();
  }

  /**
   * Sets "Ad".duplicateGroupId / duplicateCount for every ad of the touched groups. Rows that
   * already hold their values are not written (most new ads start a group of one: null stays null).
   */
  private async flushGroups() {
    const { conn } = this;
    if (!this.touched.size && !this.touchedAds.size) return;
    const groups = [...this.touched];
    const members = new Map<number, number | null>();
    for (const id of this.touchedAds) members.set(id, null);
    const sizes = new Map<number, number>();
    for (let i = 0; i < groups.length; i += 5000) {
      const rows = await conn.all<{ adId: number; groupId: number }>(
        Sql.of(`SELECT "adId", "groupId" FROM "AdFingerprint" WHERE `).append(inIds(conn.dialect, `"groupId"`, groups.slice(i, i + 5000))),
      );
      for (const r of rows) {
        members.set(Number(r.adId), Number(r.groupId));
        sizes.set(Number(r.groupId), (sizes.get(Number(r.groupId)) ?? 0) + 1);
      }
    }
    const rows: [number, number | null, number | null][] = [...members].map(([id, g]) => {
      const size = g === null ? 0 : (sizes.get(g) ?? 0);
      return size > 1 ? [id, g, size] : [id, null, null];
    });
    for (let i = 0; i < rows.length; i += 5000) {
      const part = rows.slice(i, i + 5000);
      if (conn.dialect === "sqlite")
        await conn.run(
          Sql.of(
            `UPDATE "Ad" SET "duplicateGroupId" = json_extract(v.value, '$[1]'), "duplicateCount" = json_extract(v.value, '$[2]')
             FROM json_each(?) v WHERE "Ad"."id" = json_extract(v.value, '$[0]')
               AND ("Ad"."duplicateGroupId" IS NOT json_extract(v.value, '$[1]') OR "Ad"."duplicateCount" IS NOT json_extract(v.value, '$[2]'))`,
            JSON.stringify(part),
          ),
        );
      else
        await conn.run(
          Sql.of(
            `UPDATE "Ad" a SET "duplicateGroupId" = v.g, "duplicateCount" = v.n FROM unnest(?::int[], ?::int[], ?::int[]) AS v(id, g, n)
             WHERE a."id" = v.id AND (a."duplicateGroupId" IS DISTINCT FROM v.g OR a."duplicateCount" IS DISTINCT FROM v.n)`,
            part.map((r) => r[0]),
            part.map((r) => r[1]),
            part.map((r) => r[2]),
          ),
        );
    }
    this.touched.clear();
    this.touchedAds.clear();
  }

  async fingerprints(ids: readonly number[]): Promise<Fingerprint[]> {
    const out: Fingerprint[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await this.conn.all<FingerprintRow>(
        Sql.of(`SELECT ${FP_COLUMNS} FROM "AdFingerprint" WHERE `).append(inIds(this.conn.dialect, `"adId"`, ids.slice(i, i + 5000))),
      );
      out.push(...rows.map(fingerprintOf));
    }
    return out;
  }

  async clear(): Promise<void> {
    await this.conn.run(Sql.of(`DELETE FROM "AdFingerprint"`));
    await this.conn.run(Sql.of(`DELETE FROM "DuplicateCompany"`));
    await this.conn.run(Sql.of(`UPDATE "Ad" SET "duplicateGroupId" = NULL, "duplicateCount" = NULL WHERE "duplicateGroupId" IS NOT NULL`));
  }
}

/** A DuplicateStore that keeps the saves of a batch to write them later, in one short transaction. */
class DeferredSaves implements DuplicateStore {
  private readonly pending: DetectorChanges[] = [];
  constructor(private readonly store: SqlDuplicateStore) {}
  load = () => this.store.load();
  /** Stored fingerprints, and those saved here but not yet written (settle reads them back). */
  async fingerprints(ids: readonly number[]): Promise<Fingerprint[]> {
    const held = new Map<number, Fingerprint>();
    for (const c of this.pending) for (const fp of c.fingerprints) held.set(fp.id, fp);
    const stored = await this.store.fingerprints(ids.filter((id) => !held.has(id)));
    return [...stored, ...ids.flatMap((id) => held.get(id) ?? [])];
  }
  clear = () => this.store.clear();
  async save(changes: DetectorChanges) {
    this.pending.push(changes);
  }
  /** Changes held, not yet written. */
  get size(): number {
    return this.pending.length;
  }
  async write() {
    for (const c of this.pending.splice(0)) await this.store.save(c);
  }
}

const now = (dialect: Dialect) => (dialect === "sqlite" ? new Date().toISOString().replace("Z", "+00:00") : new Date());

// ---- the lease -----------------------------------------------------------------------------------

const LEASE_KEY = "duplicates.lease";
const LEASE_SECONDS = 120;

/**
 * `poll`: a busy database counts as a lease not yet free (tried again on a timer), so a transaction
 * of this process can finish meanwhile; a process of its own (the follower) just waits for the lock.
 */
async function takeLease(conn: DupConn, waitMs: number, poll: boolean): Promise<void> {
  const deadline = Date.now() + waitMs;
  const write = poll ? conn.runUnlessBusy.bind(conn) : conn.run.bind(conn);
  for (;;) {
    const t = Math.floor(Date.now() / 1000);
    const got = await write(
      Sql.of(
        `INSERT INTO "Counter" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value" WHERE "Counter"."value" < ?`,
        LEASE_KEY,
        t + LEASE_SECONDS,
        t,
      ),
    );
    if (got) return;
    if (Date.now() > deadline) throw new Error("another duplicate detection is running; try again shortly");
    await new Promise((r) => setTimeout(r, 200));
  }
}
const renewLease = (conn: DupConn) => conn.run(Sql.of(`UPDATE "Counter" SET "value" = ? WHERE "key" = ?`, Math.floor(Date.now() / 1000) + LEASE_SECONDS, LEASE_KEY));
const releaseLease = (conn: DupConn) => conn.run(Sql.of(`UPDATE "Counter" SET "value" = 0 WHERE "key" = ?`, LEASE_KEY));

// ---- sync ------------------------------------------------------------------------------------------

export type SyncProgress = { phase: "loading" | "detecting" | "done"; done: number; total: number };
export type SyncResult = { fingerprinted: number; unchanged: number; removed: number; replaced: number; marks: number; ms: number };

type AdRow = {
  id: number;
  version: number;
  title: string;
  description: string | null;
  company: string | null;
  locationRaw: string | null;
  locationNormalized: string | null;
  salaryRaw: string | null;
  salaryAnnual: number | null;
  salarySource: string | null;
};

/** An ad row as the detector reads it (the same mapping as the evaluation's). */
export function adTextOf(r: Omit<AdRow, "version">): AdText {
  return {
    id: Number(r.id),
    title: r.title,
    description: r.description ?? "",
    company: r.company,
    location: [r.locationNormalized, r.locationRaw].filter(Boolean).join(", "),
    // An admin's salary replaces what the file's salary text said.
    salaryRaw: r.salarySource === "admin" ? null : r.salaryRaw,
    // A model's estimate is no evidence that two ads pay the same.
    salaryAnnual: r.salaryAnnual === null || r.salarySource === "estimate" ? null : Number(r.salaryAnnual),
  };
}

/**
 * A sync that runs beside an import (the import's own process spawns it: see duplicate-follower.ts):
 * it groups the import's new ads as their batches commit, then, once `finished()` is true, does
 * what any sync does. `wait()` resolves when there may be more to read.
 */
export type Follow = {
  finished: () => boolean;
  wait: () => Promise<void>;
  /** The import's ads are above this id (read by the import before it began writing). */
  after: number;
  /**
   * The import is gone (killed, or failed): stop after the chunk at hand and write what is held;
   * its other ads, and the group columns (still marked behind), are the next run's.
   */
  abandoned: () => boolean;
};
/** A follower's SQLite writes wait this long for the lock (the import's index builds at the end). */
const FOLLOW_BUSY_MS = 300_000;

export const SYNC_CHUNK = 2000;
/** Ads between two writes of the companies' boilerplate tables (see pendingCompanies). */
const COMPANY_FLUSH = 50_000;

/**
 * Brings the duplicate groups up to date with the ads (see the top of this file). `rebuild` first
 * forgets every fingerprint and group (not the marks) in the same way a first run starts.
 */
export async function syncDuplicates(
  url: string,
  opts: { rebuild?: boolean; onProgress?: (p: SyncProgress) => void; options?: Partial<DetectorOptions>; waitMs?: number; follow?: Follow } = {},
): Promise<SyncResult> {
  const started = Date.now();
  const conn = await DupConn.open(url, opts.follow ? FOLLOW_BUSY_MS : undefined);
  const result: SyncResult = { fingerprinted: 0, unchanged: 0, removed: 0, replaced: 0, marks: 0, ms: 0 };
  try {
    await takeLease(conn, opts.waitMs ?? 60_000, !opts.follow);
    try {
      const store = new SqlDuplicateStore(conn);
      // A transaction begun by the caller: fn, the ads counter, commit (or roll back).
      const finishTx = async <T>(fn: () => Promise<T>): Promise<T> => {
        try {
          const r = await fn();
          await conn.run(Sql.of(COUNTER_BUMP_SQL, ADS_COUNTER));
          await conn.commit();
          return r;
        } catch (e) {
          await conn.rollback().catch(() => {});
          throw e;
        }
      };
      const inTx = async <T>(fn: () => Promise<T>): Promise<T> => {
        await conn.begin();
        return finishTx(fn);
      };
      if (opts.rebuild) await inTx(() => store.clear());
      opts.onProgress?.({ phase: "loading", done: 0, total: 0 });
      const detector = await store.loadDetector(opts.options);
      // A bulk run sets the ads' group columns once, at its end; a run that finds a stopped bulk
      // run's mark sets them at its end too.
      const reconcile = (await store.columnsBehind()) || !!opts.follow || !!opts.rebuild;
      if (opts.follow || opts.rebuild) {
        store.deferColumns = true;
        await inTx(() => store.markColumnsBehind());
      }

      // 1. Deleted ads leave their groups.
      const gone = (await conn.all<{ adId: number }>(Sql.of(`SELECT f."adId" FROM "AdFingerprint" f LEFT JOIN "Ad" a ON a."id" = f."adId" WHERE a."id" IS NULL`))).map((r) =>
        Number(r.adId),
      );
      if (gone.length)
        await inTx(async () => {
          await removeAds(store, detector, gone);
          await conn.run(Sql.of(`DELETE FROM "AdFingerprint" WHERE `).append(inIds(conn.dialect, `"adId"`, gone)));
          result.removed = gone.length;
        });

      // The unit of work: a chunk of ads waiting for a fingerprint, in one transaction.
      const pendingAds = (after: number, newOnly = false) =>
        conn.all<AdRow & { known: number | null; textHash: string | null }>(
          Sql.of(
            `SELECT a."id", a."version", a."title", t."description", c."name" AS "company", a."locationRaw", a."locationNormalized", a."salaryRaw", a."salaryAnnual", a."salarySource",
                    f."adId" AS "known", f."textHash"
             FROM "Ad" a LEFT JOIN "AdFingerprint" f ON f."adId" = a."id" LEFT JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId"
             WHERE ${newOnly ? `f."adId" IS NULL` : `(f."adId" IS NULL OR f."adVersion" <> a."version")`} AND a."id" > ? ORDER BY a."id" LIMIT ${SYNC_CHUNK}`,
            after,
          ),
        );
      let done = 0;
      // The detector's work is done before the transaction and only its writes inside it: the write
      // lock is held for milliseconds. Following an import, which holds the lock for most of each
      // of its batches, the writes do not wait for it either: they are held (a few chunks at most)
      // while the next chunk is fingerprinted, and written once the lock is free.
      const saves = new DeferredSaves(store);
      let unchangedRows: AdRow[] = [];
      let heldAds = 0;
      const MAX_HELD = 5 * SYNC_CHUNK;
      const writeHeld = async (wait: boolean) => {
        if (!saves.size && !unchangedRows.length) return;
        if (wait) await conn.begin();
        else if (!(await conn.tryBegin())) return;
        await finishTx(async () => {
          for (const r of unchangedRows) await conn.run(Sql.of(`UPDATE "AdFingerprint" SET "adVersion" = ? WHERE "adId" = ?`, r.version, r.id));
          await saves.write();
        });
        unchangedRows = [];
        store.versions.clear();
        const before = done - heldAds;
        heldAds = 0;
        if (Math.floor(done / COMPANY_FLUSH) !== Math.floor(before / COMPANY_FLUSH)) await inTx(() => store.flushCompanies());
        await renewLease(conn);
      };
      let importRunning = !!opts.follow;
      const detectChunk = async (rows: (AdRow & { known: number | null; textHash: string | null })[]) => {
        const ads: AdText[] = [];
        for (const r of rows) {
          const ad = adTextOf(r);
          const textHash = textHashOf(ad);
          if (r.known !== null && r.textHash === textHash) unchangedRows.push(r);
          else {
            store.versions.set(ad.id, { version: Number(r.version), textHash });
            ads.push(ad);
          }
        }
        if (ads.length) await detectBatch(saves, detector, ads);
        result.unchanged += rows.length - ads.length;
        result.fingerprinted += ads.length;
        done += rows.length;
        heldAds += rows.length;
        await writeHeld(!importRunning || heldAds >= MAX_HELD);
      };

      // 2a. Following an import: the ads it adds, batch by batch as they commit (ids above every
      // ad there was when it began), until it says it has finished; its changed ads come in 2b.
      if (opts.follow) {
        conn.autoCheckpoint(false);
        let lastRenew = Date.now();
        for (let after = opts.follow.after; ;) {
          const finished = opts.follow.finished(); // read first: a batch committed before "finished" is still found below
          if (opts.follow.abandoned()) break;
          const rows = await pendingAds(after, true);
          if (rows.length) {
            after = Number(rows[rows.length - 1].id);
            await detectChunk(rows);
            lastRenew = Date.now();
            opts.onProgress?.({ phase: "detecting", done, total: done });
            continue;
          }
          if (finished) break;
          await writeHeld(false);
          await opts.follow.wait();
          if (Date.now() - lastRenew > 30_000) {
            await renewLease(conn);
            lastRenew = Date.now();
          }
        }
        importRunning = false;
        await writeHeld(true); // before 2b, which finds its work by the fingerprints written
        conn.autoCheckpoint(true); // the import has finished: the rest of the run is this process's
        if (opts.follow.abandoned()) {
          // Quickly: a re-run of the import waits for this run's lease (and this one runs at nice 19).
          await inTx(() => store.flushCompanies());
          result.ms = Date.now() - started;
          return result;
        }
      }

      // 2b. New and changed ads, in arrival (id) order, a chunk per transaction.
      const [{ n }] = await conn.all<{ n: number }>(
        Sql.of(`SELECT count(*) AS "n" FROM "Ad" a LEFT JOIN "AdFingerprint" f ON f."adId" = a."id" WHERE f."adId" IS NULL OR f."adVersion" <> a."version"`),
      );
      const total = done + Number(n);
      opts.onProgress?.({ phase: "detecting", done, total });
      for (let after = 0; ;) {
        const rows = await pendingAds(after);
        if (!rows.length) break;
        after = Number(rows[rows.length - 1].id);
        await detectChunk(rows);
        opts.onProgress?.({ phase: "detecting", done, total });
      }

      // 3. Fingerprints waiting for a group (a run stopped between its two saves cannot leave
      // these: settle saves in one transaction; kept for safety) and marks still inside one group.
      const waiting = (await conn.all<{ adId: number }>(Sql.of(`SELECT "adId" FROM "AdFingerprint" WHERE "groupId" IS NULL ORDER BY "seq"`))).map((r) => Number(r.adId));
      if (waiting.length)
        await inTx(async () => {
          for (const fp of await store.fingerprints(waiting)) if (!detector.has(fp.id)) detector.replace(fp);
          await store.save(detector.takeChanges());
          result.replaced = waiting.length;
        });
      const marked = await conn.all<{ adA: number; adB: number }>(
        Sql.of(
          `SELECT m."adA", m."adB" FROM "DuplicateMark" m JOIN "AdFingerprint" x ON x."adId" = m."adA" JOIN "AdFingerprint" y ON y."adId" = m."adB" WHERE x."groupId" = y."groupId"`,
        ),
      );
      if (marked.length)
        await inTx(async () => {
          for (const m of marked) await markNotDuplicate(store, detector, Number(m.adA), Number(m.adB));
          result.marks = marked.length;
        });
      await inTx(async () => {
        await store.flushCompanies();
        if (reconcile) await store.reconcileColumns();
      });
      opts.onProgress?.({ phase: "done", done, total });
    } finally {
      await releaseLease(conn).catch(() => {});
    }
  } finally {
    await conn.close();
  }
  result.ms = Date.now() - started;
  return result;
}
