import { migrate } from "@/lib/db/migrate";
import { createDb } from "@/lib/db/client";
import { findAdsPage } from "@/lib/ads/find-ads";
import { loadAdsTableParams } from "@/lib/ads/table-params";
const url = "file:/tmp/q3.db";
console.log(await migrate(url));
const db = createDb(url);
if (process.env.MMAP) console.log(await db.$queryRawUnsafe(`PRAGMA mmap_size=${process.env.MMAP}`));
if (process.env.CACHE) console.log(await db.$queryRawUnsafe(`PRAGMA cache_size=-${process.env.CACHE}`));
const qs = ["", "?category=it-jobs", "?q=nurse", "?q=java", "?q=nurse&sort=-updated", "?q=%22care%20assistant%22&category=healthcare-nursing-jobs", "?salaryMin=30000&salaryMax=35000", "?sort=title&page=200", "?sort=-salary&source=hays.co.uk", "?region=1&type=full_time", "?q=manager&salaryMin=40000"];
for (const q of qs) {
  const p = loadAdsTableParams(q);
  for (const cache of [false, true, true]) {
    const t = performance.now();
    const timings: Record<string, number> = {};
    const r = await findAdsPage(p, { db, cache, timings });
    const ms = performance.now() - t;
    if (!cache) console.log(q.padEnd(60), "total", r.total, "rows", r.rows.length, "matches", r.search?.matches ?? "-", r.rows[0]?.title?.slice(0, 30), r.rows[0]?.snippet?.slice(0, 40));
    console.log("   ", cache ? "cached" : "cold  ", ms.toFixed(1), "ms", JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))));
  }
}
