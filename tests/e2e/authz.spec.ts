// The authorisation matrix. Every server action (from the build's server-reference manifest and
// from every "use server" file) and every route handler (every app/**/route.ts and the methods it
// exports) is called as nobody, as a recruiter and as an admin, and must answer as the permission
// table says. A new action or route without an entry here fails the test.
//
// Actions are sent an argument no schema accepts, so an allowed call stops at validation
// ("INVALID") and nothing changes: the answer still proves the caller got past authentication and
// authorisation, which come first.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { listServerActions, postServerAction } from "../support/server-actions";
import { createUserViaUi, signIn, signInAsAdmin, uniqueEmail } from "./helpers";

/** file#export → the permission it needs. */
const ACTIONS: Record<string, Permission> = {
  "lib/ads/actions.ts#saveColumnsAction": "ads:read",
  "lib/ads/actions.ts#saveViewAction": "views:manage",
  "lib/ads/actions.ts#deleteViewAction": "views:manage",
  "lib/ads/actions.ts#setTagsAction": "ads:tag",
  "lib/ads/actions.ts#setStatusAction": "ads:close",
  "lib/ads/actions.ts#updateAdAction": "ads:edit",
  "lib/ads/actions.ts#markNotDuplicateAction": "duplicates:manage",
  "lib/ads/actions.ts#closeCopiesAction": "duplicates:manage",
  "lib/ads/actions.ts#rebuildDuplicatesAction": "duplicates:manage",
  "lib/candidates/actions.ts#createCandidateAction": "candidates:write",
  "lib/candidates/actions.ts#updateCandidateAction": "candidates:write",
  "lib/candidates/actions.ts#setCandidateTagsAction": "candidates:write",
  "lib/candidates/actions.ts#mergeCandidatesAction": "candidates:merge",
  "lib/candidates/actions.ts#eraseCandidateAction": "candidates:erase",
  "lib/import/actions.ts#createImportDraftAction": "imports:create",
  "lib/import/actions.ts#startImportAction": "imports:create",
  "lib/import/actions.ts#discardImportAction": "imports:create",
  "lib/import/actions.ts#cancelImportAction": "imports:create",
  "lib/import/actions.ts#revertImportAction": "imports:revert",
  "lib/pipeline/actions.ts#createApplicationAction": "applications:write",
  "lib/pipeline/actions.ts#moveApplicationAction": "applications:write",
  "lib/pipeline/actions.ts#setRatingAction": "applications:write",
  "lib/pipeline/actions.ts#addNoteAction": "applications:write",
  "lib/pipeline/actions.ts#renameStageAction": "stages:manage",
  "lib/pipeline/actions.ts#reorderStagesAction": "stages:manage",
  "lib/tags/actions.ts#createTagAction": "tags:manage",
  "lib/tags/actions.ts#updateTagAction": "tags:manage",
  "lib/tags/actions.ts#mergeTagsAction": "tags:manage",
  "lib/tags/actions.ts#deleteTagAction": "tags:manage",
  "lib/salary-estimates/actions.ts#retrainSalaryModelAction": "salary:train",
  "lib/salary-estimates/actions.ts#salaryTrainingStatusAction": "salary:train",
  "lib/users/actions.ts#createUserAction": "users:manage",
  "lib/users/actions.ts#changeRoleAction": "users:manage",
  "lib/users/actions.ts#setActiveAction": "users:manage",
  "lib/users/actions.ts#resetPasswordAction": "users:manage",
  "lib/auth/actions.ts#signOutEverywhereAction": "account:sessions",
};

/** "METHOD /path/[param]" → the permission it needs, or public. */
const ROUTES: Record<string, Permission | "public"> = {
  "GET /api/health": "public",
  "GET /api/health/ready": "public",
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/ads/export": "ads:export",
  "GET /api/ads/search": "ads:read",
  "GET /api/companies": "ads:read",
  "GET /api/locations": "ads:read",
  "GET /api/candidates/search": "candidates:read",
  "POST /api/candidates/cv": "candidates:write",
  "GET /api/candidates/[id]/export": "candidates:export",
  "GET /api/candidates/[id]/matches": "candidates:read",
  "GET /api/ads/[id]/matches": "candidates:read",
  "GET /api/imports/[id]": "imports:create",
  "GET /api/imports/[id]/report": "imports:create",
  "PUT /api/imports/[id]/files": "imports:create",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every exported function of every "use server" module in the sources. */
function sourceActions(): string[] {
  return walk("lib")
    .concat(walk("app"))
    .filter((f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/.test(readFileSync(f, "utf8")))
    .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/export (?:const|async function|function) (\w+)/g)].map((m) => `${f.split(path.sep).join("/")}#${m[1]}`));
}

/** Every route handler: "METHOD /api/…" from app/**\/route.ts and the methods it exports. */
function sourceRoutes(): string[] {
  return walk("app")
    .filter((f) => /[/\\]route\.tsx?$/.test(f))
    .flatMap((f) => {
      const text = readFileSync(f, "utf8");
      const route =
        "/" +
        path
          .dirname(path.relative("app", f))
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/");
      const named = METHODS.filter((m) => new RegExp(`export (?:const|async function|function) ${m}\\b`).test(text));
      // `export { handler as GET, handler as POST }` (next-auth)
      const reexported = [...text.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => METHODS.filter((x) => new RegExp(`as ${x}\\b`).test(m[1])));
      return [...new Set([...named, ...reexported])].map((m) => `${m} ${route}`);
    });
}

test("every server action and route handler has an entry in the matrix", () => {
  const built = listServerActions().map((a) => `${a.file}#${a.name}`);
  const source = sourceActions();
  expect(built.length).toBeGreaterThan(20);
  expect(
    [...new Set([...built, ...source])].filter((k) => !(k in ACTIONS)),
    "actions without an entry in tests/e2e/authz.spec.ts",
  ).toEqual([]);
  expect(
    Object.keys(ACTIONS).filter((k) => !source.includes(k)),
    "entries for actions that no longer exist",
  ).toEqual([]);
  const routes = sourceRoutes();
  expect(
    routes.filter((r) => !(r in ROUTES)),
    "routes without an entry in tests/e2e/authz.spec.ts",
  ).toEqual([]);
  expect(
    Object.keys(ROUTES).filter((r) => !routes.includes(r)),
    "entries for routes that no longer exist",
  ).toEqual([]);
});

type Caller = { name: string; role: Role | null; request: APIRequestContext };

async function callers(browser: import("@playwright/test").Browser, page: import("@playwright/test").Page, baseURL: string): Promise<Caller[]> {
  await signInAsAdmin(page);
  const email = uniqueEmail("authz");
  await createUserViaUi(page, { email, name: "Matrix Recruiter", role: "Recruiter", password: "matrix-recruiter-1" });
  const rctx = await browser.newContext({ baseURL });
  const rpage = await rctx.newPage();
  await signIn(rpage, email, "matrix-recruiter-1");
  await expect(rpage.getByRole("heading", { name: "Welcome, Matrix Recruiter" })).toBeVisible();
  const anon = await browser.newContext({ baseURL });
  // Forged credentials must get exactly what nobody gets: a session cookie the server did not
  // sign, and a Bearer header that is not even valid percent-encoding.
  const forgedCookie = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..Zm9yZ2Vk.Zm9yZ2Vk.Zm9yZ2Vk" },
  });
  const badBearer = await browser.newContext({ baseURL, extraHTTPHeaders: { Authorization: "Bearer %E0%A4%A" } });
  return [
    { name: "anonymous", role: null, request: anon.request },
    { name: "forged session cookie", role: null, request: forgedCookie.request },
    { name: "malformed Bearer header", role: null, request: badBearer.request },
    { name: "recruiter", role: "RECRUITER", request: rpage.request },
    { name: "admin", role: "ADMIN", request: page.request },
  ];
}

test("server actions answer each role as the permission table says", async ({ browser, page, baseURL }) => {
  const who = await callers(browser, page, baseURL!);
  const actions = listServerActions();
  const seen: string[] = [];
  for (const action of actions) {
    const permission = ACTIONS[`${action.file}#${action.name}`];
    for (const c of who) {
      const { status, body } = await postServerAction(c.request, action, ["authz-probe"]);
      const label = `${c.name} → ${action.file}#${action.name}`;
      if (!c.role) {
        // The proxy sends sessionless requests to sign-in before any action code runs.
        expect([303, 307, 308], label).toContain(status);
      } else if (!can(c.role, permission)) {
        expect(body, label).toContain("You do not have permission to do that.");
      } else {
        expect(body, label).toContain(`"code":"INVALID"`);
      }
      seen.push(label);
    }
  }
  expect(seen.length).toBe(actions.length * who.length);
});

test("route handlers answer each role as the permission table says", async ({ browser, page, baseURL }) => {
  const who = await callers(browser, page, baseURL!);
  for (const [key, permission] of Object.entries(ROUTES)) {
    const [method, route] = key.split(" ");
    if (route.startsWith("/api/auth")) continue; // next-auth's own endpoints (sign-in is tested in auth.spec.ts)
    const url = route.replace("[id]", "999999999");
    for (const c of who) {
      const res = await c.request.fetch(url, { method, data: method === "GET" ? undefined : "authz-probe", maxRedirects: 0 });
      const label = `${c.name} → ${key}`;
      if (permission === "public") expect(res.status(), label).toBe(200);
      else if (!c.role) expect(res.status(), label).toBe(401);
      else if (!can(c.role, permission)) expect(res.status(), label).toBe(403);
      else expect([200, 400, 404, 409, 413], label).toContain(res.status());
    }
  }
});
