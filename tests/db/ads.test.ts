// The ads table query, bulk actions and the edit's optimistic concurrency, on both databases, over
// the real sample. Expected numbers come from the CSV or from plain SQL, not from the code tested.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAd, getAdHistory, updateAd } from "@/lib/ads/ad";
import { setStatus } from "@/lib/ads/bulk";
import { findAdsPage, matchingAds } from "@/lib/ads/find-ads";
import { ZAdFields } from "@/lib/ads/schemas";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { createDb, type Db } from "@/lib/db/client";
import { createTag, setTags } from "@/lib/tags/service";
import { ZCandidateFields } from "@/lib/candidates/schemas";
import { createCandidate, mergeCandidates } from "@/lib/candidates/service";
import { createApplication, listStages, moveApplication } from "@/lib/pipeline/applications";
import { expectedCsv, SAMPLE_CSV, sampleDatabase } from "../support/import-db";
import { testDialects, type TestDatabase } from "../support/test-db";

const sample = expectedCsv(SAMPLE_CSV);
const rows = sample.good.map((r) => r.fields);
const countWhere = (f: (r: Record<string, string>) => boolean) => rows.filter(f).length;

describe.each(testDialects())("ads workspace queries on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let adminId: string;
  const find = (query: string) => findAdsPage(loadAdsTableParams(query), { db, cache: false });

  beforeAll(async () => {
    tdb = await sampleDatabase(`ads_${dialect}`, dialect);
    db = createDb(tdb.url);
    adminId = (await db.user.create({ data: { email: "boss@x.uk", name: "Boss", role: "ADMIN", passwordHash: "x" } })).id;
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("counts every ad and facets them like the CSV says", async () => {
    const page = await find("");
    expect(page.total).toBe(rows.length);
    expect(page.rows).toHaveLength(25);
    const it = page.facets.category.find((o) => o.label === "IT")!;
    expect(it.count).toBe(countWhere((r) => r.Category === "IT Jobs"));
    expect(page.facets.time.find((o) => o.value === "permanent")!.count).toBe(countWhere((r) => r.ContractTime === "permanent"));
    expect(page.facets.type.find((o) => o.value === "none")!.count).toBe(countWhere((r) => r.ContractType === ""));
    expect(page.facets.source.find((o) => o.value === "careworx.co.uk")!.count).toBe(countWhere((r) => r.SourceName === "careworx.co.uk"));
  });

  it("filters, and counts the other facets within the filter", async () => {
    const page = await find("?category=it-jobs&time=permanent");
    expect(page.total).toBe(countWhere((r) => r.Category === "IT Jobs" && r.ContractTime === "permanent"));
    expect(page.facets.time.find((o) => o.value === "contract")!.count).toBe(countWhere((r) => r.Category === "IT Jobs" && r.ContractTime === "contract"));
    expect(page.facets.category.find((o) => o.label === "Engineering")!.count).toBe(countWhere((r) => r.Category === "Engineering Jobs" && r.ContractTime === "permanent"));
    for (const r of page.rows) expect(r).toMatchObject({ category: "IT Jobs", contractTime: "PERMANENT" });
  });

  it("a category the data does not have matches nothing, alone or beside one it has", async () => {
    expect((await find("?category=no-such-jobs")).total).toBe(0);
    expect((await find("?category=no-such-jobs")).rows).toEqual([]);
    const it = countWhere((r) => r.Category === "IT Jobs");
    const both = await find("?category=no-such-jobs,it-jobs");
    expect(both.total).toBe(it);
    expect(both.rows.every((r) => r.category === "IT Jobs")).toBe(true);
  });

  it("includes every place below a chosen region", async () => {
    const london = await db.location.findUniqueOrThrow({ where: { path: "UK~London" } });
    const surrey = await db.location.findUniqueOrThrow({ where: { path: "UK~South East England~Surrey" } });
    const under = async (path: string) => db.ad.count({ where: { location: { OR: [{ path }, { path: { startsWith: `${path}~` } }] } } });
    expect((await find(`?region=${london.id}`)).total).toBe(await under("UK~London"));
    const inSurrey = await under("UK~South East England~Surrey");
    expect(inSurrey).toBeGreaterThan(0);
    expect((await find(`?region=${surrey.id}`)).total).toBe(inSurrey);
  });

  it("searches words, phrases, OR and exclusions, with highlighted snippets", async () => {
    const nurse = await find("?q=nurse");
    expect(nurse.search).toMatchObject({ text: "nurse", windowed: false, hint: null });
    expect(nurse.total).toBeGreaterThan(100);
    expect(nurse.rows[0].snippet).toMatch(/\u0001[^\u0002]*nurs/i);
    const phrase = await find('?q="stress engineer"');
    expect(phrase.total).toBeGreaterThan(0);
    for (const r of phrase.rows) expect(r.title.toLowerCase()).toContain("stress");
    const without = await find('?q=engineer -"stress engineer"');
    expect(without.total).toBeLessThan((await find("?q=engineer")).total);
    const either = await find("?q=chef OR java");
    expect(either.total).toBe((await find("?q=chef")).total + (await find("?q=java")).total - (await find("?q=chef java")).total);
    const hint = await find("?q=-nurse");
    expect(hint.search?.hint).toBeTruthy();
    expect(hint.total).toBe(rows.length); // an unusable search is ignored, with the hint shown
  });

  it("sorts and pages without overlaps; salaries descend with the unknown last", async () => {
    const p1 = await find("?sort=-salary&perPage=100");
    const salaries = p1.rows.map((r) => r.salaryAnnual);
    expect(salaries).toEqual([...salaries].sort((a, b) => (b ?? -1) - (a ?? -1)));
    // Ads without a salary come last in both directions, across the page boundary, each once.
    const unknown = await db.ad.findMany({ select: { id: true, salaryAnnual: true }, orderBy: { id: "asc" }, take: 3 });
    await db.ad.updateMany({ where: { id: { in: unknown.map((u) => u.id) } }, data: { salaryAnnual: null } });
    try {
      const pages = Math.ceil(rows.length / 100);
      const tail = async (sort: string) =>
        [...(await find(`?sort=${sort}&perPage=100&page=${pages - 1}`)).rows, ...(await find(`?sort=${sort}&perPage=100&page=${pages}`)).rows].map((r) => [r.id, r.salaryAnnual]);
      const asc = await tail("salary");
      expect(asc.slice(-3)).toEqual(unknown.map((u) => [u.id, null]));
      expect(asc.at(-4)![1]).not.toBeNull();
      const desc = await tail("-salary");
      expect(desc.slice(-3)).toEqual(unknown.map((u) => [u.id, null]).reverse());
      const lowest = await db.ad.aggregate({ _min: { salaryAnnual: true } });
      expect(desc.at(-4)![1]).toBe(lowest._min.salaryAnnual);
      expect((await find("?sort=salary&perPage=100")).rows[0].salaryAnnual).toBe(lowest._min.salaryAnnual);
      expect((await find(`?sort=salary&perPage=100&page=${pages + 1}`)).rows).toEqual([]);
    } finally {
      for (const u of unknown) await db.ad.update({ where: { id: u.id }, data: { salaryAnnual: u.salaryAnnual } });
    }
    const p2 = await find("?sort=title&page=2");
    const p1t = await find("?sort=title&page=1");
    expect(p1t.rows.map((r) => r.id).filter((id) => p2.rows.some((x) => x.id === id))).toEqual([]);
    expect(p1t.rows.map((r) => r.title.toLowerCase())).toEqual([...p1t.rows.map((r) => r.title.toLowerCase())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("pages the same whichever plan the size of the match picks (walk the sort, or look up the filter)", async () => {
    // Broad filters' first pages walk the sort's index; narrow filters and deep pages look the
    // filter up and sort (lib/ads/find-ads.ts, walkSortIndex). Either way: Prisma's plain answer.
    const perSource = new Map<string, number>();
    for (const r of rows) perSource.set(r.SourceName, (perSource.get(r.SourceName) ?? 0) + 1);
    const source = [...perSource].find(([s, n]) => s && n >= 3 && n <= 10)![0];
    type Order = Parameters<Db["ad"]["findMany"]>[0] extends infer A ? (A extends { orderBy?: infer O } ? O : never) : never;
    const cases: { query: string; where: Record<string, unknown>; orderBy: Order }[] = [
      { query: "time=permanent", where: { contractTime: "PERMANENT" }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }] },
      { query: "time=permanent&sort=title", where: { contractTime: "PERMANENT" }, orderBy: [{ titleKey: "asc" }, { id: "asc" }] },
      { query: "salaryMin=20000&salaryMax=40000&sort=created", where: { salaryAnnual: { gte: 20000, lte: 40000 } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      {
        query: "time=permanent&salaryMin=20000&sort=-salary",
        where: { contractTime: "PERMANENT", salaryAnnual: { gte: 20000 } },
        orderBy: [{ salaryAnnual: "desc" }, { id: "desc" }],
      },
      { query: "type=full_time&sort=-salary", where: { contractType: "FULL_TIME" }, orderBy: [{ salaryAnnual: { sort: "desc", nulls: "last" } }, { id: "desc" }] },
      { query: `source=${encodeURIComponent(source)}&sort=-title`, where: { source }, orderBy: [{ titleKey: "desc" }, { id: "desc" }] },
    ];
    for (const c of cases) {
      const total = await db.ad.count({ where: c.where });
      const last = Math.max(1, Math.ceil(total / 25));
      for (const page of [...new Set([1, 2, last])]) {
        const expected = await db.ad.findMany({ where: c.where, orderBy: c.orderBy, skip: (page - 1) * 25, take: 25, select: { id: true } });
        const got = await find(`?${c.query}&page=${page}`);
        expect(got.total, c.query).toBe(total);
        expect(
          got.rows.map((r) => r.id),
          `${c.query} page ${page}`,
        ).toEqual(expected.map((r) => r.id));
      }
    }
  });

  it("bulk-tags every ad a view matches, finds them by tag (any / all / none), and closes them", async () => {
    const tag = (await createTag({ name: "Java", color: "#2563eb" }, adminId, db))!;
    const other = (await createTag({ name: "Hot", color: "#dc2626" }, adminId, db))!;
    const params = loadAdsTableParams("?q=java");
    const { from, where } = await matchingAds(params, db);
    const expected = (await find("?q=java")).total;
    const { changed } = await setTags({ from: from.sql, where }, [tag.id], "add", { id: adminId }, "BULK", db);
    expect(changed).toBe(expected);
    expect((await find(`?tags=${tag.id}`)).total).toBe(expected);
    const first = (await find("?q=java")).rows[0].id;
    await setTags({ ids: [first] }, [other.id], "add", { id: adminId }, "EDIT", db);
    expect((await find(`?tags=${tag.id},${other.id}&tagMode=all`)).total).toBe(1);
    expect((await find(`?tags=${tag.id},${other.id}&tagMode=any`)).total).toBe(expected);
    expect((await find(`?tags=${tag.id}&tagMode=none`)).total).toBe(rows.length - expected);
    // Adding again changes nothing; history has one entry per ad per tag.
    expect((await setTags({ from: from.sql, where }, [tag.id], "add", { id: adminId }, "BULK", db)).changed).toBe(0);
    expect(await db.adChange.count({ where: { source: "BULK" } })).toBe(expected);

    const closed = await setStatus({ from: from.sql, where }, "CLOSED", adminId, db);
    expect(closed.changed).toBe(expected);
    expect((await find("?status=closed")).total).toBe(expected);
    expect((await find("?status=open")).total).toBe(rows.length - expected);
  });

  it("refuses an edit against a version someone moved on, and lets exactly one of two racing saves win", async () => {
    const ad = (await find('?q="Stress Engineer Glasgow"')).rows[0];
    const current = (await getAd(ad.id, db))!;
    const form = (title: string) =>
      ZAdFields.parse({
        title,
        description: current.description,
        company: current.company?.name ?? "",
        locationId: current.locationId ? String(current.locationId) : "",
        category: current.category ?? "",
        contractType: current.contractType ?? "",
        contractTime: current.contractTime ?? "",
        salaryMin: current.salaryMin?.toString() ?? "",
        salaryMax: current.salaryMax?.toString() ?? "",
        salaryPeriod: current.salaryPeriod ?? "",
        status: current.status,
      });
    const results = await Promise.allSettled([updateAd(ad.id, current.version, form("One"), adminId, db), updateAd(ad.id, current.version, form("Two"), adminId, db)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT" });
    const after = (await getAd(ad.id, db))!;
    expect(after.version).toBe(current.version + 1);
    expect(["One", "Two"]).toContain(after.title);

    // A stale form: refused with their values to compare.
    await expect(updateAd(ad.id, current.version, form("Three"), adminId, db)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { version: current.version + 1, theirs: { title: after.title } },
    });
    const history = await db.adChange.findMany({ where: { adId: ad.id, source: "EDIT" } });
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0].changes)).toEqual({ title: [current.title, after.title] });
    // The search index follows the title.
    expect((await find(`?q=${after.title}`)).rows.map((r) => r.id)).toContain(ad.id);
  });

  it("pages an ad's history newest first, every change on exactly one page, however long it grows", async () => {
    const ad = (await find("?sort=title")).rows[3];
    const tag = (await createTag({ name: "History pages", color: "#7c3aed" }, adminId, db))!;
    const before = await db.adChange.count({ where: { adId: ad.id } });
    // 23 more changes: the tag on, off, on, …
    for (let k = 0; k < 23; k++) await setTags({ ids: [ad.id] }, [tag.id], k % 2 === 0 ? "add" : "remove", { id: adminId }, "EDIT", db);
    const total = before + 23;
    const all = await db.adChange.findMany({ where: { adId: ad.id }, orderBy: { id: "desc" }, select: { id: true } });
    expect(all).toHaveLength(total);

    const pages = [1, 2, 3].map((page) => getAdHistory(ad.id, { page, perPage: 10 }, db));
    const got = await Promise.all(pages);
    expect(got.map((h) => [h.page, h.pages, h.total])).toEqual([1, 2, 3].map((p) => [p, Math.ceil(total / 10), total]));
    expect(got.flatMap((h) => h.entries.map((e) => e.id))).toEqual(all.map((c) => c.id));
    // The newest is the 23rd change (the tag put on again), named by field, with who did it; the one before took it off.
    expect(got[0].entries[0]).toMatchObject({ source: "EDIT", who: "Boss", changes: [{ field: "tags", before: null, after: "History pages" }] });
    expect(got[0].entries[1].changes).toEqual([{ field: "tags", before: "History pages", after: null }]);
    // A page past the end is the last page; the ad page's short list is the newest few.
    expect((await getAdHistory(ad.id, { page: 99, perPage: 10 }, db)).entries.map((e) => e.id)).toEqual(got[2].entries.map((e) => e.id));
    expect((await getAdHistory(ad.id, { perPage: 5 }, db)).entries.map((e) => e.id)).toEqual(all.slice(0, 5).map((c) => c.id));
  });

  it("cached counts follow tagging and status changes at once", async () => {
    const cached = (query: string) => findAdsPage(loadAdsTableParams(query), { db, cache: true });
    const tag = (await createTag({ name: "Cache check", color: "#16a34a" }, adminId, db))!;
    const all = await cached("");
    expect((await cached(`?tags=${tag.id}`)).total).toBe(0);
    const ids = all.rows.slice(0, 3).map((r) => r.id);
    await setTags({ ids }, [tag.id], "add", { id: adminId }, "BULK", db);
    expect((await cached(`?tags=${tag.id}`)).total).toBe(3);
    expect((await cached(`?tags=${tag.id}&tagMode=none`)).total).toBe(all.total - 3);
    expect((await cached("")).facets.tags.find((t) => t.value === String(tag.id))?.count).toBe(3);
    // An edit to an ad's facets still refreshes everything.
    await setStatus({ ids: [ids[0]] }, "CLOSED", adminId, db);
    expect((await cached("?status=closed")).total).toBe((await find("?status=closed")).total);
    await setStatus({ ids: [ids[0]] }, "OPEN", adminId, db);
  });

  it("cached counts follow applications: a new one, a move out of the open stages, a merge", async () => {
    const cached = (query: string) => findAdsPage(loadAdsTableParams(query), { db, cache: true });
    const plain = async (query: string) => (await find(query)).total;
    const views = ["?apps=any", "?apps=active", "?apps=none", "?apps=active&category=it-jobs"];
    const expectFresh = async () => {
      for (const v of views) expect((await cached(v)).total, v).toBe(await plain(v));
    };
    const ad = (await find("?category=it-jobs&apps=none")).rows[0];
    const before = await Promise.all(views.map(async (v) => (await cached(v)).total));
    const [anna, ann] = await Promise.all(
      ["anna", "ann"].map((n) =>
        createCandidate(
          ZCandidateFields.parse({ name: `Cache ${n}`, email: `${n}@cache.example`, phone: "", location: "", currentTitle: "", source: "", cvText: "", cvFileName: "" }),
          adminId,
          { confirmDuplicate: true },
          db,
        ),
      ),
    );
    const app = await createApplication(anna.id, ad.id, adminId, db);
    expect((await cached("?apps=any")).total).toBe(before[0] + 1);
    await expectFresh();
    const hired = (await listStages(db)).find((s) => s.kind === "HIRED")!;
    await moveApplication({ id: app.id, toStageId: hired.id, version: 1 }, adminId, db);
    expect((await cached("?apps=active")).total).toBe(before[1]);
    await expectFresh();
    await createApplication(ann.id, ad.id, adminId, db);
    await mergeCandidates(ann.id, anna.id, adminId, db);
    await expectFresh();
  });

  it("finds words written next to markup (an ad whose text holds HTML)", async () => {
    const ad = await db.ad.create({
      data: {
        externalId: 99_999_001,
        title: "<b>Quokkakeeper</b> wanted",
        titleKey: "quokkakeeper",
        text: { create: { description: "<script>x()</script>Wombatology <i>nights</i>" } },
      },
    });
    for (const word of ["quokkakeeper", "wombatology", "nights wombatology"]) {
      expect(
        (await find(`?q=${encodeURIComponent(word)}`)).rows.map((r) => r.id),
        word,
      ).toContain(ad.id);
    }
    await db.ad.delete({ where: { id: ad.id } });
  });
});
