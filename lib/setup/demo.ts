// Demo data for a first run (`npm run up -- --demo`, or DEMO=1): the real Adzuna sample (2,499
// ads, gzipped) and 60 text ads in category folders, imported through the same pipeline as any
// import, then a few invented candidates put forward for real sample ads and moved through the
// stages, so the ads table, the boards and the dashboard show what the product does. Idempotent
// like every import: running it again changes nothing (candidates are matched by email,
// applications by candidate and ad).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { createCandidate } from "@/lib/candidates/service";
import { ZCandidateFields } from "@/lib/candidates/schemas";
import { executeImport, openImportStore } from "@/lib/import/pipeline";
import { createApplication, listStages, moveApplication } from "@/lib/pipeline/applications";
import { SEEDS_DIR } from "./seed";

export const DEMO_DIR = path.join(SEEDS_DIR, "demo");
const DEMO_FILES = ["adzuna-sample.csv.gz", "text-ads.zip"];

type DemoApplication = { ad: number; stage: string; rating?: number; reason?: string; note?: string };
type DemoCandidate = { name: string; email: string; phone: string; location: string; currentTitle: string; source: string; cvText: string; applications: DemoApplication[] };

/** The order a demo application walks to reach its stage (closing stages straight from Applied, bar Hired). */
const PATH = ["applied", "screening", "interview", "offer", "hired"];

export type DemoResult = { ads: { created: number; updated: number; unchanged: number }; candidates: number; applications: number };

export async function seedDemo(url: string, db: Db, actorId: string): Promise<DemoResult> {
  const files = DEMO_FILES.map((name) => {
    const p = path.join(DEMO_DIR, name);
    return { name: `seeds/demo/${name}`, path: p, size: statSync(p).size };
  });
  const store = openImportStore(url);
  let ads: { created: number; updated: number; unchanged: number };
  try {
    const importId = await store.createImport({ origin: "cli", userId: null, files: JSON.stringify(files), bytesTotal: files.reduce((n, f) => n + f.size, 0), status: "QUEUED" });
    const outcome = await executeImport(url, importId, undefined, store, false);
    if (!outcome || outcome.status !== "SUCCEEDED") throw new Error(`the demo import did not finish: ${outcome?.message ?? "see the log"}`);
    ads = { created: outcome.counts.created, updated: outcome.counts.updated, unchanged: outcome.counts.unchanged };
  } finally {
    await store.close();
  }

  const { candidates } = JSON.parse(readFileSync(path.join(DEMO_DIR, "candidates.json"), "utf8")) as { candidates: DemoCandidate[] };
  const stages = await listStages(db);
  const stage = (key: string) => stages.find((s) => s.key === key)!;
  let madeCandidates = 0;
  let madeApplications = 0;
  for (const c of candidates) {
    const existing = await db.candidate.findUnique({ where: { emailKey: c.email.toLowerCase() }, select: { id: true } });
    const { applications, ...fields } = c;
    const id = existing?.id ?? (await createCandidate(ZCandidateFields.parse({ ...fields, cvFileName: "" }), actorId, { confirmDuplicate: true }, db)).id;
    if (!existing) madeCandidates++;
    for (const a of applications) {
      const ad = await db.ad.findUnique({ where: { externalId: a.ad }, select: { id: true } });
      if (!ad || (await db.application.findUnique({ where: { candidateId_adId: { candidateId: id, adId: ad.id } }, select: { id: true } }))) continue;
      const app = await createApplication(id, ad.id, actorId, db);
      madeApplications++;
      const steps = PATH.includes(a.stage) ? PATH.slice(1, PATH.indexOf(a.stage) + 1) : [a.stage];
      let version = 1;
      for (const key of steps) version = (await moveApplication({ id: app.id, toStageId: stage(key).id, version, reason: a.reason ?? null }, actorId, db)).version;
      if (a.rating) await db.application.update({ where: { id: app.id }, data: { rating: a.rating } });
      if (a.note) await db.applicationNote.create({ data: { applicationId: app.id, body: a.note, authorId: actorId } });
    }
  }
  return { ads, candidates: madeCandidates, applications: madeApplications };
}
