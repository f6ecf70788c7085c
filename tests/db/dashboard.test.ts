// The dashboard's numbers on both databases, over a small pipeline built by hand: every expected
// number below is worked out from the table of applications, not from the code tested.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bumpCounter } from "@/lib/events/record-change";
import { createDb, type Db } from "@/lib/db/client";
import { countApplicationsByWeek, countOpenRoles, findStuckApplications, getDashboardHeadline, getFunnel, listFunnelScopes } from "@/lib/dashboard/stats";
import { parseFunnelScope } from "@/lib/dashboard/params";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

const DAY = 86_400_000;
// Friday 20 November 2026, noon UTC: ISO week 2026-W47 starts on Monday 16 November.
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const at = (iso: string) => new Date(iso);

type Step = [stage: string, when: Date];

/**
 * The pipeline. Ads: A1 (IT Jobs, cv-library, open), A2 (IT Jobs, totaljobs, open), A3 (Engineering,
 * cv-library, closed), A4 (Sales, open, no applications).
 *
 * | app  | ad | history                                                         | furthest  |
 * |------|----|-----------------------------------------------------------------|-----------|
 * | h1   | A1 | applied -40d, screening -35d, interview -30d, offer -25d, hired -10d | hired (30 d to hire, this month) |
 * | h2   | A2 | applied -60d, screening -55d, hired -50d (skips two stages)    | hired (10 d) |
 * | h3   | A2 | applied 5 Oct 00:00, interview -20d, hired 1 Nov 00:00         | hired (27 d, this month, on the boundary) |
 * | b1   | A3 | applied 21 Oct 23:59, hired 31 Oct 23:59                       | hired (10 d, last month) |
 * | r1   | A3 | applied -200d, hired -150d, offer -60d, hired -45d             | hired (first hire before the 90 days) |
 * | o1   | A3 | applied -150d, hired -120d                                     | hired (before the 90 days) |
 * | s1   | A1 | applied -40d, screening -30d                                   | screening (stuck 30 d) |
 * | s2   | A1 | applied -20d (erased candidate)                                | applied (stuck 20 d) |
 * | s3   | A2 | applied -10d, screening -8d, interview -5d                     | interview (5 d in stage) |
 * | s4   | A3 | applied -100d                                                  | applied (stuck 100 d) |
 * | rej  | A1 | applied -50d, screening -45d, interview -40d, rejected -35d    | interview |
 * | w1   | A1 | applied -3d, withdrawn -1d                                     | applied |
 */
const PIPELINE: Record<string, { ad: string; steps: Step[]; erased?: boolean }> = {
  h1: {
    ad: "A1",
    steps: [
      ["applied", ago(40)],
      ["screening", ago(35)],
      ["interview", ago(30)],
      ["offer", ago(25)],
      ["hired", ago(10)],
    ],
  },
  h2: {
    ad: "A2",
    steps: [
      ["applied", ago(60)],
      ["screening", ago(55)],
      ["hired", ago(50)],
    ],
  },
  h3: {
    ad: "A2",
    steps: [
      ["applied", at("2026-10-05T00:00:00Z")],
      ["interview", ago(20)],
      ["hired", at("2026-11-01T00:00:00Z")],
    ],
  },
  b1: {
    ad: "A3",
    steps: [
      ["applied", at("2026-10-21T23:59:00Z")],
      ["hired", at("2026-10-31T23:59:00Z")],
    ],
  },
  r1: {
    ad: "A3",
    steps: [
      ["applied", ago(200)],
      ["hired", ago(150)],
      ["offer", ago(60)],
      ["hired", ago(45)],
    ],
  },
  o1: {
    ad: "A3",
    steps: [
      ["applied", ago(150)],
      ["hired", ago(120)],
    ],
  },
  s1: {
    ad: "A1",
    steps: [
      ["applied", ago(40)],
      ["screening", ago(30)],
    ],
  },
  s2: { ad: "A1", steps: [["applied", ago(20)]], erased: true },
  s3: {
    ad: "A2",
    steps: [
      ["applied", ago(10)],
      ["screening", ago(8)],
      ["interview", ago(5)],
    ],
  },
  s4: { ad: "A3", steps: [["applied", ago(100)]] },
  rej: {
    ad: "A1",
    steps: [
      ["applied", ago(50)],
      ["screening", ago(45)],
      ["interview", ago(40)],
      ["rejected", ago(35)],
    ],
  },
  w1: {
    ad: "A1",
    steps: [
      ["applied", ago(3)],
      ["withdrawn", ago(1)],
    ],
  },
};

const ADS = {
  A1: { title: "Java Developer", category: "IT Jobs", source: "cv-library.co.uk", status: "OPEN" },
  A2: { title: "Data Engineer", category: "IT Jobs", source: "totaljobs.com", status: "OPEN" },
  A3: { title: "Stress Engineer", category: "Engineering Jobs", source: "cv-library.co.uk", status: "CLOSED" },
  A4: { title: "Sales Executive", category: "Sales Jobs", source: "totaljobs.com", status: "OPEN" },
} as const;

describe.each(testDialects())("dashboard numbers on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  const app: Record<string, number> = {};
  const ad: Record<string, number> = {};
  const candidate: Record<string, number> = {};

  beforeAll(async () => {
    tdb = await createTestDatabase(`dashboard_${dialect}`, dialect);
    db = createDb(tdb.url);
    const stages = new Map((await db.stage.findMany({ select: { id: true, key: true } })).map((s) => [s.key, s.id]));
    const actor = await db.user.create({ data: { email: "rita@x.uk", name: "Rita", passwordHash: "x" } });
    let externalId = 1000;
    for (const [key, a] of Object.entries(ADS)) {
      ad[key] = (await db.ad.create({ data: { externalId: externalId++, ...a, titleKey: a.title.toLowerCase() } })).id;
    }
    for (const [key, p] of Object.entries(PIPELINE)) {
      const c = await db.candidate.create({
        data: { name: `Candidate ${key}`, erasedAt: p.erased ? ago(1) : null, createdAt: p.steps[0][1] },
      });
      candidate[key] = c.id;
      const [lastStage, lastAt] = p.steps.at(-1)!;
      const a = await db.application.create({
        data: { candidateId: c.id, adId: ad[p.ad], stageId: stages.get(lastStage)!, stageEnteredAt: lastAt, createdAt: p.steps[0][1], createdById: actor.id },
      });
      app[key] = a.id;
      await db.stageChange.createMany({
        data: p.steps.map(([stage, when], i) => ({
          applicationId: a.id,
          fromStageId: i ? stages.get(p.steps[i - 1][0])! : null,
          toStageId: stages.get(stage)!,
          actorId: actor.id,
          createdAt: when,
        })),
      });
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("counts the headline numbers", async () => {
    const h = await getDashboardHeadline(db, NOW);
    expect(h).toEqual({
      openRoles: 3, // A1, A2, A4 (A3 is closed)
      activeApplications: 4, // s1, s2, s3, s4
      totalApplications: 12,
      hiresThisMonth: 2, // h1 (10 Nov) and h3 (1 Nov 00:00); b1 was hired a minute before November
      medianDaysToHire: 18.5, // h2 10, b1 10, h3 27, h1 30; r1 was first hired before the 90 days, o1 too
      hiresInWindow: 4,
    });
  });

  it("has no median time to hire and no hires when nobody was hired recently", async () => {
    const h = await getDashboardHeadline(db, at("2027-06-01T00:00:00Z"));
    expect(h).toMatchObject({ hiresThisMonth: 0, medianDaysToHire: null, hiresInWindow: 0 });
  });

  it("counts open roles again only when the ads change", async () => {
    expect(await countOpenRoles(db)).toBe(3);
    const extra = await db.ad.create({ data: { externalId: 9999, title: "Chef", status: "OPEN" } });
    await bumpCounter(db, "ads");
    expect(await countOpenRoles(db)).toBe(4);
    await db.ad.delete({ where: { id: extra.id } });
    await bumpCounter(db, "ads");
    expect(await countOpenRoles(db)).toBe(3);
  });

  const reached = async (scope: string) => (await getFunnel(db, parseFunnelScope(scope))).map((s) => [s.name, s.reached, s.conversion]);

  it("counts how many applications reached each stage or a later one", async () => {
    // Furthest stage: applied s2 s4 w1; screening s1; interview s3 rej; hired h1 h2 h3 b1 r1 o1.
    expect(await reached("")).toEqual([
      ["Applied", 12, 100],
      ["Screening", 9, 75],
      ["Interview", 8, 66.7],
      ["Offer", 6, 50],
      ["Hired", 6, 50],
    ]);
  });

  it("narrows the funnel to one role, a category or a source", async () => {
    // A1: h1 hired, s1 screening, rej interview, s2 and w1 applied.
    expect(await reached(`ad:${ad.A1}`)).toEqual([
      ["Applied", 5, 100],
      ["Screening", 3, 60],
      ["Interview", 2, 40],
      ["Offer", 1, 20],
      ["Hired", 1, 20],
    ]);
    // IT Jobs = A1 + A2 (h2 hired, h3 hired, s3 interview).
    expect(await reached("category:IT Jobs")).toEqual([
      ["Applied", 8, 100],
      ["Screening", 6, 75],
      ["Interview", 5, 62.5],
      ["Offer", 3, 37.5],
      ["Hired", 3, 37.5],
    ]);
    // cv-library = A1 + A3 (b1, r1, o1 hired; s4 applied).
    expect(await reached("source:cv-library.co.uk")).toEqual([
      ["Applied", 9, 100],
      ["Screening", 6, 66.7],
      ["Interview", 5, 55.6],
      ["Offer", 4, 44.4],
      ["Hired", 4, 44.4],
    ]);
    expect(await reached(`ad:${ad.A4}`)).toEqual([
      ["Applied", 0, null],
      ["Screening", 0, null],
      ["Interview", 0, null],
      ["Offer", 0, null],
      ["Hired", 0, null],
    ]);
    expect((await reached("category:Nothing Like This")).every(([, n]) => n === 0)).toBe(true);
  });

  it("follows the board order when an admin reorders or renames open stages", async () => {
    const screening = await db.stage.findUniqueOrThrow({ where: { key: "screening" } });
    const interview = await db.stage.findUniqueOrThrow({ where: { key: "interview" } });
    try {
      await db.stage.update({ where: { id: screening.id }, data: { position: interview.position, name: "Phone screen" } });
      await db.stage.update({ where: { id: interview.id }, data: { position: screening.position } });
      // Order now: Applied, Interview, Phone screen, Offer. Furthest: s1 phone screen (rank 2);
      // s3 phone screen (after interview); rej phone screen (screening came before its interview,
      // but now ranks after it); h1..o1 hired; s2 s4 w1 applied.
      expect(await reached("")).toEqual([
        ["Applied", 12, 100],
        ["Interview", 9, 75],
        ["Phone screen", 9, 75],
        ["Offer", 6, 50],
        ["Hired", 6, 50],
      ]);
    } finally {
      await db.stage.update({ where: { id: screening.id }, data: { position: screening.position, name: screening.name } });
      await db.stage.update({ where: { id: interview.id }, data: { position: interview.position } });
    }
  });

  it("counts a move made after the funnel was first read (and forgets a deleted application)", async () => {
    const zero = [0, 0, 0, 0, 0];
    const counts = async () => (await reached(`ad:${ad.A4}`)).map(([, n]) => n);
    expect(await counts()).toEqual(zero);
    const stages = new Map((await db.stage.findMany({ select: { id: true, key: true } })).map((s) => [s.key, s.id]));
    const c = await db.candidate.create({ data: { name: "Late applicant" } });
    const a = await db.application.create({ data: { candidateId: c.id, adId: ad.A4, stageId: stages.get("applied")!, createdAt: ago(2), stageEnteredAt: ago(2) } });
    try {
      await db.stageChange.create({ data: { applicationId: a.id, toStageId: stages.get("applied")!, createdAt: ago(2) } });
      expect(await counts()).toEqual([1, 0, 0, 0, 0]);
      await db.stageChange.create({ data: { applicationId: a.id, fromStageId: stages.get("applied")!, toStageId: stages.get("offer")!, createdAt: ago(1) } });
      expect(await counts()).toEqual([1, 1, 1, 1, 0]);
    } finally {
      await db.application.delete({ where: { id: a.id } });
      await db.candidate.delete({ where: { id: c.id } });
    }
    expect(await counts()).toEqual(zero);
  });

  it("offers the roles, categories and sources that have applications, busiest first", async () => {
    const scopes = await listFunnelScopes(db);
    expect(scopes.roles.map((r) => [r.value, r.count])).toEqual([
      [`ad:${ad.A1}`, 5],
      [`ad:${ad.A3}`, 4],
      [`ad:${ad.A2}`, 3],
    ]);
    expect(scopes.roles[0].label).toBe("Java Developer");
    expect(scopes.categories).toEqual([
      { value: "category:IT Jobs", label: "IT Jobs", count: 8 },
      { value: "category:Engineering Jobs", label: "Engineering Jobs", count: 4 },
    ]);
    expect(scopes.sources).toEqual([
      { value: "source:cv-library.co.uk", label: "cv-library.co.uk", count: 9 },
      { value: "source:totaljobs.com", label: "totaljobs.com", count: 3 },
    ]);
    // The chosen scope is always offered, even without applications or outside the top roles.
    const chosen = await listFunnelScopes(db, { kind: "ad", adId: ad.A4 }, 1);
    expect(chosen.roles.map((r) => [r.value, r.count])).toEqual([
      [`ad:${ad.A1}`, 5],
      [`ad:${ad.A4}`, 0],
    ]);
    expect((await listFunnelScopes(db, { kind: "category", category: "Sales Jobs" })).categories.at(-1)).toEqual({
      value: "category:Sales Jobs",
      label: "Sales Jobs",
      count: 0,
    });
    // A scope naming nothing real is not offered (the page falls back to every application).
    const bogus = await listFunnelScopes(db, { kind: "ad", adId: 987654 });
    expect(bogus.roles.map((r) => r.value)).not.toContain("ad:987654");
    expect((await listFunnelScopes(db, { kind: "category", category: "Nonsense" })).categories.map((c) => c.label)).toEqual(["IT Jobs", "Engineering Jobs"]);
    expect((await listFunnelScopes(db, { kind: "source", source: "nowhere.example" })).sources).toHaveLength(2);
  });

  it("counts applications per ISO week for the last 12 weeks, empty weeks included", async () => {
    const weeks = await countApplicationsByWeek(db, NOW);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toMatchObject({ week: "2026-W36", start: "2026-08-31T00:00:00.000Z" });
    expect(weeks[11]).toMatchObject({ week: "2026-W47", start: "2026-11-16T00:00:00.000Z" });
    // h2 W39; rej W40; h1 s1 and h3 (Monday 00:00) W41; b1 W43; s2 W44; s3 W46; w1 W47.
    // s4, r1 and o1 are older than the 12 weeks.
    expect(Object.fromEntries(weeks.map((w) => [w.week.slice(-3), w.count]))).toEqual({
      W36: 0,
      W37: 0,
      W38: 0,
      W39: 1,
      W40: 1,
      W41: 3,
      W42: 0,
      W43: 1,
      W44: 1,
      W45: 0,
      W46: 1,
      W47: 1,
    });
  });

  it("lists applications stuck in an open stage, oldest first, without erased names", async () => {
    const stuck = await findStuckApplications(db, 14, NOW);
    expect(stuck.total).toBe(3);
    expect(stuck.rows.map((r) => [r.id, r.stage.name, r.daysInStage])).toEqual([
      [app.s4, "Applied", 100],
      [app.s1, "Screening", 30],
      [app.s2, "Applied", 20],
    ]);
    expect(stuck.rows[0]).toMatchObject({
      candidate: { id: candidate.s4, name: "Candidate s4" },
      ad: { id: ad.A3, title: "Stress Engineer" },
      stageEnteredAt: ago(100).toISOString(),
    });
    expect(stuck.rows[2].candidate).toEqual({ id: candidate.s2, name: null });

    expect((await findStuckApplications(db, 25, NOW)).rows.map((r) => r.id)).toEqual([app.s4, app.s1]);
    expect((await findStuckApplications(db, 4, NOW)).rows.map((r) => r.id)).toEqual([app.s4, app.s1, app.s2, app.s3]);
    expect(await findStuckApplications(db, 365, NOW)).toMatchObject({ rows: [], total: 0 });
    // Out-of-range thresholds fall back to 14 days.
    expect(await findStuckApplications(db, 0, NOW)).toMatchObject({ days: 14, total: 3 });
  });
});
