// Matching against real databases (SQLite, and PostgreSQL when DATABASE_URL names one), on the real
// Adzuna sample: an ad's best candidates come back ordered as the score says, the candidate whose CV
// describes the job first, already-applied candidates marked (not hidden); a candidate's matching
// roles are open ads, one per near-duplicate group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { matchesForAd, matchesForCandidate } from "@/lib/matching/matches";
import { createApplication } from "@/lib/pipeline/applications";
import { ZCandidateFields } from "@/lib/candidates/schemas";
import { createCandidate } from "@/lib/candidates/service";
import { sampleDatabase } from "../support/import-db";
import { testDialects, type TestDatabase } from "../support/test-db";

for (const dialect of testDialects()) {
  describe(`matching (${dialect})`, () => {
    let tdb: TestDatabase;
    let db: Db;
    let userId: string;
    let adId: number;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      tdb = await sampleDatabase(`matching_${dialect}`, dialect);
      db = createDb(tdb.url);
      userId = (await db.user.create({ data: { email: "r@example.com", name: "Rita", role: "RECRUITER", passwordHash: "x" } })).id;
      const ad = await db.ad.findFirstOrThrow({
        where: { title: { contains: "Nurse" }, locationId: { not: null }, status: "OPEN" },
        select: { id: true, title: true, locationId: true, text: { select: { description: true } } },
        orderBy: { id: "asc" },
      });
      adId = ad.id;
      const desc = ad.text!.description;
      const make = async (key: string, data: Parameters<Db["candidate"]["create"]>[0]["data"]) => (ids[key] = (await db.candidate.create({ data, select: { id: true } })).id);
      await make("fit", { name: "Fiona Fit", currentTitle: ad.title, cvText: `I worked as ${ad.title}. ${desc.slice(0, 900)}`, locationId: ad.locationId });
      await make("title", { name: "Tom Title", currentTitle: ad.title, cvText: "Retail supervisor; cash handling and rotas.", location: "Aberdeen" });
      await make("chef", { name: "Chris Chef", currentTitle: "Chef de partie", cvText: "Chef de partie in a busy nurse-free kitchen; menus and ordering." });
    }, 240_000);
    afterAll(async () => {
      await db?.$disconnect();
      await tdb?.drop();
    });

    it("ranks the candidate whose CV describes the job first, ordered by score, with the real breakdown", async () => {
      const page = (await matchesForAd(adId, { limit: 20 }, db))!;
      expect(page.results.length).toBeGreaterThanOrEqual(2);
      expect(page.results[0].candidateId).toBe(ids.fit);
      const scores = page.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const r of page.results)
        expect(r.score).toBeCloseTo(
          r.breakdown.reduce((s, b) => s + b.points, 0),
          5,
        );
      const top = page.results[0];
      expect(top.matchedTerms.length).toBeGreaterThan(top.missingTerms.length);
      expect(top.breakdown.find((b) => b.factor === "location")?.reason).toBe("same town");
      // Tom's CV shares none of the ad's key words, but his current title is the ad's: he is found, below Fiona.
      const tom = page.results.find((r) => r.candidateId === ids.title);
      expect(tom, "the candidate holding the ad's title").toBeDefined();
      expect(tom!.score).toBeLessThan(top.score);
      expect(tom!.breakdown.find((b) => b.factor === "title")?.value).toBe(1);
      // Minimum score and paging.
      const strict = (await matchesForAd(adId, { minScore: top.score }, db))!;
      expect(strict.results.map((r) => r.candidateId)).toEqual([ids.fit]);
      const second = (await matchesForAd(adId, { limit: 1, offset: 1 }, db))!;
      expect(second.results[0]?.candidateId).toBe(page.results[1].candidateId);
    });

    it("marks candidates already put forward, without hiding them", async () => {
      const app = await createApplication(ids.fit, adId, userId, db);
      const page = (await matchesForAd(adId, {}, db))!;
      expect(page.results[0]).toMatchObject({ candidateId: ids.fit, applied: { applicationId: app.id, stage: "Applied" } });
      expect(page.results.slice(1).every((r) => r.applied === null)).toBe(true);
      const roles = (await matchesForCandidate(ids.fit, { limit: 10 }, db))!;
      const mine = roles.results.find((r) => r.adId === adId);
      const group = (await db.ad.findUniqueOrThrow({ where: { id: adId }, select: { duplicateGroupId: true } })).duplicateGroupId;
      // The ad (or, when it has copies, one ad of its group) is among the candidate's top roles.
      const found = mine ?? roles.results.find((r) => group !== null && r.duplicates > 1);
      expect(found).toBeTruthy();
      if (mine) expect(mine.applied).toMatchObject({ applicationId: app.id });
    });

    it("a candidate typed in the form gets a place on the UK tree and an annual desired salary", async () => {
      const fields = ZCandidateFields.parse({
        name: "Lee Form",
        email: "lee.form@example.com",
        phone: "",
        location: "Leeds",
        currentTitle: "",
        source: "",
        cvText: "",
        cvFileName: "",
        desiredSalary: "30-35k",
        skills: "ward nursing",
        willingToRelocate: true,
      });
      const { id } = await createCandidate(fields, userId, {}, db);
      const c = await db.candidate.findUniqueOrThrow({ where: { id }, include: { locationRef: true } });
      expect(c).toMatchObject({ desiredSalary: 32500, skills: "ward nursing", willingToRelocate: true });
      expect(c.locationRef?.name).toBe("Leeds");
      expect(c.regionId).not.toBeNull();
      expect(ZCandidateFields.safeParse({ ...fields, email: "", desiredSalary: "lots" }).success).toBe(false);
    });

    it("finds a candidate by the ad's title when the ad's rarest words are names the CV never mentions", async () => {
      const names = "Zorblax Quindlewick Brambleton Fennimore Oxtavian Pellucid Quarrington Sablethorpe Trevellick Umberslade";
      const ad = await db.ad.create({
        data: { externalId: 990_001, title: "Theatre Scrub Nurse", titleKey: "theatre scrub nurse", text: { create: { description: `Ask ${names} about it.` } } },
      });
      const tina = await db.candidate.create({
        data: { name: "Tina Theatre", currentTitle: "Theatre Scrub Nurse", cvText: "Ten years in orthopaedic theatres, scrubbing for hip and knee lists." },
      });
      const page = (await matchesForAd(ad.id, { limit: 20 }, db))!;
      // The names are the ad's most distinctive words: the rare-word queries ask for them.
      const lowerNames = names.toLowerCase().split(" ");
      expect(page.keyTerms.slice(0, 8).filter((t) => lowerNames.includes(t)).length).toBeGreaterThanOrEqual(6);
      expect(page.results.map((r) => r.candidateId)).toContain(tina.id);
    });

    it("a candidate's roles are open ads, ordered by score, one per duplicate group", async () => {
      const roles = (await matchesForCandidate(ids.fit, { limit: 50 }, db))!;
      const scores = roles.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const ads = await db.ad.findMany({ where: { id: { in: roles.results.map((r) => r.adId) } }, select: { status: true, duplicateGroupId: true } });
      expect(ads.every((a) => a.status === "OPEN")).toBe(true);
      const groups = ads.map((a) => a.duplicateGroupId).filter((g) => g !== null);
      expect(new Set(groups).size).toBe(groups.length);
      expect(await matchesForCandidate(999_999, {}, db)).toBeNull();
      expect(await matchesForAd(999_999, {}, db)).toBeNull();
    });
  });
}
