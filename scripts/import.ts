// Imports Adzuna ads from the command line through the same pipeline as the browser:
//   npm run import -- <files or folders...>
//   npm run import -- ../shared/data/adzuna/Train_rev1_sample.csv ../shared/data/adzuna/text-ads
// Folders are searched for .csv, .txt and .zip files; a text ad's folder names its category
// ("Healthcare_Nursing" → "Healthcare & Nursing Jobs"). Prints progress and the report; exits 1 when
// the import failed (nothing importable), 2 on bad arguments.
// (`--job <id>` runs an import queued from the browser: a server's job runner starts it, lib/jobs.)
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { ADZUNA_CATEGORIES, categoryFromFolder } from "@/lib/import/categories";
import { stopWithRunner } from "@/lib/jobs/child";
import { enqueueStatement } from "@/lib/jobs/queue";
import { executeImport, openImportStore, type ImportProgress, type StoredFile } from "@/lib/import/pipeline";

const args = process.argv.slice(2);
// --no-duplicates: skip grouping near-duplicates (the benchmark's comparison).
const duplicates = !args.includes("--no-duplicates");
if (!duplicates) args.splice(args.indexOf("--no-duplicates"), 1);
// --kind candidates|ads: what the files hold, when the header does not make it clear (default: read from the header).
let kind = "auto";
const kindIndex = args.indexOf("--kind");
if (kindIndex >= 0) {
  kind = args[kindIndex + 1] ?? "";
  args.splice(kindIndex, 2);
  if (kind !== "ads" && kind !== "candidates") {
    console.error("--kind must be ads or candidates");
    process.exit(2);
  }
}
const jobIndex = args.indexOf("--job");
if (jobIndex >= 0) stopWithRunner();
const IMPORTABLE = /\.(csv|csv\.gz|txt|zip|pdf|docx)$/i;
const KNOWN = new Set<string>(ADZUNA_CATEGORIES);

function expand(arg: string): StoredFile[] {
  const abs = path.resolve(arg);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new Error(`${arg}: no such file or folder`);
  }
  if (st.isFile()) return [{ name: arg, path: abs, size: st.size }];
  const out: StoredFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && IMPORTABLE.test(e.name)) {
        const folder = path.basename(dir);
        const category = e.name.toLowerCase().endsWith(".txt") && folder ? categoryFromFolder(folder) : null;
        // The folder named on the command line gives a category only if it is a known Adzuna one.
        const useCategory = category && (dir !== abs || KNOWN.has(category)) ? category : null;
        out.push({ name: path.relative(process.cwd(), p) || p, path: p, size: statSync(p).size, category: useCategory });
      }
    }
  };
  walk(abs);
  if (!out.length) throw new Error(`${arg}: no .csv, .csv.gz, .txt, .zip, .pdf or .docx files in this folder`);
  return out;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const clock = (s: number) => (Number.isFinite(s) ? `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}` : "–");

function progressPrinter() {
  const start = Date.now();
  let lastLine = 0;
  const tty = process.stderr.isTTY;
  return (p: ImportProgress) => {
    const secs = (Date.now() - start) / 1000;
    const frac = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    const rate = p.rowsDone / Math.max(secs, 0.001);
    const eta = frac > 0 ? (secs / frac) * (1 - frac) : Infinity;
    const bar = "█".repeat(Math.round(frac * 30)).padEnd(30, "░");
    const line = `${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${fmt(p.rowsDone)} rows  ${fmt(rate)} rows/s  ${mb(p.bytesDone)}/${mb(p.bytesTotal)}  ETA ${clock(eta)}`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (Date.now() - lastLine > 5000) {
      lastLine = Date.now();
      process.stderr.write(line + "\n");
    }
  };
}

async function main(): Promise<number> {
  const { DATABASE_URL } = env();
  // Only the import store's own connection: no Prisma client in this process (memory).
  const store = openImportStore(DATABASE_URL);
  try {
    let importId: string;
    const job = jobIndex >= 0;
    if (job) {
      importId = args[jobIndex + 1];
      if (!importId) throw new Error("--job needs an import id");
    } else {
      if (!args.length) {
        console.error("usage: npm run import -- [--kind ads|candidates] <files or folders...>");
        return 2;
      }
      let files: StoredFile[];
      try {
        files = args.flatMap(expand);
      } catch (e) {
        console.error((e as Error).message);
        return 2;
      }
      const bytes = files.reduce((a, f) => a + f.size, 0);
      console.error(`Importing ${files.length} file${files.length > 1 ? "s" : ""} (${mb(bytes)}) into ${DATABASE_URL.replace(/\/\/[^@/]*@/, "//***@")}`);
      importId = await store.createImport({ origin: "cli", userId: null, files: JSON.stringify(files), bytesTotal: bytes, status: "QUEUED" });
      await store.run(Sql.of(`UPDATE "Import" SET "kind" = ? WHERE "id" = ?`, kind, importId));
    }
    const started = Date.now();
    const outcome = await executeImport(DATABASE_URL, importId, job ? undefined : progressPrinter(), store, true, duplicates ? "beside" : "off");
    if (process.stderr.isTTY && !job) process.stderr.write("\n");
    const r = (await store.loadImport(importId))!;
    const secs = (Date.now() - started) / 1000;
    console.log(`\nImport ${importId}: ${r.status}${r.message ? ` — ${r.message}` : ""}`);
    console.log(
      `  ${fmt(r.created)} created · ${fmt(r.updated)} updated · ${fmt(r.unchanged)} unchanged · ${fmt(r.skipped)} skipped` +
        ` · ${fmt(r.errors)} errors · ${fmt(r.warnings)} warnings · ${fmt(r.duplicates)} ${r.kind === "candidates" ? "repeated emails" : "duplicate Ids"} · ${fmt(r.unresolvedLocations)} unresolved locations`,
    );
    console.log(`  ${fmt(r.rowsDone)} rows in ${secs.toFixed(1)} s (${fmt(r.rowsDone / Math.max(secs, 0.001))} rows/s), peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
    const issues = await store.firstIssues(importId, 20);
    for (const i of issues) console.log(`  ${i.severity.padEnd(7)} ${i.file}${i.line ? `:${i.line}` : ""}${i.field ? ` [${i.field}]` : ""} ${i.message}`);
    const more = r.errors + r.warnings - issues.length;
    if (more > 0) console.log(`  … and ${fmt(more)} more: see the report on the Imports page (downloadable as CSV).`);
    // Salary estimates follow the ads: a job (with a database client this process does without)
    // retrains, debounced, when enough ads changed, or estimates the new salary-less ads.
    if (outcome?.status === "SUCCEEDED" && r.kind !== "candidates" && r.created + r.updated > 0 && process.env.SALARY_AFTER_IMPORT !== "0") {
      await store.run(enqueueStatement(store.dialect, { kind: "salary.after-import", ref: importId, key: `salary.after-import:${importId}` }));
      if (!job) console.log("  salary estimates: queued; a running server updates them (Admin → Salary model)");
    }
    // A job's import has recorded its outcome, failed or not: the job is done (a crash exits non-zero and is retried).
    if (job) return 0;
    return outcome?.status === "SUCCEEDED" ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`import failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
