import { createDb } from "@/lib/db/client";
import { termStats } from "@/lib/matching/matches";
import { keyTerms } from "@/lib/matching/terms";
import { findMatches } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
const db = createDb(process.argv[2]);
const cands = await db.candidate.findMany({ where: { emailKey: { startsWith: "fit" } }, take: 40, select: { id: true, currentTitle: true, cvText: true } });
const stats = await termStats(db);
for (const [k, lim] of [[12, 300], [8, 300], [8, 150], [6, 200]]) {
  const times: number[] = [];
  for (const c of cands) {
    const own = keyTerms(c.currentTitle, c.cvText, stats, 20);
    const qs = own.slice(0, k).map((t) => t.term.replace(/[^a-z0-9]/g, "")).filter((t) => t.length >= 2).join(" OR ");
    const t = performance.now();
    await findMatches(db, "ads", parseSearch(qs), { limit: lim, pick: "best", ranked: true });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(k, lim, "median", times[20].toFixed(0), "p95", times[37].toFixed(0));
}
