import { createDb } from "@/lib/db/client";
import { termStats, retrievalQuery, RETRIEVE, matchesForCandidate } from "@/lib/matching/matches";
import { keyTerms } from "@/lib/matching/terms";
import { findMatches } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
const db = createDb(process.argv[2]);
const cands = await db.candidate.findMany({ where: { emailKey: { startsWith: "fit" } }, take: 30, select: { id: true, currentTitle: true, cvText: true, skills: true } });
const stats = await termStats(db);
let tRet = 0, tLoad = 0, tKey = 0, tAll = 0;
for (const c of cands) {
  let t = performance.now();
  const own = keyTerms(c.currentTitle, c.cvText, stats, 20);
  const ids = await findMatches(db, "ads", parseSearch(retrievalQuery(own)), { limit: RETRIEVE, pick: "best", ranked: true });
  tRet += performance.now() - t; t = performance.now();
  const ads = await db.ad.findMany({ where: { id: { in: ids }, status: "OPEN" }, select: { id: true, title: true, text: { select: { description: true } }, company: { select: { name: true } } } });
  tLoad += performance.now() - t; t = performance.now();
  for (const a of ads) keyTerms(a.title, a.text?.description, stats, 20);
  tKey += performance.now() - t; t = performance.now();
  await matchesForCandidate(c.id, { limit: 20 }, db);
  tAll += performance.now() - t;
}
console.log({ retrieve: tRet / 30, load: tLoad / 30, keyTerms: tKey / 30, all: tAll / 30 });
