// The outside security review's findings, probed as the reviewer did: real HTTP requests against the
// production build. Each of these failed before the fixes (see the closing note of the issue).
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { docxBomb, pdfBomb, slowDocx } from "../support/documents";
import { findServerAction, postServerAction } from "../support/server-actions";
import { E2E } from "./e2e-config";
import { createUserViaUi, signIn, signInAsAdmin, uniqueEmail } from "./helpers";

const SMALLER = "save it as a smaller PDF or paste the text";

async function newRecruiter(page: Page, browser: import("@playwright/test").Browser, name = "Rory Review") {
  await signInAsAdmin(page);
  const user = { email: uniqueEmail("review"), name, role: "Recruiter" as const, password: "review-pass-123" };
  await createUserViaUi(page, user);
  const ctx = await browser.newContext();
  const rpage = await ctx.newPage();
  await signIn(rpage, user.email, user.password);
  await expect(rpage.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  return { user, ctx, rpage };
}

const uploadCv = (req: APIRequestContext, name: string, bytes: Uint8Array) =>
  req.post("/api/candidates/cv", { multipart: { file: { name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) } }, timeout: 60_000 });

test("CV bombs are refused with a clear message while the server keeps answering within 200 ms", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const probe = await playwright.request.newContext({ baseURL: E2E.baseURL });
  // Within every size limit, but far too much work: stopped by the worker's memory or time limit.
  const slow = await slowDocx();
  const bombs: [string, Uint8Array][] = [
    ["bomb.docx", await docxBomb()],
    ["bomb.pdf", pdfBomb()],
    ["huge.docx", slow],
    ["bomb-2.docx", await docxBomb()],
  ];
  // The same probe first with nothing else going on: the goal is 200 ms, and on a machine that is
  // busy with other work the bar is twice what the server needs there anyway.
  const timeHealth = async () => {
    const t = performance.now();
    const res = await probe.get("/api/health");
    expect(res.status()).toBe(200);
    return performance.now() - t;
  };
  const quiet: number[] = [];
  for (let i = 0; i < 20; i++) quiet.push(await timeHealth());
  const bar = Math.max(200, 2 * Math.max(...quiet));
  let probing = true;
  const latencies: number[] = [];
  const prober = (async () => {
    while (probing) {
      latencies.push(await timeHealth());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const answers = await Promise.all(bombs.map(async ([name, bytes]) => ({ name, res: await uploadCv(page.request, name, bytes) })));
  probing = false;
  await prober;
  for (const { name, res } of answers) {
    expect(res.status(), name).toBe(400);
    expect((await res.json()).error, name).toMatch(new RegExp(`^${name.replace(".", "\\.")}: .* — ${SMALLER}$`));
  }
  expect(latencies.length).toBeGreaterThan(10);
  expect(Math.max(...latencies), `health answered in ${latencies.map(Math.round).join(", ")} ms (quiet: ${quiet.map(Math.round).join(", ")} ms)`).toBeLessThan(bar);
  // The reader still reads a real CV afterwards.
  const good = await uploadCv(page.request, "cv.txt", new TextEncoder().encode("Jo Bloggs\nStaff Nurse"));
  expect(await good.json()).toEqual({ text: "Jo Bloggs\nStaff Nurse", fileName: "cv.txt" });
  await probe.dispose();
});

test("after sign-in the browser goes only to this app's own pages", async ({ page, browser }) => {
  const attacks = [
    "//evil.example/x",
    "/\\evil.example/phish",
    "/\t/evil.example",
    "%2F%2Fevil.example",
    "%5C%5Cevil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "data:text/html,hi",
  ];
  // Signed in already: the sign-in page redirects at once.
  await signInAsAdmin(page);
  for (const attack of attacks) {
    const res = await page.request.get(`/login?callbackUrl=${encodeURIComponent(attack)}`, { maxRedirects: 0 });
    expect(res.status(), attack).toBe(307);
    const to = new URL(res.headers()["location"], E2E.baseURL);
    expect(to.origin, attack).toBe(E2E.baseURL);
    expect(to.pathname.startsWith("//"), attack).toBe(false);
  }
  const deep = await page.request.get(`/login?callbackUrl=${encodeURIComponent("/ads?q=nurse")}`, { maxRedirects: 0 });
  expect(new URL(deep.headers()["location"], E2E.baseURL).toString()).toBe(`${E2E.baseURL}/ads?q=nurse`);

  // Signing in from a poisoned link lands on the home page; a real deep link still works.
  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto(`/login?callbackUrl=${encodeURIComponent("/\\evil.example/phish")}`);
  await fresh.getByLabel("Email").fill(E2E.admin.email);
  await fresh.getByLabel("Password").fill(E2E.admin.password);
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.getByRole("heading", { name: `Welcome, ${E2E.admin.name}` })).toBeVisible();
  expect(new URL(fresh.url()).origin).toBe(E2E.baseURL);
  await ctx.close();
});

test("the per-address sign-in limit counts the connection, not a forged X-Forwarded-For", async () => {
  // From another loopback address, so this test's block does not touch the other tests' sign-ins.
  const base = E2E.baseURL.replace("localhost", "127.0.0.2");
  const req = await playwrightRequest.newContext({ baseURL: base });
  const outcomes: string[] = [];
  for (let i = 0; i < 24; i++) {
    const { csrfToken } = await (await req.get("/api/auth/csrf")).json();
    const res = await req.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: uniqueEmail(`spoof${i}`), password: "wrong-password", json: "true" },
      headers: { "X-Forwarded-For": `198.51.100.${i + 1}`, "X-Rd-Socket-Address": `203.0.113.${i + 1}` },
      maxRedirects: 0,
    });
    const body = await res.text();
    const url = /"url":"([^"]+)"/.exec(body)?.[1] ?? res.headers()["location"] ?? "";
    outcomes.push(decodeURIComponent(new URL(url, base).searchParams.get("error") ?? "").replace(/\+/g, " "));
  }
  const perAddress = E2E.signInMaxAttempts * 4;
  expect(outcomes.slice(0, perAddress).every((o) => o === "CredentialsSignin")).toBe(true);
  expect(outcomes.slice(perAddress)).toEqual(outcomes.slice(perAddress).map(() => expect.stringMatching(/^Too many sign-in attempts\. Try again in \d+ s\.$/)));
  await req.dispose();
});

test("a signed-out session cookie is dead, and 'Sign out everywhere' ends the user's other sessions", async ({ page, browser }) => {
  const { user, ctx, rpage } = await newRecruiter(page, browser, "Sid Session");
  const copied = await ctx.storageState(); // what a thief would have copied
  await rpage.getByRole("button", { name: /^User menu for/ }).click();
  await rpage.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(rpage).toHaveURL(/\/login/);

  const replay = await browser.newContext({ storageState: copied });
  const api = await replay.request.get("/api/companies?q=ac");
  expect(api.status()).toBe(401);
  const action = await postServerAction(replay.request, findServerAction("createTagAction"), [{ name: "replayed", color: "blue" }]);
  expect(action.body).toContain("Your session has ended. Sign in again.");
  const replayPage = await replay.newPage();
  await replayPage.goto("/ads");
  await expect(replayPage).toHaveURL(/\/login/);
  await replay.close();

  // Two devices; "Sign out everywhere" on one signs out both.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await signIn(rpage, user.email, user.password);
  await expect(rpage.getByRole("heading", { name: "Welcome, Sid Session" })).toBeVisible();
  await expect(otherPage.getByRole("heading", { name: "Welcome, Sid Session" })).toBeVisible();
  await rpage.getByRole("button", { name: /^User menu for/ }).click();
  await rpage.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await expect(rpage).toHaveURL(/\/login/);
  await otherPage.goto("/ads");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
  await ctx.close();
});

test("30 uploads into one draft at once store exactly 20", async ({ page }) => {
  await signInAsAdmin(page);
  const created = await postServerAction(page.request, findServerAction("createImportDraftAction"), [{}]);
  const importId = /"importId":"([^"]+)"/.exec(created.body)![1];
  const csv = "Id,Title,FullDescription\n90000001,Nurse,Caring\n";
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => page.request.put(`/api/imports/${importId}/files?name=part-${i}.csv`, { data: csv })));
  const statuses = answers.map((r) => r.status());
  expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  const refused = await Promise.all(answers.filter((r) => r.status() !== 200).map(async (r) => (await r.json()).error));
  expect(new Set(refused)).toEqual(new Set(["An import takes at most 20 files."]));
  const draft = await (await page.request.get(`/api/imports/${importId}`)).json();
  expect(draft.files).toHaveLength(20);
});

test("look-ups treat % and _ as text, and an erased candidate's application cannot be changed", async ({ page }) => {
  await signInAsAdmin(page);
  const companies = await (await page.request.get(`/api/companies?q=${encodeURIComponent("%ltd")}`)).json();
  expect(companies).toEqual([]);
  const email = uniqueEmail("erased");
  const created = await postServerAction(page.request, findServerAction("createCandidateAction"), [
    { fields: { name: "Erin Erased", email, phone: "", location: "", currentTitle: "Nurse", source: "", cvText: "", cvFileName: "" }, confirmDuplicate: false },
  ]);
  const candidateId = Number(/"id":(\d+)/.exec(created.body)![1]);
  expect(await (await page.request.get(`/api/candidates/search?q=${encodeURIComponent("%@%")}`)).json()).toEqual([]);
  const found = await (await page.request.get(`/api/candidates/search?q=${encodeURIComponent(email.slice(0, email.indexOf("@") + 1))}`)).json();
  expect(found.map((c: { id: number }) => c.id)).toContain(candidateId);

  const adId: number = (await (await page.request.get("/api/ads/search?q=nurse")).json())[0].id;
  const applied = await postServerAction(page.request, findServerAction("createApplicationAction"), [{ candidateId, adId }]);
  const applicationId = Number(/"id":(\d+)/.exec(applied.body)![1]);
  await postServerAction(page.request, findServerAction("eraseCandidateAction"), [{ id: candidateId }]);
  const ERASED = "The candidate was erased: this application is kept for statistics only and can no longer be changed.";
  const rated = await postServerAction(page.request, findServerAction("setRatingAction"), [{ id: applicationId, rating: 5 }]);
  expect(rated.body).toContain(ERASED);
  const noted = await postServerAction(page.request, findServerAction("addNoteAction"), [{ id: applicationId, body: "lives at 1 High Street" }]);
  expect(noted.body).toContain(ERASED);
  await page.goto(`/applications/${applicationId}`);
  await expect(page.getByText("Not rated")).toBeVisible();
  await expect(page.getByText("lives at 1 High Street")).toHaveCount(0);
});
