import "server-only";
// The home page's numbers: headline counts, the pipeline funnel for a scope, applications per ISO
// week and the applications stuck in a stage. Dates are taken in UTC (close enough to
// Europe/London for a month's or a week's boundary on a dashboard).
//
// How it stays fast at 250,000 ads and tens of thousands of applications:
//  - "Open roles" is one count over the ads, cached until the ads change (lib/ads/version).
//  - Application counts walk Application(stageId, stageEnteredAt) and Application(createdAt);
//    hires walk StageChange(toStageId, createdAt).
//  - The funnel reads the stage history once (from the scope's ads through Application(adId, …)
//    and StageChange(applicationId, …) when scoped) and is cached until the history moves.
import { adsVersion } from "@/lib/ads/version";
import { cached, scoped } from "@/lib/db/cache";
import type { Db, Prisma } from "@/lib/db/client";
import { query, Sql } from "@/lib/db/sql";
import { boardOrder, median, type StageKind } from "@/lib/pipeline/stages";
import { DAY, isoWeekLabel, startOfIsoWeek, startOfMonth, STUCK_DAYS_DEFAULT, STUCK_DAYS_MAX, STUCK_DAYS_MIN, type FunnelScope } from "./params";

export { funnelScopeValue, parseFunnelScope, parseStuckDays, STUCK_DAYS_DEFAULT, type FunnelScope } from "./params";

export const STUCK_LIMIT = 50;
export const HIRE_WINDOW_DAYS = 90;
export const WEEKS_SHOWN = 12;

// ---- stages -----------------------------------------------------------------------------------

type StageRow = { id: number; key: string; name: string; kind: StageKind; position: number };

async function loadStages(db: Db): Promise<StageRow[]> {
  const rows = await db.stage.findMany({ select: { id: true, key: true, name: true, kind: true, position: true } });
  return boardOrder(rows);
}

const idsOf = (stages: StageRow[], kind: StageKind) => stages.filter((s) => s.kind === kind).map((s) => s.id);

// ---- headline numbers -------------------------------------------------------------------------

export type DashboardHeadline = {
  openRoles: number;
  activeApplications: number;
  /** Every application, whatever its stage (0 means the pipeline is empty). */
  totalApplications: number;
  hiresThisMonth: number;
  /** Median days from an application's creation to its first move into Hired, over the hires of
   *  the last 90 days; null when there were none. */
  medianDaysToHire: number | null;
  /** How many hires the median is taken over. */
  hiresInWindow: number;
};

/** Every ad, and how many are the app's own starter ads (seeds): what "getting started" says. */
export async function countAds(db: Db): Promise<{ total: number; starter: number }> {
  const [total, starter] = [await db.ad.count(), await db.ad.count({ where: { source: "seed" } })];
  return { total, starter };
}

/** Ads with status OPEN, counted again only when the ads change. */
export async function countOpenRoles(db: Db): Promise<number> {
  return cached(scoped(db, "dashboard:open-roles"), String(await adsVersion(db)), () => db.ad.count({ where: { status: "OPEN" } }));
}

export async function getDashboardHeadline(db: Db, now: Date = new Date()): Promise<DashboardHeadline> {
  const stages = await loadStages(db);
  const openIds = idsOf(stages, "OPEN");
  const hiredIds = idsOf(stages, "HIRED");
  const [openRoles, activeApplications, totalApplications, hires] = await Promise.all([
    countOpenRoles(db),
    db.application.count({ where: { stageId: { in: openIds } } }),
    db.application.count(),
    findRecentHires(db, hiredIds, new Date(now.getTime() - HIRE_WINDOW_DAYS * DAY), now),
  ]);
  // The month so far always lies within the last 90 days: the same moves answer both questions.
  const monthStart = startOfMonth(now).getTime();
  const hiredThisMonth = new Set(hires.moves.filter((m) => m.createdAt.getTime() >= monthStart).map((m) => m.applicationId));
  return {
    openRoles,
    activeApplications,
    totalApplications,
    hiresThisMonth: hiredThisMonth.size,
    medianDaysToHire: hires.daysToHire.length ? median(hires.daysToHire) : null,
    hiresInWindow: hires.daysToHire.length,
  };
}

/**
 * Moves into Hired between `since` and `now`, and the days from creation to first hire of each
 * application first hired in that time (one hired before it, reopened and hired again, was not).
 */
async function findRecentHires(db: Db, hiredIds: number[], since: Date, now: Date) {
  if (!hiredIds.length) return { moves: [], daysToHire: [] };
  const moves = await db.stageChange.findMany({
    where: { toStageId: { in: hiredIds }, createdAt: { gte: since, lte: now } },
    select: { applicationId: true, createdAt: true, application: { select: { createdAt: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (!moves.length) return { moves, daysToHire: [] };
  const ids = [...new Set(moves.map((m) => m.applicationId))];
  const earlier = new Set<number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.stageChange.findMany({
      where: { toStageId: { in: hiredIds }, createdAt: { lt: since }, applicationId: { in: ids.slice(i, i + 1000) } },
      select: { applicationId: true },
    });
    for (const r of rows) earlier.add(r.applicationId);
  }
  const firstHire = new Map<number, number>();
  for (const m of moves) {
    if (earlier.has(m.applicationId) || firstHire.has(m.applicationId)) continue;
    firstHire.set(m.applicationId, Math.max(0, m.createdAt.getTime() - m.application.createdAt.getTime()) / DAY);
  }
  return { moves, daysToHire: [...firstHire.values()] };
}

// ---- funnel -----------------------------------------------------------------------------------

export type FunnelStep = {
  stageId: number;
  key: string;
  name: string;
  kind: StageKind;
  /** Applications in scope that reached this stage or a later one. */
  reached: number;
  /** reached as a percentage of the first stage's (one decimal), null when the first is 0. */
  conversion: number | null;
};

/**
 * For each open stage in board order, then Hired: how many applications in scope ever reached it
 * or a later one. An application's furthest stage is the furthest among its moves (Rejected and
 * Withdrawn do not count), with the open stages ranked by their current board order and Hired last.
 */
export async function getFunnel(db: Db, scope: FunnelScope): Promise<FunnelStep[]> {
  const stages = (await loadStages(db)).filter((s) => s.kind === "OPEN" || s.kind === "HIRED");
  // Hired ranks after every open stage; with several Hired stages, all count as one step.
  const hiredRank = stages.filter((s) => s.kind === "OPEN").length;
  const steps = stages.filter((s) => s.kind === "OPEN").concat(stages.filter((s) => s.kind === "HIRED").slice(0, 1));
  if (!steps.length) return [];
  const rankOf = (s: StageRow) => (s.kind === "HIRED" ? hiredRank : stages.indexOf(s));
  const ranks = new Map(stages.map((s) => [s.id, rankOf(s)]));

  const atRank = await furthestRanks(db, scope, ranks);
  const reachedFrom = (r: number) => [...atRank].reduce((sum, [k, n]) => (k >= r ? sum + n : sum), 0);
  const firstReached = reachedFrom(rankOf(steps[0]));
  return steps.map((s) => {
    const reached = reachedFrom(rankOf(s));
    return {
      stageId: s.id,
      key: s.key,
      name: s.name,
      kind: s.kind,
      reached,
      conversion: firstReached ? Math.round((reached / firstReached) * 1000) / 10 : null,
    };
  });
}

/**
 * How many applications in scope have each furthest rank (stage id → rank given). Reading the
 * whole stage history costs ~0.1–0.2 s at 60,000 applications, so the answer is kept until the
 * history, the applications or the ads change: the history is append-only, so its highest id and
 * the number of applications (deleting one deletes its history) tell whether it moved.
 */
async function furthestRanks(db: Db, scope: FunnelScope, ranks: Map<number, number>): Promise<Map<number, number>> {
  const [last, applications, ads] = await Promise.all([db.stageChange.aggregate({ _max: { id: true } }), db.application.count(), adsVersion(db)]);
  const key = scoped(db, `dashboard:funnel:${JSON.stringify([scope, [...ranks]])}`);
  const state = JSON.stringify([last._max.id, applications, ads]);
  return cached(key, state, async () => {
    // The ranks are integers computed here: written as literals, both databases type them as
    // integers. Changes into other stages (Rejected, Withdrawn) rank NULL, which MAX ignores.
    const rank = Sql.of(`CASE sc."toStageId" `)
      .append(
        Sql.join(
          [...ranks].map(([id, r]) => Sql.of(`WHEN ? THEN ${Math.trunc(r)}`, id)),
          " ",
        ),
      )
      .append(" END");
    // Unscoped: one pass over the history in application order. Scoped: from the ad(s) through
    // Application(adId, …) to StageChange(applicationId, …), touching only the scope's rows.
    const viaAds = `"Ad" ad JOIN "Application" a ON a."adId" = ad."id" JOIN "StageChange" sc ON sc."applicationId" = a."id"`;
    const from =
      scope.kind === "ad"
        ? Sql.of(`"Application" a JOIN "StageChange" sc ON sc."applicationId" = a."id" WHERE a."adId" = ?`, scope.adId)
        : scope.kind === "category"
          ? Sql.of(`${viaAds} WHERE ad."category" = ?`, scope.category)
          : scope.kind === "source"
            ? Sql.of(`${viaAds} WHERE ad."source" = ?`, scope.source)
            : Sql.of(`"StageChange" sc`);
    const rows = await query<{ rank: number | bigint | null; n: number | bigint }>(
      db,
      Sql.of(`SELECT t."furthest" AS "rank", COUNT(*) AS "n" FROM (SELECT sc."applicationId", MAX(`)
        .append(rank)
        .append(`) AS "furthest" FROM `)
        .append(from)
        .append(` GROUP BY sc."applicationId") t GROUP BY t."furthest"`),
    );
    return new Map(rows.filter((r) => r.rank !== null).map((r) => [Number(r.rank), Number(r.n)]));
  });
}

export type ScopeOption = { value: string; label: string; count: number };
export type FunnelScopeOptions = { roles: ScopeOption[]; categories: ScopeOption[]; sources: ScopeOption[] };

/**
 * What the funnel can be narrowed to: the roles with the most applications, and the categories
 * and sources that have applications, each with its application count; plus the chosen scope when
 * it names an existing ad, category or source (a scope not offered here is not a real one).
 */
export async function listFunnelScopes(db: Db, current: FunnelScope = { kind: "all" }, roles = 50): Promise<FunnelScopeOptions> {
  const [top, groups] = await Promise.all([
    db.application.groupBy({ by: ["adId"], _count: { adId: true }, orderBy: [{ _count: { adId: "desc" } }, { adId: "asc" }], take: roles }),
    // Applications per ad first (one pass over an index), then one ad lookup per ad, not per application.
    query<{ category: string | null; source: string | null; n: number | bigint }>(
      db,
      Sql.of(
        `SELECT ad."category" AS "category", ad."source" AS "source", SUM(x."n") AS "n" ` +
          `FROM (SELECT a."adId", COUNT(*) AS "n" FROM "Application" a GROUP BY a."adId") x JOIN "Ad" ad ON ad."id" = x."adId" ` +
          `GROUP BY ad."category", ad."source"`,
      ),
    ),
  ]);
  const counts = new Map(top.map((t) => [t.adId, t._count.adId]));
  // The chosen scope is offered even without applications, as long as it names something real.
  const known = (k: string | null) => k !== null && k !== "";
  if (current.kind === "category" && !groups.some((g) => g.category === current.category)) {
    if (await db.ad.findFirst({ where: { category: current.category }, select: { id: true } })) groups.push({ category: current.category, source: null, n: 0 });
  }
  if (current.kind === "source" && !groups.some((g) => g.source === current.source)) {
    if (await db.ad.findFirst({ where: { source: current.source }, select: { id: true } })) groups.push({ category: null, source: current.source, n: 0 });
  }
  if (current.kind === "ad" && !counts.has(current.adId)) {
    counts.set(current.adId, await db.application.count({ where: { adId: current.adId } }));
  }
  const ads = await db.ad.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, title: true, company: { select: { name: true } } } });
  const roleOptions = ads
    .map((ad) => ({
      value: `ad:${ad.id}`,
      label: ad.company ? `${ad.title} — ${ad.company.name}` : ad.title,
      count: counts.get(ad.id) ?? 0,
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));

  const tally = (pick: (g: (typeof groups)[number]) => string | null, prefix: string) => {
    const m = new Map<string, number>();
    for (const g of groups) {
      const k = pick(g);
      if (known(k)) m.set(k!, (m.get(k!) ?? 0) + Number(g.n));
    }
    return [...m].map(([k, count]) => ({ value: `${prefix}:${k}`, label: k, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  };
  return {
    roles: roleOptions,
    categories: tally((g) => g.category, "category"),
    sources: tally((g) => g.source, "source"),
  };
}

// ---- applications over time ---------------------------------------------------------------------

export type WeekCount = {
  /** "2026-W48" */
  week: string;
  /** Monday 00:00 UTC, ISO string. */
  start: string;
  count: number;
};

/** Applications created in each of the last `weeks` ISO weeks (the current one included), oldest first. */
export async function countApplicationsByWeek(db: Db, now: Date = new Date(), weeks = WEEKS_SHOWN): Promise<WeekCount[]> {
  const thisWeek = startOfIsoWeek(now).getTime();
  const starts = Array.from({ length: weeks }, (_, i) => new Date(thisWeek - (weeks - 1 - i) * 7 * DAY));
  // One range count per week on Application(createdAt): a dozen index probes, no rows fetched.
  const counts = await Promise.all(starts.map((start) => db.application.count({ where: { createdAt: { gte: start, lt: new Date(start.getTime() + 7 * DAY) } } })));
  return starts.map((start, i) => ({ week: isoWeekLabel(start), start: start.toISOString(), count: counts[i] }));
}

// ---- stuck applications -----------------------------------------------------------------------

export type StuckApplication = {
  id: number;
  /** null when the candidate was erased (the row still counts). */
  candidate: { id: number; name: string | null };
  ad: { id: number; title: string };
  stage: { id: number; name: string };
  stageEnteredAt: string;
  daysInStage: number;
};

/** Applications in an open stage they entered more than `days` days ago, oldest first (at most 50). */
export async function findStuckApplications(db: Db, days: number, now: Date = new Date()): Promise<{ rows: StuckApplication[]; total: number; days: number }> {
  const n = Number.isInteger(days) && days >= STUCK_DAYS_MIN && days <= STUCK_DAYS_MAX ? days : STUCK_DAYS_DEFAULT;
  const stages = await loadStages(db);
  const openIds = idsOf(stages, "OPEN");
  const where = { stageId: { in: openIds }, stageEnteredAt: { lt: new Date(now.getTime() - n * DAY) } } satisfies Prisma.ApplicationWhereInput;
  const [rows, total] = await Promise.all([
    db.application.findMany({
      where,
      orderBy: [{ stageEnteredAt: "asc" }, { id: "asc" }],
      take: STUCK_LIMIT,
      select: {
        id: true,
        stageEnteredAt: true,
        stageId: true,
        candidate: { select: { id: true, name: true, erasedAt: true } },
        ad: { select: { id: true, title: true } },
      },
    }),
    db.application.count({ where }),
  ]);
  const names = new Map(stages.map((s) => [s.id, s.name]));
  return {
    days: n,
    total,
    rows: rows.map((r) => ({
      id: r.id,
      candidate: { id: r.candidate.id, name: r.candidate.erasedAt ? null : r.candidate.name },
      ad: r.ad,
      stage: { id: r.stageId, name: names.get(r.stageId) ?? "" },
      stageEnteredAt: r.stageEnteredAt.toISOString(),
      daysInStage: Math.floor((now.getTime() - r.stageEnteredAt.getTime()) / DAY),
    })),
  };
}
