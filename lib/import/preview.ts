// What an upload will do, before it is committed: the detected format, the first rows exactly as
// they will be stored, and the problems found in the first few thousand rows, with line numbers.
import { contractLabel } from "@/lib/ads/fields";
import { getDb, type Db } from "@/lib/db/client";
import { localEvents } from "./events";
import type { StoredFile } from "./stored-files";
import { formatSalary } from "./salary-format";
import type { FileFormat } from "./sources";
import type { ImportProblem } from "./types";
import { getLocationTree, type LocationRow } from "@/lib/locations/tree-cache";
import { detectImportKind, placesFor, readCandidateFile } from "./candidate-import";

export const PREVIEW_ROWS = 20;
export const PREVIEW_SCAN_ROWS = 5000;
export const PREVIEW_PROBLEMS = 100;

export type PreviewRow = {
  line: number;
  externalId: number;
  title: string;
  company: string | null;
  location: string | null;
  locationResolved: boolean;
  category: string | null;
  contract: string | null;
  salary: string | null;
  source: string | null;
  exists: boolean;
};

export type PreviewFile = {
  name: string;
  size: number;
  format: FileFormat | null;
  detail: string | null;
  refused: string | null;
  rows: PreviewRow[];
  problems: ImportProblem[];
  rowsScanned: number;
  scannedAll: boolean;
  /** Set for a candidate file: its first rows as they will be stored (rows above stay empty). */
  candidates?: CandidatePreviewRow[];
};

export type CandidatePreviewRow = {
  line: number;
  name: string;
  email: string | null;
  currentTitle: string | null;
  location: string | null;
  locationResolved: boolean;
  desiredSalary: number | null;
  exists: boolean;
};

async function previewCandidates(file: StoredFile, p: PreviewFile, locations: LocationRow[], db: Db) {
  const rows: CandidatePreviewRow[] = [];
  const keys: (string | null)[] = [];
  for await (const ev of readCandidateFile({ path: file.path, name: file.name }, placesFor(locations))) {
    if (ev.type === "format") {
      p.format = "csv";
      p.detail = ev.detail;
    } else if (ev.type === "problem") {
      if (p.problems.length < PREVIEW_PROBLEMS) p.problems.push(ev.problem);
      if (ev.fatal) p.refused = ev.problem.message;
      if (ev.rowSkipped) p.rowsScanned++;
    } else if (ev.type === "candidate") {
      p.rowsScanned++;
      for (const pr of ev.problems) if (p.problems.length < PREVIEW_PROBLEMS) p.problems.push(pr);
      if (rows.length < PREVIEW_ROWS) {
        const c = ev.candidate;
        rows.push({
          line: ev.line,
          name: c.name,
          email: c.email,
          currentTitle: c.currentTitle,
          location: c.location,
          locationResolved: c.locationId !== null,
          desiredSalary: c.desiredSalary,
          exists: false,
        });
        keys.push(c.emailKey);
      }
    }
    // CVs are read one by one in the sandbox: the preview reads only the first few.
    if (p.rowsScanned >= PREVIEW_SCAN_ROWS || (!/\.csv$/i.test(file.name) && p.rowsScanned >= PREVIEW_ROWS)) {
      p.scannedAll = false;
      break;
    }
  }
  const wanted = keys.filter((k): k is string => !!k);
  if (wanted.length) {
    const found = new Set((await db.candidate.findMany({ where: { emailKey: { in: wanted } }, select: { emailKey: true } })).map((c) => c.emailKey));
    rows.forEach((r, i) => (r.exists = keys[i] !== null && found.has(keys[i])));
  }
  p.candidates = rows;
}

export async function previewFiles(files: StoredFile[], db: Db = getDb(), kind: string = "auto"): Promise<PreviewFile[]> {
  const { nodes: tree } = await getLocationTree(db);
  const pathOf = new Map(tree.map((l) => [l.id, l.path.split("~").slice(1).join(" › ") || l.path]));
  const out: PreviewFile[] = [];
  for (const file of files) {
    const p: PreviewFile = { name: file.name, size: file.size, format: null, detail: null, refused: null, rows: [], problems: [], rowsScanned: 0, scannedAll: true };
    if (kind === "candidates" || (kind === "auto" && (await detectImportKind([file])) === "candidates")) {
      await previewCandidates(file, p, tree, db);
      out.push(p);
      continue;
    }
    const addProblem = (pr: ImportProblem) => {
      if (p.problems.length < PREVIEW_PROBLEMS) p.problems.push(pr);
    };
    for await (const ev of localEvents([{ path: file.path, name: file.name, category: file.category ?? null }], tree)) {
      if (ev.type === "format") {
        p.format = ev.format;
        p.detail = ev.detail;
      } else if (ev.type === "problem") {
        addProblem(ev.problem);
        if (ev.fatal) p.refused = ev.problem.message;
        if (ev.rowSkipped) p.rowsScanned++;
      } else if (ev.type === "ad") {
        p.rowsScanned++;
        ev.problems.forEach(addProblem);
        if (p.rows.length < PREVIEW_ROWS) {
          const a = ev.ad;
          p.rows.push({
            line: ev.line,
            externalId: a.externalId,
            title: a.title,
            company: a.companyName,
            location: a.locationId ? (pathOf.get(a.locationId) ?? null) : (a.locationRaw ?? a.locationNormalized),
            locationResolved: a.locationId !== null,
            category: a.category,
            contract: contractLabel(a.contractType, a.contractTime),
            salary: formatSalary(a),
            source: a.source,
            exists: false,
          });
        }
      }
      if (p.rowsScanned >= PREVIEW_SCAN_ROWS) {
        p.scannedAll = false;
        break;
      }
    }
    if (p.rows.length) {
      const existing = await db.ad.findMany({ where: { externalId: { in: p.rows.map((r) => r.externalId) } }, select: { externalId: true } });
      const ids = new Set(existing.map((e) => e.externalId));
      for (const r of p.rows) r.exists = ids.has(r.externalId);
    }
    out.push(p);
  }
  return out;
}
