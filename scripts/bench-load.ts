// npm run bench:load — many signed-in users at once against the production build with 250,000 ads.
//
//   1. loads BENCH_ROWS (default 250,000) synthetic ads into the SQLite data set bench:query uses
//      (the same file, kept between runs while the migrations are unchanged; BENCH_FRESH=1 rebuilds);
//   2. adds, before the server starts (idempotently): BENCH_CONNECTIONS users (odd ones recruiters,
//      even ones admins, password BENCH_ADMIN's), 200+ candidates with ~2 applications each on 40
//      roles (spread over every stage), one application per user that only that user moves, and a
//      "Bench: load" tag that each user puts on and takes off one ad of its own;
//   3. starts `npm start` (scripts/serve.ts: a worker per core; building first when stale), signs every user in over HTTP
//      (/api/auth/csrf, then the credentials callback) and warms each table view once;
//   4. runs autocannon (programmatic, one keep-alive connection per user, each with its own session
//      cookie) for BENCH_SECONDS (60) with BENCH_CONNECTIONS (20) connections. Each connection picks
//      its next request from its own seeded random stream:
//        50% ads table pages (60 views: searches, filters, sorts, combinations; page 1 mostly,
//            pages 2–5 often, a deep page sometimes, always within the view's page count):
//            10% full page loads (HTML: opening /ads, a reload, a shared link) and 40% what the
//            browser sends for a search, filter, sort or page click in the table — a client-side
//            navigation: the RSC payload of the page segment (RSC + Next-Router-State-Tree
//            headers, as recorded from Chromium), not an HTML document;
//        20% ad pages (random ads), 10% boards / candidates / dashboard (5 / 3 / 2),
//        10% tagging (server action, posted to the ad's page; add, then remove, alternating),
//        10% moves (server action, posted to the role's board; between the open stages, back and
//            forth, from the version the previous move returned); both with the router state tree
//            the browser sends, so the answer is the action's result and the revalidated segment;
//   5. times every request itself (autocannon's per-request duration: write → last byte) and reports,
//      per kind and overall: count, req/s, p50/p95/p99/max, non-2xx, timeouts, body-level errors
//      (an action answering 200 with {"ok":false}; a page answering 200 with an error boundary),
//      plus the slowest table views, the server's peak RSS (VmHWM) and CPU, and its error log lines.
//   Before the main run, one connection alone runs the same mix for BENCH_BASELINE_SECONDS (10; 0 skips):
//   the uncontended cost of each kind, to tell the server's work from time spent queueing behind
//   the other users. Then the floor (BENCH_FLOOR_SECONDS, 10 each; 0 skips): the same connections
//   back to back on /api/health and on the sign-in page — the lightest answers the server gives —
//   the raw baseline the table pages' p95 is reported against. BENCH_MIX changes weights ("tag=0,table=60": what tagging costs the table).
//   There is no think time: every connection sends its next request as soon as the last is answered,
//   so the server runs saturated and a request's latency is its own time plus the queue ahead of it.
//   6. then the same 20 users as people use the app (BENCH_USER_RATE, default 1 click a second
//      each): a random think time between clicks (exponential: users act independently, so the
//      clicks arrive as a Poisson stream — autocannon's connectionRate would fire all 20 users in
//      the same millisecond every second), never before the previous answer; same mix and checks.
// Goals: 0 errors; p95 of table pages ≤ 150 ms. Traffic stays on localhost.
//
// BENCH_SERVERS=2 (PostgreSQL: BENCH_POSTGRES_URL or a postgresql:// DATABASE_URL): the same data set
// in PostgreSQL, served by one `npm start`, then by two behind a round-robin proxy, in one run; the
// saturated mix's requests/s and the paced users' table-page p95 for each, side by side.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { EventEmitter } from "node:events";
import os from "node:os";
import path from "node:path";
import { findAdsPage } from "@/lib/ads/find-ads";
import { loadAdsTableParams, slugify } from "@/lib/ads/table-params";
import { hashPassword } from "@/lib/auth/password";
import { createCandidate } from "@/lib/candidates/service";
import { ZCandidateFields } from "@/lib/candidates/schemas";
import { createDb, type Db } from "@/lib/db/client";
import { createApplication, listStages, moveApplication } from "@/lib/pipeline/applications";
import { createTag, setTags } from "@/lib/tags/service";
import { listServerActions, type ServerAction } from "@/tests/support/server-actions";
import { BENCH_ADMIN, BENCH_TAGS, benchDataDir, benchPgUrl, ensureBuild, fmt, loadedDatabase, percentile, scratchPg, startServer } from "./bench-support";

const ROWS = Number(process.env.BENCH_ROWS ?? 250_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3211);
/** A single-connection run before the main one (0 skips it). */
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
/** Then the same users paced: requests a second per user (a busy recruiter clicks about once a second); 0 skips. */
const USER_RATE = Number(process.env.BENCH_USER_RATE ?? 1);
/** The floor runs (the lightest answers under the same connections), seconds each; 0 skips. */
const FLOOR_SECONDS = Number(process.env.BENCH_FLOOR_SECONDS ?? 10);
const TIMEOUT_S = 10;
const GOAL_TABLE_P95 = 150;

// ---- autocannon (no published types: the part of its API used here) ------------------------------

type AcRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: AcRequest, context: object) => AcRequest | null;
  onResponse?: (status: number, body: string, context: object, headers: Record<string, string | string[]>) => void;
};
type AcClient = EventEmitter & { setRequests: (requests: AcRequest[]) => void };
type AcResult = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number; average: number };
  statusCodeStats: Record<string, { count: number }>;
};
type AcOptions = {
  url: string;
  connections: number;
  duration: number;
  pipelining: number;
  timeout: number;
  requests: AcRequest[];
  setupClient: (client: AcClient) => void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: AcOptions, cb: (err: Error | null, result: AcResult) => void) => EventEmitter;

// ---- a seeded random stream per connection ---------------------------------------------------------

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

// ---- fixtures: users, candidates, applications, a tag ------------------------------------------------

const LOAD_PASSWORD = BENCH_ADMIN.password;
const LOAD_TAG = { name: "Bench: load", color: "#0d9488" };
const BOARD_ADS = 40;
const CANDIDATES = Math.max(200, CONNECTIONS);
const userEmail = (i: number) => `bench-load-${String(i + 1).padStart(2, "0")}@example.com`;
const candidateEmail = (j: number) => `load-candidate-${j}@example.com`;
/** Candidate j applies for roles boardAds[j % 40] and boardAds[(7j + 3) % 40] (never the same). */
const rolesOf = (j: number) => [j % BOARD_ADS, (7 * j + 3) % BOARD_ADS];

type Fixtures = {
  users: { email: string; role: "ADMIN" | "RECRUITER" }[];
  adIds: number[];
  boardAds: number[];
  tagAds: number[];
  tagId: number;
  openStages: { id: number; name: string }[];
  /** Connection i moves owned[i] (candidate i's application on boardAds[i % 40]), and only it. */
  owned: { id: number; adId: number; stageId: number; version: number }[];
  views: View[];
};

async function fixtures(db: Db): Promise<Fixtures> {
  const admin = await db.user.findUniqueOrThrow({ where: { email: BENCH_ADMIN.email } });
  const t0 = performance.now();

  // Users: odd ones recruiters, even ones admins; one hash for all (same password).
  const users = Array.from({ length: CONNECTIONS }, (_, i) => ({ email: userEmail(i), role: (i % 2 === 0 ? "RECRUITER" : "ADMIN") as "ADMIN" | "RECRUITER" }));
  const passwordHash = await hashPassword(LOAD_PASSWORD);
  for (const [i, u] of users.entries()) {
    await db.user.upsert({
      where: { email: u.email },
      create: { email: u.email, name: `Load ${u.role === "ADMIN" ? "Admin" : "Recruiter"} ${i + 1}`, role: u.role, passwordHash },
      update: { role: u.role, active: true, passwordHash },
    });
  }

  // Ads: every id (ints: a few MB at 250k), 40 roles with boards, one ad per connection to tag.
  const adIds = (await db.$queryRawUnsafe<{ id: number | bigint }[]>(`SELECT "id" AS id FROM "Ad" ORDER BY "id"`)).map((r) => Number(r.id));
  if (adIds.length < BOARD_ADS + CONNECTIONS) throw new Error(`only ${adIds.length} ads: too few for the load test`);
  const boardAds = Array.from({ length: BOARD_ADS }, (_, k) => adIds[Math.floor(((k + 0.5) * adIds.length) / BOARD_ADS)]);
  const taken = new Set(boardAds);
  const tagAds = Array.from({ length: CONNECTIONS }, (_, i) => {
    let k = Math.floor(((i + 0.25) * adIds.length) / CONNECTIONS);
    while (taken.has(adIds[k])) k = (k + 1) % adIds.length;
    taken.add(adIds[k]);
    return adIds[k];
  });

  // The tag each connection puts on and takes off its own ad; left off by the previous run.
  const existingTag = await db.tag.findFirst({ where: { name: LOAD_TAG.name }, select: { id: true } });
  const tagId = existingTag?.id ?? (await createTag(LOAD_TAG, admin.id, db))!.id;
  await setTags({ ids: tagAds }, [tagId], "remove", admin, "BULK", db);

  // Candidates and applications (created once; the data set is reused between runs).
  const stages = await listStages(db);
  const openStages = stages.filter((s) => s.kind === "OPEN").map((s) => ({ id: s.id, name: s.name }));
  if (openStages.length < 2) throw new Error("the load test needs two open stages");
  const existing = new Map(
    (await db.candidate.findMany({ where: { emailKey: { in: Array.from({ length: CANDIDATES }, (_, j) => candidateEmail(j)) } }, select: { id: true, emailKey: true } })).map(
      (c) => [c.emailKey!, c.id],
    ),
  );
  const titles = ["Staff Nurse", "Software Engineer", "Sales Executive", "Chef de Partie", "HGV Driver", "Accountant", "Care Assistant", "Teacher"];
  let createdCandidates = 0;
  let createdApplications = 0;
  const owned: Fixtures["owned"] = [];
  for (let j = 0; j < CANDIDATES; j++) {
    let candidateId = existing.get(candidateEmail(j));
    if (!candidateId) {
      const fields = ZCandidateFields.parse({
        name: `Load Candidate ${j}`,
        email: candidateEmail(j),
        phone: `07700 9${String(j).padStart(5, "0")}`,
        location: "London",
        currentTitle: titles[j % titles.length],
        source: ["LinkedIn", "Referral", "Job board", "Agency"][j % 4],
        cvText: `${titles[j % titles.length]} with ${2 + (j % 15)} years of experience.`,
        cvFileName: "",
      });
      candidateId = (await createCandidate(fields, admin.id, { confirmDuplicate: true }, db)).id;
      createdCandidates++;
    }
    for (const [r, k] of rolesOf(j).entries()) {
      const adId = boardAds[k];
      const found = await db.application.findUnique({ where: { candidateId_adId: { candidateId, adId } }, select: { id: true, stageId: true, version: true } });
      let app: { id: number; stageId: number; version: number };
      if (found) app = found;
      else {
        const { id } = await createApplication(candidateId, adId, admin.id, db);
        createdApplications++;
        // Background applications: spread over every stage (the owned ones start in the first).
        const target = stages[(j + r) % stages.length];
        if (!(j < CONNECTIONS && r === 0) && target.id !== openStages[0].id) {
          await moveApplication({ id, toStageId: target.id, version: 1, reason: target.kind === "REJECTED" ? "Skills do not match" : null }, admin.id, db);
        }
        app = await db.application.findUniqueOrThrow({ where: { id }, select: { id: true, stageId: true, version: true } });
      }
      if (j < CONNECTIONS && r === 0) {
        if (!openStages.some((s) => s.id === app.stageId)) {
          const moved = await moveApplication({ id: app.id, toStageId: openStages[0].id, version: app.version }, admin.id, db);
          app = { id: app.id, stageId: moved.stageId, version: moved.version };
        }
        owned.push({ id: app.id, adId, stageId: app.stageId, version: app.version });
      }
    }
  }
  const views = await tableViews(db, adIds.length);
  console.log(
    `  fixtures: ${CONNECTIONS} users, ${CANDIDATES} candidates (${createdCandidates} new), ${fmt(await db.application.count())} applications (${createdApplications} new), ${views.length} table views — ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );
  return { users, adIds, boardAds, tagAds, tagId, openStages, owned, views };
}

// ---- the table views ---------------------------------------------------------------------------------

type View = { label: string; query: string; pages: number };

/** Curated views (as bench:query's matrix) plus seeded random combinations; each with its page count. */
async function tableViews(db: Db, adCount: number): Promise<View[]> {
  const r = rng(7);
  const categories = (
    await db.$queryRawUnsafe<{ c: string }[]>(`SELECT "category" AS c FROM "Ad" WHERE "category" IS NOT NULL GROUP BY "category" ORDER BY count(*) DESC LIMIT 12`)
  ).map((x) => slugify(x.c));
  const regions = (await db.location.findMany({ where: { depth: 1 }, select: { id: true } })).map((l) => l.id);
  const counties = (await db.location.findMany({ where: { depth: 2 }, select: { id: true }, take: 40 })).map((l) => l.id);
  const london = await db.location.findUnique({ where: { path: "UK~London" }, select: { id: true } });
  const benchTags = await db.tag.findMany({ where: { name: { in: BENCH_TAGS.map((t) => t.name) } }, select: { id: true } });
  const terms = [
    "manager",
    "nurse",
    "engineer",
    "driver",
    "chef",
    "sales",
    "teacher",
    "developer",
    "accountant",
    '"care assistant"',
    "warehouse",
    "marketing",
    "physiotherapist",
    "chef OR cook",
    "engineer -software",
    "develop*",
    "administrator",
    "support worker",
    "analyst",
    "electrician",
  ];
  const curated: [string, string][] = [
    ["first page (newest)", ""],
    ["100 per page", "perPage=100"],
    ["sort title", "sort=title"],
    ["sort -salary", "sort=-salary"],
    ["sort created", "sort=created"],
    ["category IT", "category=it-jobs"],
    ["contract time contract", "time=contract"],
    ["contract type part time", "type=part_time"],
    ["region London", london ? `region=${london.id}` : ""],
    ["salary 30–40k", "salaryMin=30000&salaryMax=40000&sort=-salary"],
    ["tag (any)", benchTags[0] ? `tags=${benchTags[0].id}` : ""],
    ["tags (all)", benchTags.length ? `tags=${benchTags.map((t) => t.id).join(",")}&tagMode=all` : ""],
    ["status closed", "status=closed"],
    ["with applications", "apps=any"],
    ["search manager", "q=manager"],
    ["search manager, ranked", "q=manager&sort=relevance"],
    ["search physiotherapist", "q=physiotherapist"],
    ['search "care assistant"', `q=${encodeURIComponent('"care assistant"')}`],
    ["search chef OR cook", `q=${encodeURIComponent("chef OR cook")}`],
    ["search develop*, by salary", `q=${encodeURIComponent("develop*")}&sort=-salary`],
    ["search + category + region", `q=nurse&category=healthcare-nursing-jobs${london ? `&region=${london.id}` : ""}`],
    ["IT permanent London ≥40k", `category=it-jobs&time=permanent${london ? `&region=${london.id}` : ""}&salaryMin=40000&sort=-salary`],
  ];
  const seen = new Set<string>();
  const queries: [string, string][] = [];
  for (const [label, q] of curated) {
    if (seen.has(q)) continue;
    seen.add(q);
    queries.push([label, q]);
  }
  const sorts = ["-updated", "title", "-title", "salary", "-salary", "created", "-created"];
  while (queries.length < 60) {
    const parts: string[] = [];
    const label: string[] = [];
    const term = r.next() < 0.45 ? r.pick(terms) : null;
    if (term) {
      parts.push(`q=${encodeURIComponent(term)}`);
      label.push(`q=${term}`);
    }
    if (r.next() < 0.4 && categories.length) {
      const c = r.pick(categories);
      parts.push(`category=${c}`);
      label.push(c);
    }
    if (r.next() < 0.3) {
      const g = r.next() < 0.6 ? r.pick(regions) : r.pick(counties.length ? counties : regions);
      parts.push(`region=${g}`);
      label.push(`region ${g}`);
    }
    if (r.next() < 0.2) {
      const t = r.pick(["permanent", "contract"]);
      parts.push(`time=${t}`);
      label.push(t);
    }
    if (r.next() < 0.2) {
      const s = r.pick([20000, 30000, 40000, 60000]);
      parts.push(`salaryMin=${s}`);
      label.push(`≥${s / 1000}k`);
    }
    if (r.next() < 0.5) {
      const s = term && r.next() < 0.5 ? "relevance" : r.pick(sorts);
      parts.push(`sort=${s}`);
      label.push(`sort ${s}`);
    }
    const q = parts.join("&");
    if (!q || seen.has(q)) continue;
    seen.add(q);
    queries.push([label.join(", "), q]);
  }
  const views: View[] = [];
  for (const [label, query] of queries) {
    const p = loadAdsTableParams(`?${query}`);
    const page = await findAdsPage(p, { db, cache: false });
    views.push({ label, query, pages: Math.max(1, Math.min(Math.ceil(page.total / p.perPage), 10_000)) });
  }
  if (!views.some((v) => v.pages > 1) && adCount > 25) throw new Error("no table view has a second page: are the ads there?");
  return views;
}

function tablePath(view: View, r: Rng): { path: string; page: number } {
  const x = r.next();
  const page = x < 0.6 || view.pages === 1 ? 1 : x < 0.9 ? r.int(2, Math.min(5, view.pages)) : r.int(1, view.pages);
  const qs = [view.query, page > 1 ? `page=${page}` : ""].filter(Boolean).join("&");
  return { path: `/ads${qs ? `?${qs}` : ""}`, page };
}

// ---- signing in over HTTP ----------------------------------------------------------------------------

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair.indexOf("=");
    out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

async function signIn(baseURL: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseURL}/` }).toString(),
  });
  const session = cookiesOf(res).get("next-auth.session-token");
  if (!session) throw new Error(`sign-in of ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  // The session works: the dashboard answers 200 (not a redirect to /login).
  const check = await fetch(`${baseURL}/`, { redirect: "manual", headers: { Cookie: `next-auth.session-token=${session}` } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`the session of ${email} does not work: GET / → ${check.status}`);
  return `next-auth.session-token=${session}`;
}

// ---- what came back ----------------------------------------------------------------------------------

/** The action's own result in a server action's RSC answer: row 0 says which row holds it ("a"). */
function actionResult(body: string): { ok: boolean; code?: string; data?: Record<string, unknown>; details?: Record<string, unknown> } | null {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  try {
    const head = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
    if (!head || !("a" in head)) return null;
    let a = head.a;
    if (typeof a === "string" && a.startsWith("$@")) a = JSON.parse(rows.get(a.slice(2)) ?? "null");
    if (!a || typeof a !== "object" || !("ok" in a)) return null;
    return a as ReturnType<typeof actionResult>;
  } catch {
    return null;
  }
}

/** Why an HTML page that answered 200 is not a good page, or null. */
function pageProblem(body: string, kind: Kind): string | null {
  if (!body.includes("</html>")) return "truncated HTML";
  if (body.includes("could not be loaded")) return "error boundary";
  const digest = /data-dgst="([^"]*)"/.exec(body);
  if (digest) return `streamed error (${digest[1].slice(0, 40)})`;
  if (kind === "table" && !body.includes("result-summary")) return "no result summary";
  return null;
}

/** Why a client navigation's RSC payload that answered 200 is not a good one, or null. */
function payloadProblem(body: string): string | null {
  if (!body.startsWith("0:") && !/^[0-9a-f]+:/.test(body)) return "not an RSC payload";
  const digest = /^[0-9a-f]+:E(\{.*\})$/m.exec(body);
  if (digest) return `error row (${digest[1].slice(0, 60)})`;
  if (!body.includes(`"total":`)) return "no table page in the payload";
  return null;
}

// ---- the run -----------------------------------------------------------------------------------------

const KINDS = ["table", "tableNav", "ad", "board", "candidates", "dashboard", "tag", "move"] as const;
const TABLE_KINDS: Kind[] = ["table", "tableNav"];
type Kind = (typeof KINDS)[number];
/** Weights of the kinds; BENCH_MIX overrides some ("tag=0,table=60"), e.g. to see what tagging costs the table. */
const MIX: [Kind, number][] = (() => {
  const mix = new Map<Kind, number>([
    ["table", 10],
    ["tableNav", 40],
    ["ad", 20],
    ["board", 5],
    ["candidates", 3],
    ["dashboard", 2],
    ["tag", 10],
    ["move", 10],
  ]);
  for (const part of (process.env.BENCH_MIX ?? "").split(",").filter(Boolean)) {
    const [k, w] = part.split("=");
    if (!mix.has(k as Kind) || !/^\d+$/.test(w ?? "")) throw new Error(`BENCH_MIX: "${part}" is not kind=weight (kinds: ${[...mix.keys()].join(", ")})`);
    mix.set(k as Kind, Number(w));
  }
  return [...mix].filter(([, w]) => w > 0);
})();
const KIND_LABEL: Record<Kind, string> = {
  table: "table: full loads (HTML)",
  tableNav: "table: clicks (RSC)",
  ad: "ad pages (/ads/<id>)",
  board: "pipeline boards",
  candidates: "candidates (/candidates)",
  dashboard: "dashboard (/)",
  tag: "tag add/remove (action)",
  move: "application moves (action)",
};

/**
 * What Chromium sends for a click in the table (nuqs → router.push → a client-side navigation):
 * the page segment's RSC payload, the layouts above it kept. Recorded from Chromium 150 against
 * this app's /ads route; the tree names the route's segments ((dashboard) → ads → (list) → page).
 */
const NAVIGATION_HEADERS = {
  RSC: "1",
  "Next-Url": "/ads",
  "Next-Router-State-Tree": encodeURIComponent(
    JSON.stringify([
      "",
      {
        children: ["(dashboard)", { children: ["ads", { children: ["(list)", { children: ["__PAGE__", {}, null, "refetch", 0] }, null, null, 4] }, null, null, 8] }, null, null, 8],
      },
      null,
      null,
      24,
    ]),
  ),
  Accept: "*/*",
};
/**
 * The "_rsc" search parameter the browser adds: a hash of those headers, which Next.js checks
 * (a request without it is redirected, 307, to the URL with it). Next.js's own function.
 */
const NAVIGATION_RSC_PARAM: string = await (
  createRequire(import.meta.url)("next/dist/shared/lib/router/utils/cache-busting-search-param") as {
    computeCacheBustingSearchParam: (prefetch?: string, segment?: string, tree?: string, nextUrl?: string) => Promise<string>;
  }
).computeCacheBustingSearchParam(undefined, undefined, NAVIGATION_HEADERS["Next-Router-State-Tree"], NAVIGATION_HEADERS["Next-Url"]);

/**
 * The router state tree Chromium sends with a server action posted from an ad's page or its
 * pipeline board (recorded from Chromium 150 on /ads/<id> and /ads/<id>/pipeline). With it Next.js
 * answers with the action's result and the revalidated page segment only (a tag on an ad page:
 * ~22 KB); without it, the whole tree from the root layout down (~190 KB).
 */
function actionRouterStateTree(adId: number, board: boolean): string {
  const pageLeaf = ["__PAGE__", {}, null, null, 0];
  const below = board ? ["pipeline", { children: pageLeaf }, null, null, 0] : pageLeaf;
  const tree = [
    "",
    { children: ["(dashboard)", { children: ["ads", { children: [["id", String(adId), "d", null], { children: below }, null, null, 0] }, null, null, 0] }, null, null, 0] },
    null,
    null,
    16,
  ];
  return encodeURIComponent(JSON.stringify(tree));
}

type Stat = { times: number[]; bytes: number; statuses: Map<number, number>; timeouts: number; dropped: number; bodyErrors: Map<string, number>; conflicts: number };
const newStat = (): Stat => ({ times: [], bytes: 0, statuses: new Map(), timeouts: 0, dropped: 0, bodyErrors: new Map(), conflicts: 0 });
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

type Pending = { kind: Kind; view?: View; page?: number; done: boolean; verdict?: string | null; conflict?: boolean };

/** What a user carries from one request (and one run) to the next. */
type UserState = { r: Rng; cookie: string; app: Fixtures["owned"][number]; stageIndex: number; direction: number; tagged: boolean };

function userStates(fx: Fixtures, cookies: string[]): UserState[] {
  return cookies.map((cookie, i) => ({
    r: rng(1000 + i),
    cookie,
    app: { ...fx.owned[i] },
    stageIndex: Math.max(
      0,
      fx.openStages.findIndex((s) => s.id === fx.owned[i].stageId),
    ),
    direction: 1,
    tagged: false, // every connection's ad starts untagged (fixtures() takes the tag off)
  }));
}

type Actions = { tag: ServerAction; move: ServerAction };
type Req = { method: string; path: string; headers: Record<string, string>; body: string };

/** User i's next request, drawn from its own random stream by the mix's weights. */
function nextRequest(i: number, u: UserState, fx: Fixtures, actions: Actions, origin: string): { pending: Pending; req: Req } {
  const { r, cookie, app: mine } = u;
  const page = (path: string): Req => ({ method: "GET", path, headers: { Cookie: cookie, Accept: "text/html" }, body: "" });
  const action = (a: ServerAction, adId: number, board: boolean, args: unknown): Req => ({
    method: "POST",
    path: board ? `/ads/${adId}/pipeline` : `/ads/${adId}`,
    headers: {
      Cookie: cookie,
      "Next-Action": a.id,
      "Next-Router-State-Tree": actionRouterStateTree(adId, board),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: origin,
    },
    body: JSON.stringify([args]),
  });
  const total = MIX.reduce((n, [, w]) => n + w, 0);
  let x = r.next() * total;
  const kind = MIX.find(([, w]) => (x -= w) < 0)?.[0] ?? MIX[MIX.length - 1][0];
  const pending: Pending = { kind, done: false };
  switch (kind) {
    case "table":
    case "tableNav": {
      const view = r.pick(fx.views);
      const { path: p, page: n } = tablePath(view, r);
      pending.view = view;
      pending.page = n;
      const navigation = { method: "GET", path: `${p}${p.includes("?") ? "&" : "?"}_rsc=${NAVIGATION_RSC_PARAM}`, headers: { Cookie: cookie, ...NAVIGATION_HEADERS }, body: "" };
      return { pending, req: kind === "table" ? page(p) : navigation };
    }
    case "ad":
      return { pending, req: page(`/ads/${r.pick(fx.adIds)}`) };
    case "board":
      return { pending, req: page(`/ads/${r.pick(fx.boardAds)}/pipeline`) };
    case "candidates":
      return { pending, req: page(`/candidates${r.pick(["", "?q=nurse", "?sort=name", "?apps=active", "?page=2", "?q=engineer&sort=-created"])}`) };
    case "dashboard":
      return { pending, req: page("/") };
    case "tag": {
      const mode = u.tagged ? "remove" : "add";
      return { pending, req: action(actions.tag, fx.tagAds[i], false, { target: { ids: [fx.tagAds[i]] }, tagIds: [fx.tagId], mode }) };
    }
    case "move": {
      // Back and forth along the open stages: 0 → 1 → … → last → … → 0.
      if (u.stageIndex + u.direction < 0 || u.stageIndex + u.direction >= fx.openStages.length) u.direction = -u.direction;
      const to = fx.openStages[u.stageIndex + u.direction];
      return { pending, req: action(actions.move, mine.adId, true, { id: mine.id, toStageId: to.id, version: mine.version }) };
    }
  }
}

/** Reads an answer: its verdict (null: fine), and what the user carries on (tagged, stage, version). */
function readAnswer(p: Pending, u: UserState, fx: Fixtures, status: number, body: string) {
  const mine = u.app;
  if (status !== 200) {
    p.verdict = null;
    return;
  }
  if (p.kind === "tag" || p.kind === "move") {
    const a = actionResult(body);
    if (!a) p.verdict = "no action result in the answer";
    else if (!a.ok) {
      p.verdict = `ok:false ${a.code ?? "?"}`;
      if (p.kind === "move" && a.code === "CONFLICT") {
        // Only after a move whose answer was lost: take the server's stage and version.
        p.conflict = true;
        const d = a.details ?? {};
        if (typeof d.version === "number") mine.version = d.version;
        if (typeof d.stageId === "number") {
          const k = fx.openStages.findIndex((s) => s.id === d.stageId);
          if (k >= 0) u.stageIndex = k;
        }
      }
    } else {
      p.verdict = null;
      if (p.kind === "tag") u.tagged = !u.tagged;
      else {
        const d = a.data as { version?: number; stageId?: number } | undefined;
        if (typeof d?.version === "number") mine.version = d.version;
        const k = fx.openStages.findIndex((s) => s.id === d?.stageId);
        if (k >= 0) u.stageIndex = k;
      }
    }
  } else p.verdict = p.kind === "tableNav" ? payloadProblem(body) : pageProblem(body, p.kind);
}

type RunStats = { stats: Map<Kind, Stat>; viewTimes: Map<View, number[]>; deepPages: number[] };
const newRunStats = (): RunStats => ({ stats: new Map(KINDS.map((k) => [k, newStat()])), viewTimes: new Map(), deepPages: [] });

/** Counts one answered request. */
function record(rs: RunStats, p: Pending, status: number, bytes: number, duration: number) {
  const s = rs.stats.get(p.kind)!;
  bump(s.statuses, status);
  s.bytes += bytes;
  if (status >= 200 && status < 300) {
    s.times.push(duration);
    if (TABLE_KINDS.includes(p.kind) && p.view) {
      if (!rs.viewTimes.has(p.view)) rs.viewTimes.set(p.view, []);
      rs.viewTimes.get(p.view)!.push(duration);
      if ((p.page ?? 1) > 5) rs.deepPages.push(duration);
    }
  }
  if (p.verdict) bump(s.bodyErrors, p.verdict);
  if (p.conflict) s.conflicts++;
}

/** One autocannon run: `connections` keep-alive connections, connection i signed in as user i. */
function run(baseURL: string, fx: Fixtures, users: UserState[], actions: Actions, connections: number, seconds: number) {
  const rs = newRunStats();
  const origin = new URL(baseURL).origin;
  let next = 0;
  let orphans = 0;

  return new Promise<RunStats & { result: AcResult; orphans: number }>((resolve, reject) => {
    const setupClient = (client: AcClient) => {
      const i = next++ % connections;
      const u = users[i];
      let pending: Pending | null = null;
      let orphan: Pending | null = null;

      const setupRequest = (req: AcRequest): AcRequest => {
        if (pending && !pending.done) orphan = pending; // no answer: a timeout or a lost connection
        const n = nextRequest(i, u, fx, actions, origin);
        pending = n.pending;
        return { ...req, ...n.req };
      };
      const onResponse = (status: number, body: string) => {
        if (pending) readAnswer(pending, u, fx, status, body);
      };
      client.on("response", (status: number, bytes: number, duration: number) => {
        const p = pending;
        if (!p || p.done) return;
        p.done = true;
        record(rs, p, status, bytes, duration);
      });
      const lost = (how: "timeouts" | "dropped") => {
        const p = orphan ?? (pending && !pending.done ? pending : null);
        if (!p) return;
        p.done = true;
        rs.stats.get(p.kind)![how]++;
        if (p === orphan) orphan = null;
      };
      client.on("timeout", () => lost("timeouts"));
      client.on("connError", () => lost("dropped"));
      client.on("done", () => {
        if (orphan && !orphan.done) orphans++;
      });
      client.setRequests([{ method: "GET", path: "/", setupRequest, onResponse }]);
    };

    autocannon(
      { url: baseURL, connections, duration: seconds, pipelining: 1, timeout: TIMEOUT_S, requests: [{ method: "GET", path: "/api/health" }], setupClient },
      (err, result) => (err ? reject(err) : resolve({ ...rs, result, orphans })),
    );
  });
}

/**
 * The floor: the same number of back-to-back connections on one fixed request (no session, nothing
 * of ours beyond the proxy and the page itself). Timed as run() times the mix.
 */
function floorRun(baseURL: string, path: string, connections: number, seconds: number) {
  const times: number[] = [];
  let failed = 0;
  return new Promise<{ times: number[]; failed: number; duration: number }>((resolve, reject) => {
    const setupClient = (client: AcClient) => client.on("response", (status: number, _bytes: number, duration: number) => (status === 200 ? times.push(duration) : failed++));
    autocannon(
      { url: baseURL, connections, duration: seconds, pipelining: 1, timeout: TIMEOUT_S, requests: [{ method: "GET", path, headers: { Accept: "text/html" } }], setupClient },
      (err, result) => (err ? reject(err) : resolve({ times, failed: failed + result.timeouts + result.errors, duration: result.duration })),
    );
  });
}

/**
 * Paced users: each thinks between requests for a random time (exponential, mean 1/rate s: users
 * click independently of each other, so requests arrive as a Poisson stream, not in lock-step)
 * and never sends before its previous answer is in. Timed from sending to the last byte.
 */
async function pacedRun(baseURL: string, fx: Fixtures, users: UserState[], actions: Actions, seconds: number, rate: number) {
  const rs = newRunStats();
  const origin = new URL(baseURL).origin;
  const deadline = performance.now() + seconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    users.map(async (u, i) => {
      const think = rng(5000 + i);
      const gap = () => (-Math.log(1 - think.next()) * 1000) / rate;
      await sleep(think.next() * gap());
      while (performance.now() < deadline) {
        const start = performance.now();
        const { pending: p, req } = nextRequest(i, u, fx, actions, origin);
        try {
          const res = await fetch(`${baseURL}${req.path}`, {
            method: req.method,
            headers: req.headers,
            body: req.method === "GET" ? undefined : req.body,
            redirect: "manual",
            signal: AbortSignal.timeout(TIMEOUT_S * 1000),
          });
          const body = await res.text();
          readAnswer(p, u, fx, res.status, body);
          record(rs, p, res.status, Buffer.byteLength(body), performance.now() - start);
        } catch (e) {
          rs.stats.get(p.kind)![(e as Error).name === "TimeoutError" ? "timeouts" : "dropped"]++;
        }
        await sleep(Math.max(0, start + gap() - performance.now()));
      }
    }),
  );
  return rs;
}

// ---- the server process ------------------------------------------------------------------------------

/** The server and its descendants (the primary and its workers). */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      parents.set(Number(e), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const out = [root];
  for (let k = 0; k < out.length; k++) for (const [pid, ppid] of parents) if (ppid === out[k]) out.push(pid);
  return out;
}

function procStatus(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) the process has used. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

// ---- the report --------------------------------------------------------------------------------------

function merged(stats: Map<Kind, Stat>): Stat {
  const all = newStat();
  for (const s of stats.values()) {
    all.times.push(...s.times);
    all.bytes += s.bytes;
    for (const [c, v] of s.statuses) all.statuses.set(c, (all.statuses.get(c) ?? 0) + v);
    all.timeouts += s.timeouts;
    all.dropped += s.dropped;
    for (const [c, v] of s.bodyErrors) all.bodyErrors.set(c, (all.bodyErrors.get(c) ?? 0) + v);
    all.conflicts += s.conflicts;
  }
  return all;
}

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
const answered = (s: Stat) => sum(s.statuses.values());
const non2xxOf = (s: Stat) => sum([...s.statuses].filter(([c]) => c < 200 || c >= 300).map(([, v]) => v));
const errorsOf = (s: Stat) => non2xxOf(s) + s.timeouts + s.dropped + sum(s.bodyErrors.values());

function report(seconds: number, stats: Map<Kind, Stat>) {
  const ms = (n: number) => fmt(n, 1).padStart(7);
  console.log(
    `${"kind".padEnd(27)} ${"count".padStart(6)} ${"req/s".padStart(6)} │ ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)} ms │ ${"KB".padStart(4)} │ ${"non-2xx".padStart(7)} ${"timeout".padStart(7)} ${"body err".padStart(8)} │ errors`,
  );
  const line = (label: string, s: Stat) => {
    const n = answered(s) + s.timeouts + s.dropped;
    const max = s.times.length ? s.times.reduce((a, b) => Math.max(a, b)) : NaN;
    console.log(
      `${label.padEnd(27)} ${fmt(n).padStart(6)} ${fmt(n / seconds, 1).padStart(6)} │ ${ms(percentile(s.times, 50))} ${ms(percentile(s.times, 95))} ${ms(percentile(s.times, 99))} ${ms(max)}    │ ${fmt(s.bytes / 1024 / Math.max(1, answered(s))).padStart(4)} │ ${fmt(non2xxOf(s)).padStart(7)} ${fmt(s.timeouts).padStart(7)} ${fmt(sum(s.bodyErrors.values())).padStart(8)} │ ${fmt(errorsOf(s)).padStart(6)}`,
    );
  };
  for (const k of KINDS) line(KIND_LABEL[k], stats.get(k)!);
  const all = merged(stats);
  line("overall", all);
  for (const k of KINDS) {
    const s = stats.get(k)!;
    const odd = [...s.statuses].filter(([c]) => c < 200 || c >= 300);
    if (odd.length) console.log(`  ${k}: HTTP ${odd.map(([c, v]) => `${c} ×${fmt(v)}`).join(", ")}`);
    if (s.bodyErrors.size) console.log(`  ${k}: body-level errors: ${[...s.bodyErrors].map(([c, v]) => `${c} ×${fmt(v)}`).join(", ")}`);
    if (s.dropped) console.log(`  ${k}: ${fmt(s.dropped)} requests lost to connection errors`);
    if (s.conflicts) console.log(`  ${k}: ${fmt(s.conflicts)} CONFLICT refusals (each connection moves its own application: these follow a move whose answer was lost)`);
  }
  return { all, errors: errorsOf(all) };
}

function slowestViews({ viewTimes, deepPages }: Pick<RunStats, "viewTimes" | "deepPages">, views: number) {
  const ranked = [...viewTimes].filter(([, v]) => v.length >= 3).sort((a, b) => percentile(b[1], 95) - percentile(a[1], 95));
  console.log(`\nSlowest table views by p95 (${views} views; page 1 ≈60%, pages 2–5 ≈30%, any page of the view ≈10%; full loads and clicks):`);
  for (const [v, times] of ranked.slice(0, 8)) {
    console.log(
      `  ${v.label.slice(0, 50).padEnd(50)} n=${String(times.length).padStart(4)}  p50 ${fmt(percentile(times, 50)).padStart(5)}  p95 ${fmt(percentile(times, 95)).padStart(5)}  max ${fmt(Math.max(...times)).padStart(5)} ms  (${fmt(v.pages)} pages)`,
    );
  }
  if (deepPages.length) console.log(`  pages beyond 5 (any view): n=${deepPages.length} p50 ${fmt(percentile(deepPages, 50))} p95 ${fmt(percentile(deepPages, 95))} ms`);
}

// ---- two-server mode (BENCH_SERVERS=2, PostgreSQL) ---------------------------------------------------

type Measured = { reqPerSec: number; tableP95: number; errors: number; pacedTableP95: number; pacedErrors: number };

/**
 * One server, then two, on the same PostgreSQL data set, each time behind the same round-robin
 * proxy (tests/support/cluster.ts), in one run: the saturated mix (requests/s) and the paced users
 * (table-page p95). Both servers run on this machine, so they share its two cores: the second
 * server adds processes, not CPU. The README says what a second machine adds.
 */
async function twoServerMode(pgServerUrl: string) {
  const { AppServer, RoundRobinProxy } = await import("@/tests/support/cluster");
  const name = `${new URL(pgServerUrl).pathname.slice(1)}_bench_load`.slice(0, 63);
  const url = Object.assign(new URL(pgServerUrl), { pathname: `/${name}` }).toString();
  console.log(`bench:load two-server mode — ${CONNECTIONS} users, ${SECONDS} s per run, ${fmt(ROWS)} ads on PostgreSQL (${name})`);
  const { reused } = await loadedDatabase(url, ROWS, async () => void (await scratchPg(name)));
  if (reused) console.log(`  reused (${fmt(ROWS)} ads at the current migrations; BENCH_FRESH=1 rebuilds)`);
  const db = createDb(url);
  const fx = await fixtures(db).finally(() => db.$disconnect());
  ensureBuild();
  const proxyPort = PORT + 10;
  const common = {
    DATABASE_URL: url,
    NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-to-be-valid-0123456789",
    NEXTAUTH_URL: `http://localhost:${proxyPort}`,
    SIGNIN_MAX_ATTEMPTS: "1000",
    TRUST_PROXY: "1",
    LOG_LEVEL: "warn",
    SALARY_AFTER_IMPORT: "0",
  };
  const actions = listServerActions();
  const find = (n: string, file: string) => actions.find((a) => a.name === n && a.file.replace(/\\/g, "/").endsWith(file))!;
  const acts = { tag: find("setTagsAction", "lib/ads/actions.ts"), move: find("moveApplicationAction", "lib/pipeline/actions.ts") };
  const tableTimes = (st: Map<Kind, Stat>) => TABLE_KINDS.flatMap((k) => st.get(k)!.times);
  const results: [string, Measured][] = [];
  for (const count of [1, 2]) {
    const servers = Array.from(
      { length: count },
      // The machine's cores split between the servers: the same worker processes in all, so the
      // comparison is one server against two, not two workers against four.
      (_, i) =>
        new AppServer({
          name: `S${i + 1}`,
          port: PORT + 1 + i,
          env: { ...common, WEB_CONCURRENCY: String(Math.max(1, Math.floor(os.availableParallelism() / count))), DATA_DIR: path.join(benchDataDir, `two-servers-${i + 1}`) },
        }),
    );
    await Promise.all(servers.map((sv) => sv.start()));
    const proxy = new RoundRobinProxy(servers);
    const base = await proxy.listen(proxyPort);
    try {
      const cookies: string[] = [];
      for (const u of fx.users) cookies.push(await signIn(base, u.email, LOAD_PASSWORD));
      for (const v of fx.views)
        await fetch(`${base}${tablePath(v, { next: () => 0, int: (a: number) => a, pick: <T>(xs: readonly T[]) => xs[0] }).path}`, { headers: { Cookie: cookies[0] } }).then((r) =>
          r.arrayBuffer(),
        );
      const users = userStates(fx, cookies);
      // Each user's application as stored (the previous configuration moved it).
      const resync = async () => {
        const fresh = createDb(url);
        for (const u of users) Object.assign(u.app, await fresh.application.findUniqueOrThrow({ where: { id: u.app.id }, select: { stageId: true, version: true } }));
        await fresh.$disconnect();
        for (const u of users)
          u.stageIndex = Math.max(
            0,
            fx.openStages.findIndex((st) => st.id === u.app.stageId),
          );
      };
      await resync();
      console.log(
        `\n${count} server${count > 1 ? "s" : ""} (npm start, ${servers[0].opts.env.WEB_CONCURRENCY} worker(s) each) behind the proxy: saturated, ${CONNECTIONS} connections, ${SECONDS} s`,
      );
      const sat = await run(base, fx, users, acts, CONNECTIONS, SECONDS);
      const r = report(sat.result.duration, sat.stats);
      console.log(`  paced: ${CONNECTIONS} users clicking about ${USER_RATE} time(s) a second, ${SECONDS} s`);
      await new Promise((res) => setTimeout(res, TIMEOUT_S * 1000)); // requests left in flight finish
      await resync();
      const paced = await pacedRun(base, fx, users, acts, SECONDS, USER_RATE);
      const pr = report(SECONDS, paced.stats);
      results.push([
        `${count} server${count > 1 ? "s" : ""}`,
        {
          reqPerSec: r.all.times.length / sat.result.duration,
          tableP95: percentile(tableTimes(sat.stats), 95),
          errors: r.errors,
          pacedTableP95: percentile(tableTimes(paced.stats), 95),
          pacedErrors: pr.errors,
        },
      ]);
      console.log(
        `  requests served per server: ${Object.entries(proxy.stats.served)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(", ")}`,
      );
    } finally {
      await proxy.close();
      await Promise.all(servers.map((sv) => sv.stop()));
    }
  }
  console.log(`\nOne server vs two, same run, same data set, this machine (${os.cpus().length} cores):`);
  console.log(
    `  ${"".padEnd(10)} ${"saturated req/s".padStart(16)} ${"table p95".padStart(10)} ${"errors".padStart(7)} │ ${"paced table p95".padStart(16)} ${"errors".padStart(7)}`,
  );
  for (const [label, m] of results) {
    console.log(
      `  ${label.padEnd(10)} ${fmt(m.reqPerSec, 1).padStart(16)} ${`${fmt(m.tableP95)} ms`.padStart(10)} ${String(m.errors).padStart(7)} │ ${`${fmt(m.pacedTableP95)} ms`.padStart(16)} ${String(m.pacedErrors).padStart(7)}`,
    );
  }
  const [one, two] = results.map(([, m]) => m);
  console.log(`  two / one: ${fmt(two.reqPerSec / one.reqPerSec, 2)}× the requests/s; paced table p95 ${fmt(two.pacedTableP95 / one.pacedTableP95, 2)}×`);
  return results.every(([, m]) => m.errors === 0 && m.pacedErrors === 0) ? 0 : 1;
}

if (process.env.BENCH_SERVERS === "2") {
  if (!benchPgUrl) throw new Error("BENCH_SERVERS=2 needs PostgreSQL: set BENCH_POSTGRES_URL (or a postgresql:// DATABASE_URL)");
  process.exit(await twoServerMode(benchPgUrl));
}

// ---- main --------------------------------------------------------------------------------------------

const sqliteFile = path.join(benchDataDir, `query-${ROWS}.db`);
const sqliteUrl = `file:${sqliteFile}`;
console.log(`bench:load — ${CONNECTIONS} signed-in users for ${SECONDS} s against the production build, ${fmt(ROWS)} ads`);
console.log(`SQLite data set: ${sqliteFile}`);
const { reused } = await loadedDatabase(sqliteUrl, ROWS, async () => {
  mkdirSync(benchDataDir, { recursive: true });
  for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
});
if (reused) console.log(`  reused (${fmt(ROWS)} ads at the current migrations; BENCH_FRESH=1 rebuilds)`);

const db = createDb(sqliteUrl);
let fx: Fixtures;
try {
  fx = await fixtures(db);
} finally {
  await db.$disconnect();
}

const serverLog: string[] = [];
const server = await startServer(sqliteUrl, PORT, { onStderr: (l) => serverLog.push(l) }).catch((e: unknown) => {
  console.error(`server stderr:\n${serverLog.join("\n")}`);
  throw e;
});
let exitCode = 0;
try {
  const actions = listServerActions();
  const find = (name: string, file: string) => {
    const found = actions.filter((a) => a.name === name && a.file.replace(/\\/g, "/").endsWith(file));
    if (found.length !== 1) throw new Error(`server action ${name} in ${file}: found ${found.length} in the build`);
    return found[0];
  };
  const tagAction = find("setTagsAction", "lib/ads/actions.ts");
  const moveAction = find("moveApplicationAction", "lib/pipeline/actions.ts");

  let t = performance.now();
  const cookies: string[] = [];
  for (const u of fx.users) cookies.push(await signIn(server.baseURL, u.email, LOAD_PASSWORD));
  console.log(
    `  signed in ${cookies.length} users over HTTP (${fx.users.filter((u) => u.role === "RECRUITER").length} recruiters, ${fx.users.filter((u) => u.role === "ADMIN").length} admins) — ${fmt((performance.now() - t) / 1000, 1)} s`,
  );

  // Warm-up, one request at a time (not part of the results): one of every other page, then each
  // table view's first page — a first visit: nothing of that view cached yet.
  t = performance.now();
  const first = (v: View) => tablePath(v, { next: () => 0, int: (a: number) => a, pick: <T>(xs: readonly T[]) => xs[0] }).path;
  const warm = [`/ads/${fx.adIds[0]}`, `/ads/${fx.boardAds[0]}/pipeline`, "/candidates", "/", ...fx.views.map(first)];
  const firstVisits: [string, number][] = [];
  let warmFailures = 0;
  for (const [k, p] of warm.entries()) {
    const t1 = performance.now();
    const res = await fetch(`${server.baseURL}${p}`, { headers: { Cookie: cookies[0] }, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200) warmFailures++;
    if (k >= 4) firstVisits.push([fx.views[k - 4].label, performance.now() - t1]);
  }
  const fv = firstVisits.map(([, ms]) => ms);
  console.log(
    `  warm-up: ${warm.length} pages one at a time in ${fmt((performance.now() - t) / 1000, 1)} s${warmFailures ? ` (${warmFailures} not 200)` : ""}; first visit of each table view p50 ${fmt(percentile(fv, 50))} ms, p95 ${fmt(percentile(fv, 95))} ms, slowest: ${[
      ...firstVisits,
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([l, ms]) => `${l} ${fmt(ms)} ms`)
      .join(" · ")}`,
  );

  const users = userStates(fx, cookies);
  /**
   * A run ends with requests in flight (their answers dropped): once the server has finished them
   * (or they timed out: TIMEOUT_S after the run's end), the users start the next run from their
   * applications' stored stage and version, as a reloaded board would. (Read sooner, a move still
   * running would make the next run's first move a CONFLICT.)
   */
  const resync = async (us: UserState[], endedAt: number) => {
    await new Promise((r) => setTimeout(r, Math.max(0, endedAt + TIMEOUT_S * 1000 - performance.now())));
    const fresh = createDb(sqliteUrl);
    try {
      for (const u of us) {
        const a = await fresh.application.findUniqueOrThrow({ where: { id: u.app.id }, select: { stageId: true, version: true } });
        Object.assign(u.app, a);
        u.stageIndex = Math.max(
          0,
          fx.openStages.findIndex((st) => st.id === a.stageId),
        );
      }
    } finally {
      await fresh.$disconnect();
    }
  };
  const acts = { tag: tagAction, move: moveAction };

  // One user alone first: what each kind of request costs the server with no queue in front of it.
  if (BASELINE_SECONDS > 0) {
    console.log(`\nOne user alone (1 connection, ${BASELINE_SECONDS} s, the same mix): the uncontended time of each kind`);
    const base = await run(server.baseURL, fx, users, acts, 1, BASELINE_SECONDS);
    report(base.result.duration, base.stats);
  }
  const baselineEnd = performance.now();

  // The floor, in this run: what the same number of back-to-back connections get from the
  // lightest answers this server gives — a route handler (one SELECT 1) and the sign-in page (a
  // page with one form, no database, no session). No page of the app can be faster than the
  // second under the same load: it is Next.js, React and the proxy's work per page, queued.
  const floors: { label: string; p95: number }[] = [];
  if (FLOOR_SECONDS > 0) {
    console.log(`\nFloor (same run): ${CONNECTIONS} back-to-back connections, ${FLOOR_SECONDS} s each, on one fixed request`);
    for (const [label, p] of [
      ["/api/health (route handler)", "/api/health"],
      ["/login (sign-in page, HTML)", "/login"],
    ] as const) {
      const f = await floorRun(server.baseURL, p, CONNECTIONS, FLOOR_SECONDS);
      const p95 = percentile(f.times, 95);
      floors.push({ label, p95 });
      console.log(
        `  ${label.padEnd(29)} ${fmt(f.times.length / f.duration, 1).padStart(6)} req/s │ p50 ${fmt(percentile(f.times, 50), 1).padStart(6)}  p95 ${fmt(p95, 1).padStart(6)}  p99 ${fmt(percentile(f.times, 99), 1).padStart(6)} ms │ ${f.failed} failed`,
      );
    }
  }

  if (BASELINE_SECONDS > 0) await resync(users, baselineEnd);

  // During the run: the server's RSS and CPU, sampled every second.
  const cpu0 = sum(processTree(server.pid).map(cpuSeconds));
  const benchCpu0 = process.cpuUsage();
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, sum(processTree(server.pid).map((p) => procStatus(p, "VmRSS") || 0)));
  }, 1000);
  const logBefore = serverLog.length;
  console.log(
    `\nRunning: ${CONNECTIONS} connections (one per user, keep-alive, each sending its next request as soon as the last one is answered), ${SECONDS} s, mix ${MIX.map(([k, w]) => `${k} ${fmt((100 * w) / sum(MIX.map(([, v]) => v)))}%`).join(" · ")}…`,
  );
  const wall = performance.now();
  const { result, stats, viewTimes, deepPages, orphans } = await run(server.baseURL, fx, users, acts, CONNECTIONS, SECONDS);
  const seconds = (performance.now() - wall) / 1000;
  clearInterval(sampler);
  const load1 = os.loadavg()[0];
  const tree = processTree(server.pid);
  const cpu = sum(tree.map(cpuSeconds)) - cpu0;
  const hwm = tree.map((p) => procStatus(p, "VmHWM"));
  const rssAnon = sum(tree.map((p) => procStatus(p, "RssAnon") || 0));
  const rssFile = sum(tree.map((p) => procStatus(p, "RssFile") || 0));
  const benchCpu = process.cpuUsage(benchCpu0);

  console.log(`\nResults: ${fmt(ROWS)} ads, ${CONNECTIONS} users, ${fmt(result.duration, 1)} s`);
  const { all, errors } = report(result.duration, stats);
  console.log(`  latency: per request, from writing it to the last byte of the answer (autocannon's timing), 2xx answers only; KB: mean answer size`);
  if (orphans) console.log(`  ${orphans} requests were in flight on a connection that closed at the end without an answer`);
  console.log(
    `  autocannon's own totals: ${fmt(result.requests.total)} responses, ${fmt(result.requests.average, 1)} req/s, latency p50 ${fmt(result.latency.p50)} / p99 ${fmt(result.latency.p99)} / max ${fmt(result.latency.max)} ms; errors ${result.errors} (timeouts ${result.timeouts}), non-2xx ${result.non2xx}`,
  );

  slowestViews({ viewTimes, deepPages }, fx.views.length);

  console.log(`\nServer (npm start, pid ${server.pid}${tree.length > 1 ? ` + ${tree.length - 1} child process(es)` : ""})`);
  console.log(
    `  peak RSS (VmHWM): ${tree.map((p, k) => `${fmt(hwm[k])} MB${tree.length > 1 ? ` (pid ${p})` : ""}`).join(", ")}; highest RSS sampled during the run ${fmt(peakRss)} MB; at the end ${fmt(rssAnon)} MB anonymous (heap) + ${fmt(rssFile)} MB file-backed (the mmap'd database, code)`,
  );
  console.log(
    `  CPU during the run: ${fmt(cpu, 1)} s in ${fmt(seconds, 1)} s = ${fmt((100 * cpu) / seconds)}% of one core (machine: ${os.cpus().length} cores, load average ${fmt(load1, 1)}); load generator ${fmt((100 * (benchCpu.user + benchCpu.system)) / 1e6 / seconds)}% of one core`,
  );
  const runLog = serverLog.slice(logBefore);
  console.log(`  server stderr during the run: ${runLog.length} lines`);
  const distinct = new Map<string, number>();
  for (const l of runLog) {
    let key = l;
    try {
      const j = JSON.parse(l) as { level?: string; message?: string; error?: { message?: string } };
      key = `${j.level}: ${j.message}${j.error?.message ? ` — ${j.error.message}` : ""}`;
    } catch {
      // not JSON
    }
    bump(distinct, key.slice(0, 200));
  }
  for (const [k, v] of [...distinct].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ×${v} ${k}`);

  const tableTimes = (st: Map<Kind, Stat>) => TABLE_KINDS.flatMap((k) => st.get(k)!.times);
  const tableP95 = percentile(tableTimes(stats), 95);
  console.log(`\nGoals`);
  console.log(`  errors (non-2xx + timeouts + lost + body-level): ${fmt(errors)} — goal 0 ${errors === 0 ? "✓" : "✗"}`);
  console.log(`  table pages p95 (full loads and clicks): ${fmt(tableP95, 1)} ms — goal ≤ ${GOAL_TABLE_P95} ms ${tableP95 <= GOAL_TABLE_P95 ? "✓" : "✗"}`);
  console.log(`  (overall ${fmt(all.times.length / result.duration, 1)} req/s, p95 ${fmt(percentile(all.times, 95), 1)} ms)`);
  for (const f of floors) console.log(`  table pages p95 / ${f.label} p95 under the same load: ${fmt(tableP95 / f.p95, 2)}× (${fmt(f.p95, 1)} ms)`);

  // The same users, paced: what they see when each clicks about once a second rather than all
  // firing as fast as the server answers (the run above: a stress test of throughput).
  if (USER_RATE > 0) {
    console.log(
      `\nPaced: ${CONNECTIONS} users, each clicking on average ${USER_RATE} time(s) a second (random think time, never before the last answer), ${SECONDS} s, the same mix…`,
    );
    await resync(users, performance.now());
    const paced = await pacedRun(server.baseURL, fx, users, acts, SECONDS, USER_RATE);
    const r = report(SECONDS, paced.stats);
    slowestViews(paced, fx.views.length);
    const p95 = percentile(tableTimes(paced.stats), 95);
    console.log(
      `  paced: errors ${fmt(r.errors)} — goal 0 ${r.errors === 0 ? "✓" : "✗"}; table pages p95 (full loads and clicks) ${fmt(p95, 1)} ms — goal ≤ ${GOAL_TABLE_P95} ms ${p95 <= GOAL_TABLE_P95 ? "✓" : "✗"}`,
    );
  }
} catch (e) {
  exitCode = 1;
  console.error(e);
  if (serverLog.length) console.error(`server stderr (last lines):\n${serverLog.slice(-20).join("\n")}`);
} finally {
  await server.stop();
  // Leave the data set as the run found it: the load tag off every connection's ad.
  const cleanup = createDb(sqliteUrl);
  try {
    const admin = await cleanup.user.findUniqueOrThrow({ where: { email: BENCH_ADMIN.email } });
    await setTags({ ids: fx.tagAds }, [fx.tagId], "remove", admin, "BULK", cleanup);
  } finally {
    await cleanup.$disconnect();
  }
}
process.exit(exitCode);
