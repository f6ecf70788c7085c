// Test inputs built from the shared Adzuna data (../shared, beside the repository).
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import yazl from "yazl";

export const SHARED = path.resolve("../shared");
export const SAMPLE_CSV = path.join(SHARED, "data/adzuna/Train_rev1_sample.csv");
export const TEXT_ADS = path.join(SHARED, "data/adzuna/text-ads");
export const SYNTH = path.join(SHARED, "tools/adzuna-synth.mjs");
export const TMP = path.resolve("tests/.tmp");

/** The text ads as { folder, name, path }, in a stable order. */
export function textAdFiles() {
  return readdirSync(TEXT_ADS)
    .sort()
    .flatMap((folder) =>
      readdirSync(path.join(TEXT_ADS, folder))
        .filter((f) => f.endsWith(".txt"))
        .sort()
        .map((name) => ({ folder, name, path: path.join(TEXT_ADS, folder, name) })),
    );
}

/** A zip of the text ads in their category folders. */
export async function textAdsZip(file = path.join(TMP, "text-ads.zip")): Promise<string> {
  mkdirSync(path.dirname(file), { recursive: true });
  const zip = new yazl.ZipFile();
  for (const f of textAdFiles()) zip.addBuffer(readFileSync(f.path), `text-ads/${f.folder}/${f.name}`);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on("close", resolve).on("error", reject));
  return file;
}

/** `rows` synthetic ads in the Train layout, written with the shared generator. */
export function synthCsv(file: string, rows: number, opts: { seed?: number; startId?: number } = {}): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = execFileSync(process.execPath, [SYNTH, "--rows", String(rows), "--seed", String(opts.seed ?? 1), "--start-id", String(opts.startId ?? 80_000_000)], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  writeFileSync(file, out);
  return file;
}
