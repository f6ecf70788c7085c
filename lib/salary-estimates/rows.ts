// Ads as the salary model reads them, from either database, a page at a time (keyset on id) so a
// 250,000-ad table never sits in memory: the ads with a real salary (training) and the ads without
// one (estimating).
import type { Db } from "@/lib/db/client";
import type { Dialect } from "@/lib/db/dialect";
import { query, Sql } from "@/lib/db/sql";
import { REAL_SALARY_SOURCES } from "@/lib/ads/fields";
import { ANNUAL_MAX, ANNUAL_MIN } from "@/lib/import/salary";
import type { SalaryAd } from "@/lib/salary/features";

/** An ad as the model reads it; `duplicateGroupId` is its near-duplicate group (lib/ads/duplicate-store.ts), null when alone. */
export type AdRow = SalaryAd & { id: number; salary: number | null; duplicateGroupId: number | null };
export type Which = "real" | "unsalaried";

const PAGE = 1000;

const WHERE: Record<Which, Sql> = {
  real: Sql.of(`a."salaryAnnual" IS NOT NULL AND a."salarySource" IN (${REAL_SALARY_SOURCES.map(() => "?").join(", ")})`, ...REAL_SALARY_SOURCES),
  unsalaried: Sql.of(`a."salaryAnnual" IS NULL`),
};

type Raw = {
  id: number;
  title: string;
  description: string | null;
  company: string | null;
  category: string | null;
  contractType: string | null;
  contractTime: string | null;
  source: string | null;
  locationPath: string | null;
  salaryAnnual: number | null;
  duplicateGroupId: number | null;
};

export async function countAds(db: Db, which: Which, dialect: Dialect): Promise<number> {
  const [r] = await query<{ n: number | bigint }>(db, Sql.of(`SELECT count(*) AS "n" FROM "Ad" a WHERE `).append(WHERE[which]), dialect);
  return Number(r.n);
}

/**
 * Ads with a real salary in the range training accepts (lib/salary/train.ts isUsableSalary): the
 * rows a training stream yields. Counted apart: a salary range in readAds' WHERE would let SQLite
 * walk the salary index and sort every page by id.
 */
export async function countUsableSalaries(db: Db, dialect: Dialect): Promise<number> {
  const [r] = await query<{ n: number | bigint }>(
    db,
    Sql.of(`SELECT count(*) AS "n" FROM "Ad" a WHERE `)
      .append(WHERE.real)
      .append(Sql.of(` AND a."salaryAnnual" >= ? AND a."salaryAnnual" <= ?`, ANNUAL_MIN, ANNUAL_MAX)),
    dialect,
  );
  return Number(r.n);
}

/** Every ad of a kind, in id order (the same order on every pass). */
export async function* readAds(db: Db, which: Which, dialect: Dialect, also?: Sql): AsyncGenerator<AdRow> {
  let after = 0;
  for (;;) {
    const rows = await query<Raw>(
      db,
      Sql.of(
        `SELECT a."id", a."title", t."description", c."name" AS "company", a."category", a."contractType", a."contractTime", a."source", l."path" AS "locationPath", a."salaryAnnual", a."duplicateGroupId"
         FROM "Ad" a LEFT JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId" LEFT JOIN "Location" l ON l."id" = a."locationId"
         WHERE a."id" > ? AND `,
        after,
      )
        .append(WHERE[which])
        .append(also ? Sql.of(" AND ").append(also) : "")
        .append(Sql.of(` ORDER BY a."id" LIMIT ?`, PAGE)),
      dialect,
    );
    for (const r of rows) {
      yield {
        id: Number(r.id),
        title: r.title,
        description: r.description ?? "",
        company: r.company,
        category: r.category,
        contractType: r.contractType,
        contractTime: r.contractTime,
        source: r.source,
        locationPath: r.locationPath,
        salary: r.salaryAnnual === null ? null : Number(r.salaryAnnual),
        duplicateGroupId: r.duplicateGroupId === null ? null : Number(r.duplicateGroupId),
      };
    }
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}

/** One ad, as the model reads it (the ad page's explanation). */
export async function readAd(db: Db, id: number, dialect: Dialect): Promise<AdRow | null> {
  const rows = await query<Raw>(
    db,
    Sql.of(
      `SELECT a."id", a."title", t."description", c."name" AS "company", a."category", a."contractType", a."contractTime", a."source", l."path" AS "locationPath", a."salaryAnnual", a."duplicateGroupId"
       FROM "Ad" a LEFT JOIN "AdText" t ON t."adId" = a."id" LEFT JOIN "Company" c ON c."id" = a."companyId" LEFT JOIN "Location" l ON l."id" = a."locationId"
       WHERE a."id" = ?`,
      id,
    ),
    dialect,
  );
  const r = rows[0];
  return r
    ? {
        ...r,
        id: Number(r.id),
        description: r.description ?? "",
        salary: r.salaryAnnual === null ? null : Number(r.salaryAnnual),
        duplicateGroupId: r.duplicateGroupId === null ? null : Number(r.duplicateGroupId),
      }
    : null;
}
