import "server-only";
// What the dashboard page shows, read in one call: the page renders, this decides (which funnel
// scope stands, what a scope naming nothing falls back to, whether there is anything to show).
import { getDb, type Db } from "@/lib/db/client";
import { funnelScopeValue, parseFunnelScope, parseStuckDays, type FunnelScope } from "./params";
import { countAds, countApplicationsByWeek, countOpenRoles, findStuckApplications, getDashboardHeadline, getFunnel, listFunnelScopes } from "./stats";

type UrlParams = Record<string, string | string[] | undefined>;

/** For roles that may not read candidates: the open roles only. */
export async function loadOpenRoles(db: Db = getDb()): Promise<number> {
  return countOpenRoles(db);
}

/** Everything on the full dashboard for the URL's funnel scope and stuck-days choice. */
export async function loadDashboard(params: UrlParams, now: Date, db: Db = getDb()) {
  let scope: FunnelScope = parseFunnelScope(params.funnel);
  const stuckDays = parseStuckDays(params.stuck);
  const [headline, scopes, weeks, stuck, scopedFunnel] = await Promise.all([
    getDashboardHeadline(db, now),
    listFunnelScopes(db, scope),
    countApplicationsByWeek(db, now),
    findStuckApplications(db, stuckDays, now),
    getFunnel(db, scope),
  ]);
  // A scope naming no real role, category or source is ignored, like any other bad URL value.
  const options = [...scopes.roles, ...scopes.categories, ...scopes.sources];
  const chosen = options.find((o) => o.value === funnelScopeValue(scope)) ?? null;
  let funnel = scopedFunnel;
  if (scope.kind !== "all" && !chosen) {
    scope = { kind: "all" };
    funnel = await getFunnel(db, scope);
  }
  const empty = headline.totalApplications === 0;
  const ads = empty ? await countAds(db) : null;
  return { scope, chosen, stuckDays, headline, scopes, weeks, stuck, funnel, empty, ads };
}
