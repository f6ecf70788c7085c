// Every page for screen readers, keyboards and a laptop screen: axe-core (WCAG 2.1 A/AA) on every
// page — signed out, as a recruiter and as an admin, empty and filled, with dialogs and menus open —
// failing on any serious or critical violation and listing the moderate and minor ones; no page
// scrolls sideways at 1280, 1440 or 1920 px with realistic data (the real sample, a candidate
// with a long email, a board with cards in every stage), with a screenshot of each at 1280 px;
// and the ads and candidates tables' search box, first row and pager within a few key presses.
// This file runs first (the e2e database is fresh: the empty states are seen before the filled ones).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { findServerAction, postServerAction } from "../support/server-actions";
import { createUserViaUi, signIn, signInAsAdmin, uniqueEmail } from "./helpers";

test.describe.configure({ mode: "serial" });

const WIDTHS = [1280, 1440, 1920];
const seen: { state: string; moderate: string[] }[] = [];

/** axe on what is on screen now; serious and critical violations fail, the rest are listed. */
async function audit(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const describe = (v: (typeof results.violations)[number]) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map(describe);
  const minor = results.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical").map(describe);
  if (minor.length) seen.push({ state, moderate: minor });
  expect(bad, `axe: serious or critical violations on ${state}`).toEqual([]);
}

/** No sideways scrolling at any of the widths; a screenshot at 1280 px for a person to look at. */
async function fits(page: Page, state: string, info: TestInfo) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(100);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, `${state} at ${width} px scrolls sideways`).toBeLessThanOrEqual(client);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  const file = info.outputPath(`${state.replace(/[^\w]+/g, "-").replace(/^-|-$/g, "")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(state, { path: file, contentType: "image/png" });
}

async function check(page: Page, state: string, info: TestInfo, opts: { layout?: boolean } = {}) {
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  await audit(page, state);
  if (opts.layout !== false) await fits(page, state, info);
}

async function visit(page: Page, path: string, state: string, info: TestInfo) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await check(page, state, info);
}

const action = (page: Page, name: string, args: unknown) => postServerAction(page.request, findServerAction(name), [args]);

test.afterAll(() => {
  // The moderate and minor findings, for a person to read (they do not fail the run).
  for (const s of seen) console.log(`axe (moderate/minor) on ${s.state}:\n  ${s.moderate.join("\n  ")}`);
});

test("signed out: the sign-in page, with and without an error", async ({ page }, info) => {
  await visit(page, "/login", "sign-in", info);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toBeVisible();
  await check(page, "sign-in with an error", info);
});

test("admin, empty: the dashboard before any application, an ad without tags, a search with no result", async ({ page }, info) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("region", { name: "Get started" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Get started" }).getByRole("link", { name: "Imports" })).toBeVisible();
  await check(page, "dashboard, empty", info);
  await visit(page, "/ads?q=zzqqxxnothing", "ads, no match", info);
  await expect(page.getByText("No ads match.")).toBeVisible();
  await visit(page, "/candidates", "candidates, none yet", info);
});

test("admin, filled: every page, with dialogs and menus open", async ({ page }, info) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);
  // Realistic data: a candidate with a long email, and seven on one role, one in every stage.
  const s = Date.now().toString(36);
  const long = await action(page, "createCandidateAction", {
    fields: {
      name: "Maximiliana Featherstonehaugh-Worthington",
      email: `maximiliana.featherstonehaugh-worthington.${s}@a-very-long-agency-domain-name.example.co.uk`,
      phone: "+44 (0)20 7946 0958",
      location: "Newcastle upon Tyne",
      currentTitle: "Senior Clinical Nurse Specialist (Tissue Viability)",
      source: "Referral",
      cvText: "Tissue viability lead.\n\nTen years on surgical wards.",
      cvFileName: "",
    },
    confirmDuplicate: true,
  });
  const longId = Number(/"id":(\d+)/.exec(long.body)![1]);
  await page.goto("/ads?perPage=10&sort=title");
  const first = page.getByRole("table").locator("a[data-row-link]").first();
  const adId = Number((await first.getAttribute("href"))!.split("/").pop());
  const stages = ["Applied", "Screening", "Interview", "Offer", "Hired", "Rejected", "Withdrawn"];
  const names = stages.map((st) => `${st} Person ${s}`);
  for (const name of names) {
    const made = await action(page, "createCandidateAction", {
      fields: { name, email: uniqueEmail("stage"), phone: "", location: "Leeds", currentTitle: "Staff Nurse", source: "", cvText: "", cvFileName: "" },
      confirmDuplicate: true,
    });
    const candidateId = Number(/"id":(\d+)/.exec(made.body)![1]);
    expect((await action(page, "createApplicationAction", { candidateId, adId })).body).toContain('"ok":true');
  }
  await action(page, "createApplicationAction", { candidateId: longId, adId });
  await page.goto(`/ads/${adId}/pipeline`);
  for (const [i, stage] of stages.entries()) {
    if (stage === "Applied") continue;
    await page.getByRole("button", { name: `Move ${names[i]}` }).click();
    await page.getByRole("menuitem", { name: stage }).click();
    if (stage === "Rejected") {
      const dialog = page.getByRole("dialog", { name: `Reject ${names[i]}` });
      await dialog.getByLabel("Reason").selectOption("Position filled");
      await check(page, "board, reject dialog open", info, { layout: false });
      await dialog.getByRole("button", { name: "Reject" }).click();
    }
    await expect(page.getByRole("region", { name: new RegExp(`^${stage}`) }).getByRole("link", { name: names[i] })).toBeVisible();
  }
  await check(page, "pipeline board, a card in every stage", info);
  await page.getByRole("button", { name: `Move ${names[0]}` }).click();
  await check(page, "board, move menu open", info, { layout: false });
  await page.keyboard.press("Escape");

  await visit(page, "/", "dashboard, filled", info);
  await visit(page, "/ads", "ads", info);
  await page.goto("/ads?q=engineer&status=open");
  await page.getByRole("group", { name: "Category" }).getByRole("checkbox", { name: "Engineering", exact: true }).check();
  await expect(page).toHaveURL(/category=/);
  await check(page, "ads, search and filters", info);
  await page.getByRole("button", { name: "Columns" }).click();
  await check(page, "ads, column menu open", info, { layout: false });
  await page.keyboard.press("Escape");
  await page.getByRole("checkbox", { name: "Select all ads on this page" }).check();
  await page
    .getByRole("region", { name: "Bulk actions" })
    .getByRole("button", { name: /^Tag for the selected ads/ })
    .click();
  await check(page, "ads, bulk bar with the tag picker open", info, { layout: false });
  await page.keyboard.press("Escape");
  // Someone whose CV repeats the ad's text (its title may be only "****"), so the ad's best
  // candidates are never empty here.
  await page.goto(`/ads/${adId}`);
  const adText = (await page.getByRole("main").innerText()).slice(0, 5000);
  await action(page, "createCandidateAction", {
    fields: { name: `Match Person ${s}`, email: uniqueEmail("match"), phone: "", location: "Leeds", currentTitle: "", source: "", cvText: adText, cvFileName: "" },
    confirmDuplicate: true,
  });
  await visit(page, `/ads/${adId}`, "ad page", info);
  // Matching (issue 19): the ad's best candidates with one match's reasons open.
  await expect(page.getByRole("heading", { name: "Best candidates" })).toBeVisible();
  await page
    .getByRole("list", { name: "Best candidates" })
    .getByText(/^Why \d+\?$/)
    .first()
    .click();
  await check(page, "ad page, a best candidate's reasons open", info, { layout: false });
  await page.getByRole("button", { name: "Tags on this ad: Add a tag…" }).click();
  await check(page, "ad page, tag picker open", info, { layout: false });
  await page.keyboard.press("Escape");
  await visit(page, `/ads/${adId}/edit`, "ad edit", info);
  await visit(page, `/ads/${adId}/history`, "ad history", info);
  // Near-duplicates: an ad with its copies and the "Not a duplicate" dialog, the duplicate filters, the admin page.
  await page.goto(`/ads?q=${encodeURIComponent('"Live in Care Worker Jobs Coventry"')}`);
  await page.getByRole("table").getByRole("link", { name: "Live in Care Worker Jobs Coventry" }).first().click();
  await expect(page.getByRole("heading", { name: /^Also advertised as/ })).toBeVisible();
  await check(page, "ad page with its copies", info);
  await page
    .getByRole("button", { name: /^Not a duplicate: / })
    .first()
    .click();
  await check(page, "ad page, not-a-duplicate dialog", info, { layout: false });
  await page.keyboard.press("Escape");
  await visit(page, "/ads?dups=one,has", "ads, duplicate filters", info);
  await visit(page, "/admin/duplicates", "duplicate ads (admin)", info);
  await page.goto(`/ads/${adId}/pipeline`);
  await page.getByRole("link", { name: names[3] }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(names[3]) })).toBeVisible();
  await check(page, "application", info);
  await visit(page, "/candidates", "candidates", info);
  await visit(page, "/candidates?q=nurse", "candidates, search", info);
  await visit(page, `/candidates/${longId}`, "candidate with a long email", info);
  await expect(page.getByRole("heading", { name: "Matching roles" })).toBeVisible();
  await visit(page, `/candidates/${longId}/edit`, "candidate edit", info);
  await visit(page, "/candidates/new", "new candidate", info);
  await visit(page, "/imports", "imports", info);
  await page.getByRole("table").getByRole("link").first().click();
  await page.waitForLoadState("networkidle");
  await check(page, "an import's report", info);
  await visit(page, "/tags", "tags", info);
  await page.getByRole("button", { name: "New tag" }).click();
  await check(page, "tags, new tag dialog", info, { layout: false });
  await page.keyboard.press("Escape");
  await visit(page, "/admin/users", "users", info);
  await page.getByRole("button", { name: "New user" }).click();
  await check(page, "users, new user dialog", info, { layout: false });
  await page.keyboard.press("Escape");
  await visit(page, "/admin/stages", "stages", info);
  await visit(page, "/admin/salary-model", "salary model, none trained yet", info);
  await visit(page, "/salaries?title=nurse", "salary insights, a title search", info);
  await page.getByRole("button", { name: /^User menu for/ }).click();
  await check(page, "user menu open", info, { layout: false });
  await page.keyboard.press("Escape");
  await visit(page, "/ads/999999999", "not found", info);
});

test("recruiter: dashboard, ads, an ad and a refused page", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const user = { email: uniqueEmail("a11y"), name: "Ada Access", role: "Recruiter" as const, password: "a11y-pass-1234" };
  await createUserViaUi(page, user);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const r = await ctx.newPage();
  await signIn(r, user.email, user.password);
  await expect(r.getByRole("heading", { name: "Welcome, Ada Access" })).toBeVisible();
  await check(r, "recruiter dashboard", info);
  await visit(r, "/ads", "recruiter ads", info);
  const href = await r.getByRole("table").locator("a[data-row-link]").first().getAttribute("href");
  await visit(r, href!, "recruiter ad page", info);
  await r.goto("/admin/users");
  await check(r, "recruiter refused", info);
  await ctx.close();
});

/** Key presses (Tab, then Enter on a skip link) from the top of the page until `target` has focus. */
async function pressesTo(page: Page, path: string, skipLink: string, target: string): Promise<number> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: skipLink })).toBeAttached(); // the page's skip links are in place
  for (let tabs = 1; tabs <= 20; tabs++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, target)) return tabs;
    if (focused === skipLink) {
      await page.keyboard.press("Enter");
      expect(await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, target), `${skipLink} moves focus`).toBe(true);
      return tabs + 1;
    }
  }
  return Infinity;
}

test("keyboard: the search box, the first row and the pager are a few presses from the top", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  // Enough candidates for a second page of ten.
  for (let i = 0; i < 11; i++) {
    await action(page, "createCandidateAction", {
      fields: { name: `Keyboard Person ${i}`, email: uniqueEmail("kbd"), phone: "", location: "", currentTitle: "", source: "", cvText: "", cvFileName: "" },
      confirmDuplicate: true,
    });
  }
  for (const [path, prefix] of [
    ["/ads", "ads"],
    ["/candidates?perPage=10", "candidates"],
  ] as const) {
    const counts = {
      search: await pressesTo(page, path, "Skip to search", `#${prefix}-search`),
      firstRow: await pressesTo(page, path, "Skip to the results", `#${prefix}-results [data-row-link]`),
      pager: await pressesTo(page, path, "Skip to the pages", `#${prefix}-pages button`),
    };
    console.log(`key presses on ${path}: ${JSON.stringify(counts)}`);
    for (const [what, n] of Object.entries(counts)) expect(n, `${path}: ${what}`).toBeLessThan(10);
  }
});
