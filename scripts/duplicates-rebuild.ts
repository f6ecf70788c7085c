// Finds every near-duplicate group again from scratch (README "Duplicate detection"):
//   npm run duplicates:rebuild            forgets the groups (keeps admins' "not a duplicate" marks)
//                                         and places every ad again, in arrival order
//   npm run duplicates:rebuild -- --sync  only brings groups up to date (what every import does)
// For existing databases, after changing the detector's threshold, or after many marks. Prints
// progress, the outcome, the time and the peak memory. The admin page's button runs the same.
import { env } from "@/lib/env";
import { syncDuplicates } from "@/lib/ads/duplicate-store";

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

async function main() {
  const { DATABASE_URL } = env();
  const rebuild = !process.argv.includes("--sync");
  const started = Date.now();
  let last = 0;
  const r = await syncDuplicates(DATABASE_URL, {
    rebuild,
    onProgress: (p) => {
      if (Date.now() - last < 2000 && p.phase === "detecting" && p.done < p.total) return;
      last = Date.now();
      console.error(p.phase === "loading" ? "loading the stored state…" : `${p.phase}: ${fmt(p.done)} / ${fmt(p.total)} ads`);
    },
  });
  const secs = (Date.now() - started) / 1000;
  console.log(
    `${rebuild ? "Rebuilt" : "Synced"} near-duplicate groups: ${fmt(r.fingerprinted)} ads fingerprinted, ${fmt(r.unchanged)} unchanged, ${fmt(r.removed)} gone, ` +
      `${fmt(r.marks)} marks applied in ${secs.toFixed(1)} s, peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
