// The candidates table query: one page of rows, the total and the source facet for a URL state.
// A search asks the full-text index (name, current title, CV; lib/search) for the best
// SEARCH_LIMIT matches, ranked; filters and sorting then run over those ids.
import { getDb, type Db, type Prisma } from "@/lib/db/client";
import { likePrefix } from "@/lib/db/like";
import { query, Sql } from "@/lib/db/sql";
import { findMatches, snippets } from "@/lib/search/full-text";
import { parseSearch } from "@/lib/search/query";
import type { CandidatesTableParams } from "./table-params";

export const SEARCH_LIMIT = 5_000;

export type CandidateRow = {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  location: string | null;
  currentTitle: string | null;
  source: string | null;
  tags: { id: number; name: string; color: string }[];
  applications: { total: number; active: number };
  snippet: string | null;
  updatedAt: Date;
};

export type CandidatesPage = {
  rows: CandidateRow[];
  total: number;
  search: { text: string; hint: string | null; matches: number; capped: boolean } | null;
  sources: { value: string; count: number; selected: boolean }[];
};

async function searchIds(db: Db, q: string): Promise<{ ids: number[] | null; hint: string | null }> {
  const parsed = parseSearch(q);
  if (!parsed.usable) return { ids: null, hint: parsed.hint };
  return { ids: await findMatches(db, "candidates", parsed, { limit: SEARCH_LIMIT, pick: "best", ranked: true }), hint: parsed.hint };
}

const ORDER: Record<Exclude<CandidatesTableParams["sort"], "relevance">, Prisma.CandidateOrderByWithRelationInput[]> = {
  "-updated": [{ updatedAt: "desc" }, { id: "desc" }],
  updated: [{ updatedAt: "asc" }, { id: "asc" }],
  "-created": [{ createdAt: "desc" }, { id: "desc" }],
  created: [{ createdAt: "asc" }, { id: "asc" }],
  name: [{ name: "asc" }, { id: "asc" }],
  "-name": [{ name: "desc" }, { id: "desc" }],
};

export async function findCandidatesPage(p: CandidatesTableParams, db: Db = getDb()): Promise<CandidatesPage> {
  const { ids, hint } = p.q ? await searchIds(db, p.q) : { ids: null, hint: null };
  const base: Prisma.CandidateWhereInput[] = [{ erasedAt: null }];
  if (ids) base.push({ id: { in: ids } });
  if (p.tags.length) base.push({ tags: { some: { tagId: { in: p.tags } } } });
  if (p.apps === "any") base.push({ applications: { some: {} } });
  if (p.apps === "active") base.push({ applications: { some: { stage: { kind: "OPEN" } } } });
  if (p.apps === "none") base.push({ applications: { none: {} } });
  const where: Prisma.CandidateWhereInput = { AND: [...base, ...(p.source.length ? [{ source: { in: p.source } }] : [])] };

  const skip = (p.page - 1) * p.perPage;
  const [total, sourceCounts, pageIds] = await Promise.all([
    db.candidate.count({ where }),
    db.candidate.groupBy({ by: ["source"], where: { AND: base }, _count: { _all: true } }),
    p.sort === "relevance" && ids
      ? // Rank order: the matching ids that pass the filters, in the order the index ranked them.
        db.candidate.findMany({ where, select: { id: true } }).then((rows) => {
          const keep = new Set(rows.map((r) => r.id));
          return ids.filter((id) => keep.has(id)).slice(skip, skip + p.perPage);
        })
      : db.candidate
          .findMany({ where, select: { id: true }, orderBy: ORDER[p.sort === "relevance" ? "-updated" : p.sort], skip, take: p.perPage })
          .then((rows) => rows.map((r) => r.id)),
  ]);

  const [details, snippetOf, openStages] = await Promise.all([
    db.candidate.findMany({
      where: { id: { in: pageIds } },
      select: {
        id: true,
        name: true,
        email: true,
        phone: true,
        location: true,
        currentTitle: true,
        source: true,
        updatedAt: true,
        tags: { select: { tag: { select: { id: true, name: true, color: true } } }, orderBy: { tag: { name: "asc" } } },
        applications: { select: { stageId: true } },
      },
    }),
    p.q ? snippets(db, "candidates", parseSearch(p.q), pageIds) : Promise.resolve(new Map<number, string>()),
    db.stage.findMany({ where: { kind: "OPEN" }, select: { id: true } }),
  ]);
  const open = new Set(openStages.map((s) => s.id));
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = pageIds
    .map((id) => byId.get(id))
    .filter((d): d is NonNullable<typeof d> => !!d)
    .map(({ tags, applications, ...d }) => ({
      ...d,
      tags: tags.map((t) => t.tag),
      applications: { total: applications.length, active: applications.filter((a) => open.has(a.stageId)).length },
      snippet: snippetOf.get(d.id) ?? null,
    }));

  return {
    rows,
    total,
    search: p.q ? { text: p.q, hint, matches: ids?.length ?? 0, capped: (ids?.length ?? 0) >= SEARCH_LIMIT } : null,
    sources: sourceCounts
      .filter((s) => s.source)
      .map((s) => ({ value: s.source!, count: s._count._all, selected: p.source.includes(s.source!) }))
      .sort((a, b) => Number(b.selected) - Number(a.selected) || b.count - a.count || a.value.localeCompare(b.value)),
  };
}

export type CandidatePick = { id: number; name: string; email: string | null; currentTitle: string | null };

/** Candidates (not erased) whose email starts with `text`, literally (`%` and `_` match only themselves). */
export async function findCandidatesByEmailPrefix(text: string, limit = 10, db: Db = getDb()): Promise<CandidatePick[]> {
  const pattern = likePrefix(text.trim().toLowerCase());
  const rows = await query<CandidatePick>(
    db,
    Sql.of(`SELECT "id", "name", "email", "currentTitle" FROM "Candidate" WHERE "erasedAt" IS NULL AND "emailKey" LIKE ? ESCAPE '\\' ORDER BY "emailKey" LIMIT ?`, pattern, limit),
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
