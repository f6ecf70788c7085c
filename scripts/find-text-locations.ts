// npx tsx scripts/find-text-locations.ts — where the plain-text ads are (lib/locations/find-in-text.ts).
//
// 1. Runs the finder over every text ad in ../shared/data/adzuna/text-ads (they have no location
//    field) and prints how many got a place, from which part of the ad, and a seeded random sample
//    of 50 (title, the text that decided, the place) to judge by reading.
// 2. As a check it can run without a person: the CSV sample's ads DO have a location, so it finds
//    places in their title and description alone and compares them with the resolved
//    LocationNormalized/LocationRaw (same place, inside it, around it, or elsewhere).
// Options: --sample N (default 50), --seed S (default 1), --out FILE (the sample as TSV).
import { createReadStream, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readHeader } from "@/lib/import/adzuna-csv";
import { readCsv } from "@/lib/import/csv-reader";
import { parseTextAd } from "@/lib/import/text-ad";
import { TextLocationFinder } from "@/lib/locations/find-in-text";
import { LocationResolver, toTreeNodes } from "@/lib/locations/resolve";
import { parseLocationTree, PATH_SEPARATOR } from "@/lib/locations/tree";
import { seededRandom, shuffleInPlace } from "@/lib/salary/random";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SAMPLE = Number(opt("--sample") ?? 50);
const SEED = Number(opt("--seed") ?? 1);
const DIR = path.resolve("../shared/data/adzuna/text-ads");
const CSV = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");

const nodes = toTreeNodes(parseLocationTree(readFileSync("seeds/location-tree.csv", "utf8")));
const resolver = new LocationResolver(nodes);
const finder = new TextLocationFinder(nodes);
const shortPath = (p: string) => p.split(PATH_SEPARATOR).slice(1).join(" › ");

// 1. The text ads.
const files = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(DIR, d.name)).map((f) => path.join(d.name, f)))
  .sort();
const results = files.map((file) => {
  const parsed = parseTextAd(readFileSync(path.join(DIR, file), "utf8"));
  if (!parsed.ok) return { file, title: "(unreadable)", found: null };
  return { file, title: parsed.ad.title, found: finder.find(parsed.ad) };
});
const found = results.filter((r) => r.found);
const by = (k: string) => found.filter((r) => r.found!.foundIn === k).length;
const depthCounts = [1, 2, 3, 4].map((d) => found.filter((r) => Math.min(4, r.found!.node.depth) === d).length);
console.log(`Text ads: ${results.length}; a place found for ${found.length} (${((100 * found.length) / results.length).toFixed(1)}%)`);
console.log(`  from a Location line ${by("location line")}, the title ${by("title")}, the description ${by("description")}`);
console.log(`  region ${depthCounts[0]}, county ${depthCounts[1]}, town ${depthCounts[2]}, district/village ${depthCounts[3]}`);

const sample = shuffleInPlace([...found], seededRandom(SEED)).slice(0, SAMPLE);
console.log(`\nA seeded random sample of ${sample.length} (seed ${SEED}):`);
sample.forEach((r, i) => {
  console.log(`${String(i + 1).padStart(2)}. ${r.title}\n    ${r.found!.foundIn}: ${r.found!.evidence.slice(0, 160)}\n    → ${shortPath(r.found!.node.path)}`);
});
const out = opt("--out");
if (out) {
  const tsv = ["n\tfile\ttitle\tfound in\tevidence\tplace\tjudgement"];
  sample.forEach((r, i) => tsv.push([i + 1, r.file, r.title, r.found!.foundIn, r.found!.evidence.replace(/\s+/g, " "), shortPath(r.found!.node.path), ""].join("\t")));
  writeFileSync(out, tsv.join("\n") + "\n");
  console.log(`\nSample written to ${out}`);
}

// 2. The CSV ads, whose location is known.
let header: ReturnType<typeof readHeader> | null = null;
const tally = { ads: 0, known: 0, found: 0, same: 0, inside: 0, around: 0, elsewhere: 0 };
const wrong: string[] = [];
for await (const { records } of readCsv(createReadStream(CSV))) {
  for (const r of records) {
    if (!header) {
      header = readHeader(r.fields);
      continue;
    }
    if (!header.ok) break;
    const c = header.columns;
    const f = (i: number | undefined) => (i === undefined ? "" : r.fields[i]);
    tally.ads++;
    const truth = resolver.resolve(f(c.LocationNormalized), f(c.LocationRaw));
    if (!truth || truth.node.depth === 0) continue;
    tally.known++;
    const hit = finder.find({ title: f(c.Title), description: f(c.FullDescription) });
    if (!hit) continue;
    tally.found++;
    const t = truth.node.path;
    const h = hit.node.path;
    if (t === h) tally.same++;
    else if (h.startsWith(t + PATH_SEPARATOR)) tally.inside++;
    else if (t.startsWith(h + PATH_SEPARATOR)) tally.around++;
    else {
      tally.elsewhere++;
      wrong.push(`  ${f(c.Title).slice(0, 60)} | Adzuna: ${shortPath(t)} | found: ${shortPath(h)} (${hit.foundIn}: ${hit.evidence.slice(0, 80)})`);
    }
  }
}
const pct = (n: number) => `${((100 * n) / tally.found).toFixed(1)}%`;
console.log(`\nCheck on the CSV sample (${tally.ads} ads, ${tally.known} with a known place below the country):`);
console.log(
  `  found a place in the text of ${tally.found}: the same place ${tally.same} (${pct(tally.same)}), inside it ${tally.inside} (${pct(tally.inside)}), around it ${tally.around} (${pct(tally.around)}), elsewhere ${tally.elsewhere} (${pct(tally.elsewhere)})`,
);
if (args.includes("--show-wrong")) console.log(wrong.join("\n"));
