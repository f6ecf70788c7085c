// Many hands at once, on both databases: parallel edits of one ad, parallel moves of one
// application, parallel candidates with one email, two import processes on the same file. No lost
// update, no duplicate, and every loser is told.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAd } from "@/lib/ads/ad";
import { ZAdFields } from "@/lib/ads/schemas";
import { ZCandidateFields } from "@/lib/candidates/schemas";
import { createCandidate } from "@/lib/candidates/service";
import { createDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { createApplication, listStages, moveApplication } from "@/lib/pipeline/applications";
import { expectedCsv, openSearchIndex, SYNTH, treeDatabase } from "../support/import-db";
import { testDialects, type TestDatabase } from "../support/test-db";

const PARALLEL = 6;
const tmp = mkdtempSync(path.join(tmpdir(), "rd-concurrency-"));
const file = path.join(tmp, "synth-6k.csv");
let expected: ReturnType<typeof expectedCsv>;

beforeAll(() => {
  const gen = spawnSync(process.execPath, [SYNTH, "--rows", "6000", "--seed", "23", "--start-id", "70000000"], { maxBuffer: 64 * 1024 * 1024 });
  expect(gen.status).toBe(0);
  writeFileSync(file, gen.stdout);
  expected = expectedCsv(file);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Splits settled promises into winners and the UserErrors the losers were told. */
function outcome<T>(results: PromiseSettledResult<T>[]) {
  const won = results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value);
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
  for (const e of lost) expect(e, String(e)).toBeInstanceOf(UserError);
  return { won, lost: lost as UserError[] };
}

function runImport(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "scripts/import.ts", file], { env: { ...process.env, DATABASE_URL: url } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe.each(testDialects())("concurrency on %s", (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  let users: string[];

  beforeAll(async () => {
    tdb = await treeDatabase(`concurrency_${dialect}`, dialect);
    db = createDb(tdb.url);
    users = [];
    for (let i = 0; i < PARALLEL; i++) users.push((await db.user.create({ data: { email: `u${i}@x.uk`, name: `User ${i}`, role: "ADMIN", passwordHash: "x" } })).id);
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("parallel edits of one ad: one is saved, the others are refused with the saved values", async () => {
    const ad = await db.ad.create({ data: { externalId: 1, title: "Chef", titleKey: "chef", text: { create: { description: "Kitchen" } } } });
    const form = (title: string) =>
      ZAdFields.parse({
        title,
        description: "Kitchen",
        company: "",
        locationId: "",
        category: "",
        contractType: "",
        contractTime: "",
        salaryMin: "",
        salaryMax: "",
        salaryPeriod: "",
        status: "OPEN",
      });
    const { won, lost } = outcome(await Promise.allSettled(users.map((u, i) => updateAd(ad.id, 1, form(`Chef ${i}`), u, db))));
    expect(won).toEqual([{ version: 2 }]);
    expect(lost).toHaveLength(PARALLEL - 1);
    for (const e of lost) expect(e.code).toBe("CONFLICT");
    const saved = await db.ad.findUniqueOrThrow({ where: { id: ad.id } });
    expect(saved.version).toBe(2);
    // No lost update: the saved title is the one edit recorded in the history, and losers who
    // were told the current values see that title.
    const history = await db.adChange.findMany({ where: { adId: ad.id, source: "EDIT" } });
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0].changes).title[1]).toBe(saved.title);
    for (const e of lost) if (e.details) expect((e.details as { theirs: { title: string } }).theirs.title).toBe(saved.title);
  });

  it("parallel moves of one application: one move lands, each loser is told who moved it where", async () => {
    const ad = await db.ad.create({ data: { externalId: 2, title: "Welder", titleKey: "welder" } });
    const cand = await db.candidate.create({ data: { name: "Ann" } });
    const app = await createApplication(cand.id, ad.id, users[0], db);
    const stages = (await listStages(db)).filter((s) => s.kind === "OPEN" || s.kind === "HIRED").slice(1);
    const { won, lost } = outcome(await Promise.allSettled(users.map((u, i) => moveApplication({ id: app.id, toStageId: stages[i % stages.length].id, version: 1 }, u, db))));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(PARALLEL - 1);
    const now = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    expect(now).toMatchObject({ version: 2, stageId: won[0].stageId });
    const mover = (await db.stageChange.findFirstOrThrow({ where: { applicationId: app.id, fromStageId: { not: null } }, include: { actor: true } })).actor!.name;
    const where = stages.find((s) => s.id === now.stageId)!.name;
    for (const e of lost) {
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toBe(`${mover} moved this application to ${where} while you were looking. The board now shows where it is.`);
    }
    expect(await db.stageChange.count({ where: { applicationId: app.id } })).toBe(2);
  });

  it("parallel candidates with one email: one record, the others told whose email it is", async () => {
    const fields = (name: string) => ZCandidateFields.parse({ name, email: "Same@Example.com", phone: "", location: "", currentTitle: "", source: "", cvText: "", cvFileName: "" });
    const { won, lost } = outcome(await Promise.allSettled(users.map((u, i) => createCandidate(fields(`Person ${i}`), u, {}, db))));
    expect(won).toHaveLength(1);
    const kept = await db.candidate.findMany({ where: { emailKey: "same@example.com" } });
    expect(kept).toHaveLength(1);
    for (const e of lost) expect(e.message).toBe(`${kept[0].name} already has this email address. Open their record instead.`);
  });

  it("two imports of the same file at once: one ad per Id, a consistent index, and the later one reports what it found", async () => {
    const [a, b] = await Promise.all([runImport(tdb.url), runImport(tdb.url)]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    const imports = await db.import.findMany({ where: { files: { contains: "synth-6k.csv" } } });
    expect(imports).toHaveLength(2);
    const good = expected.good.length;
    for (const i of imports) {
      expect(i.status).toBe("SUCCEEDED");
      expect(i.created + i.unchanged).toBe(good); // every row accounted for: made, or found already made
      expect(i.skipped).toBe(expected.bad.length);
    }
    expect(imports[0].created + imports[1].created).toBe(good); // nothing made twice
    const ids = (await db.ad.findMany({ where: { externalId: { gte: 70_000_000 } }, select: { externalId: true } })).map((r) => r.externalId);
    expect(ids).toHaveLength(good);
    expect(new Set(ids).size).toBe(good);
    const search = await openSearchIndex(tdb.url, dialect);
    try {
      expect(await search.size()).toBe(await db.adText.count()); // every ad with a text is indexed once
      await search.check();
    } finally {
      await search.close();
    }
  }, 180_000);
});
