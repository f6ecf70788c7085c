// What an upload will do, before it is committed: the detected format, the first rows exactly as
// they will be stored, and the problems found in the first few thousand rows, with line numbers.
import { contractLabel } from "@/lib/ads/fields";
import { getDb, type Db } from "@/lib/db/client";
import { localEvents } from "./events";
import type { StoredFile } from "./stored-files";
import { formatSalary } from "./salary-format";
import type { FileFormat } from "./sources";
import type { ImportProblem } from "./types";
import { getLocationTree } from "@/lib/locations/tree-cache";

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
};

export async function previewFiles(files: StoredFile[], db: Db = getDb()): Promise<PreviewFile[]> {
  const { nodes: tree } = await getLocationTree(db);
  const pathOf = new Map(tree.map((l) => [l.id, l.path.split("~").slice(1).join(" › ") || l.path]));
  const out: PreviewFile[] = [];
  for (const file of files) {
    const p: PreviewFile = { name: file.name, size: file.size, format: null, detail: null, refused: null, rows: [], problems: [], rowsScanned: 0, scannedAll: true };
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
