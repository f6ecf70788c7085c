// The ads workspace over the real sample (2,499 ads, imported when the e2e server starts).
// Expected counts are worked out from the CSV here, not taken from the app.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { findServerAction, postServerAction } from "../support/server-actions";
import { SAMPLE_CSV } from "../support/fixtures";
import { expectedCsv } from "../support/import-db";
import { createUserViaUi, signIn, signInAsAdmin, uniqueEmail } from "./helpers";

const sample = expectedCsv(SAMPLE_CSV);
const rows = sample.good.map((r) => r.fields);
const countWhere = (f: (r: Record<string, string>) => boolean) => rows.filter(f).length;
const fmt = (n: number) => n.toLocaleString("en-GB");

const summary = (page: Page) => page.getByTestId("result-summary");
const facet = (page: Page, group: string, option: string) => page.getByRole("group", { name: group }).getByRole("checkbox", { name: option, exact: true });

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: "Search ads" }).fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "(\\+|%20)")}`));
  // The URL moves first; the rows follow once the server has answered.
  await expect(summary(page)).toHaveText(/match/);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

test("search, filter, then reload: the URL keeps the whole state; arrow keys move between rows", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads");
  await search(page, "engineer");
  const unfiltered = await summary(page).innerText();
  await facet(page, "Category", "Engineering").check();
  await expect(page).toHaveURL(/category=engineering-jobs/);
  await expect(page.getByRole("button", { name: "Remove filter: Engineering" })).toBeVisible();
  await expect(summary(page)).not.toHaveText(unfiltered);
  await expect(summary(page)).toHaveText(/^[\d,]+ of [\d,]+ matching ads$/);
  const before = await summary(page).innerText();
  const firstTitle = await page.getByRole("table").getByRole("link").first().innerText();

  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search ads" })).toHaveValue("engineer");
  await expect(facet(page, "Category", "Engineering")).toBeChecked();
  await expect(summary(page)).toHaveText(before);
  await expect(page.getByRole("table").getByRole("link").first()).toHaveText(firstTitle);
  await expect(page.getByRole("button", { name: "Remove filter: Engineering" })).toBeVisible();

  // Back goes to the state before the category was ticked.
  await page.goBack();
  await expect(facet(page, "Category", "Engineering")).not.toBeChecked();
  await expect(summary(page)).toHaveText(unfiltered);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);

  // Keyboard: from one row's title, ArrowDown goes to the next row's.
  const links = page.getByRole("table").locator("a[data-row-link]");
  await links.nth(0).focus();
  await page.keyboard.press("ArrowDown");
  await expect(links.nth(1)).toBeFocused();
});

test("a page of 100 rows asks the server for nothing more until a row is opened", async ({ page }) => {
  // Next.js would prefetch every link in view: 100 ad pages per table view, each a server render.
  await signInAsAdmin(page);
  const adRequests: string[] = [];
  page.on("request", (r) => {
    if (/\/ads\/\d+/.test(new URL(r.url()).pathname)) adRequests.push(r.url());
  });
  await page.goto("/ads?perPage=100");
  await expect(page.getByRole("table").locator("a[data-row-link]")).toHaveCount(100);
  await page.getByRole("table").locator("a[data-row-link]").last().scrollIntoViewIfNeeded();
  await page.getByRole("table").locator("a[data-row-link]").nth(50).hover();
  await page.waitForLoadState("networkidle");
  expect(adRequests).toEqual([]);

  const link = page.getByRole("table").locator("a[data-row-link]").nth(50);
  const [title, href] = [await link.innerText(), await link.getAttribute("href")];
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // The click fetched that ad (the ad page's own few links may prefetch after it).
  expect(new URL(adRequests[0]).pathname).toBe(href);
});

test("clicks made before the server answers build on each other: sort twice, next page twice", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads");
  // (Other tests add ads as this one runs: the page count is not pinned.)
  await expect(page.getByRole("table", { name: /^Ads, page 1 of \d+$/ })).toBeVisible();
  // A slow server: every table update (an RSC request) takes a second to answer.
  await page.route(/\/ads(\?|$)/, async (route) => {
    if (route.request().headers()["rsc"]) await new Promise((r) => setTimeout(r, 1_000));
    await route.continue();
  });

  const loading = page.locator("[aria-busy=true]");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(loading).toHaveCount(1); // page 2 is on its way…
  await page.getByRole("button", { name: "Next page" }).click(); // …and this asks for page 3
  await expect(page).toHaveURL(/[?&]page=3(&|$)/);
  await expect(page.getByRole("table", { name: /^Ads, page 3 of \d+$/ })).toBeVisible();

  const title = page.getByRole("columnheader", { name: /^Title/ });
  await title.getByRole("button").click(); // A→Z
  await expect(loading).toHaveCount(1);
  await title.getByRole("button").click(); // Z→A, while A→Z is still loading
  await expect(page).toHaveURL(/[?&]sort=-title(&|$)/);
  await expect(title).toHaveAttribute("aria-sort", "descending");
  await expect(loading).toHaveCount(0);
  await expect(page.getByRole("table", { name: /^Ads, page 1 of \d+$/ })).toBeVisible();
  await expect(page.getByText(/^Page 1 of/)).toBeVisible();
  await page.unroute(/\/ads(\?|$)/);
});

test("facet counts reflect the other filters", async ({ page }) => {
  const permanent = countWhere((r) => r.ContractTime === "permanent");
  const permanentIt = countWhere((r) => r.ContractTime === "permanent" && r.Category === "IT Jobs");
  const it = countWhere((r) => r.Category === "IT Jobs");
  expect(permanentIt).toBeLessThan(permanent);
  await signInAsAdmin(page);
  await page.goto("/ads");
  await expect(facet(page, "Contract time", "Permanent")).toHaveAccessibleDescription(`${fmt(permanent)} ads`);
  await facet(page, "Category", "IT").check();
  await expect(summary(page)).toHaveText(`${fmt(it)} ads`);
  await expect(facet(page, "Contract time", "Permanent")).toHaveAccessibleDescription(`${fmt(permanentIt)} ads`);
  // A facet's own options still show what choosing them would give.
  await expect(facet(page, "Category", "Engineering")).toHaveAccessibleDescription(`${fmt(countWhere((r) => r.Category === "Engineering Jobs"))} ads`);
});

/** Picks a tag in the bulk bar's tag picker by typing; `create` makes it there and then. */
async function chooseBulkTag(page: Page, name: string, create = false) {
  await page
    .getByRole("region", { name: "Bulk actions" })
    .getByRole("button", { name: /^Tag for the selected ads/ })
    .click();
  await page.getByRole("combobox", { name: "Find or create a tag" }).fill(name);
  await page.getByRole("option", { name: create ? `Create tag “${name}”` : name, exact: true }).click();
}

test("bulk-tag a selection (with a tag made on the spot) and all matching ads, then find them by tag", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await signInAsAdmin(page);
  for (const name of [`Engineers ${suffix}`]) {
    await page.goto("/tags");
    await page.getByRole("button", { name: "New tag" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(name);
    await page.getByRole("dialog").getByRole("button", { name: "Create tag" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  }

  // Two ticked rows.
  await page.goto("/ads");
  await search(page, '"stress engineer"');
  const table = page.getByRole("table");
  const titles = [await table.getByRole("link").nth(0).innerText(), await table.getByRole("link").nth(1).innerText()];
  await page
    .getByRole("checkbox", { name: `Select ${titles[0]}` })
    .first()
    .check();
  await page
    .getByRole("checkbox", { name: `Select ${titles[1]}` })
    .first()
    .check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk.getByText("2 selected")).toBeVisible();
  // A tag nobody has made yet, made from the bulk bar while tagging.
  await chooseBulkTag(page, `Shortlist ${suffix}`, true);
  await expect(bulk.getByRole("button", { name: `Tag for the selected ads: Shortlist ${suffix}` })).toBeVisible();
  await bulk.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByText(`Tagged “Shortlist ${suffix}”: 2 ads changed`)).toBeVisible();
  await page.goto("/ads");
  await facet(page, "Tags", `Shortlist ${suffix}`).check();
  await expect(summary(page)).toHaveText("2 ads");
  for (const t of titles) await expect(page.getByRole("table").getByRole("link", { name: t })).toBeVisible();

  // Every ad a search matches, beyond the page.
  const engineers = countWhere((r) => /\bengineer/i.test(`${r.Title} ${r.FullDescription} ${r.Company}`));
  await page.goto("/ads");
  await search(page, "engineer*");
  await expect(summary(page)).toHaveText(/^[\d,]+ of [\d,]+ matching ads$/);
  const matching = Number((await summary(page).innerText()).split(" ")[0].replace(/,/g, ""));
  expect(matching).toBeGreaterThan(25);
  expect(matching).toBeGreaterThanOrEqual(engineers);
  await page.getByRole("checkbox", { name: "Select all ads on this page" }).check();
  await bulk.getByRole("button", { name: `Select all ${fmt(matching)} matching ads` }).click();
  await expect(bulk.getByText(`All ${fmt(matching)} matching ads selected`)).toBeVisible();
  await chooseBulkTag(page, `Engineers ${suffix}`);
  await bulk.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByText(`Tagged “Engineers ${suffix}”: ${fmt(matching)} ads changed`)).toBeVisible();
  await page.goto("/ads");
  await facet(page, "Tags", `Engineers ${suffix}`).check();
  await expect(summary(page)).toHaveText(`${fmt(matching)} ads`);
});

test("export downloads the filtered rows as CSV", async ({ page }) => {
  const it = sample.good.filter((r) => r.fields.Category === "IT Jobs");
  await signInAsAdmin(page);
  await page.goto("/ads");
  await facet(page, "Category", "IT").check();
  await expect(summary(page)).toHaveText(`${fmt(it.length)} ads`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const records = parse(readFileSync(file!), { bom: true, columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(it.length);
  expect(new Set(records.map((r) => r.Category))).toEqual(new Set(["IT Jobs"]));
  expect(new Set(records.map((r) => Number(r["Adzuna Id"])))).toEqual(new Set(it.map((r) => r.id)));
});

test("two people edit one ad: the second save is refused and shows both values; reconciling keeps both edits", async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.goto("/ads");
  await search(page, '"Stress Engineer Glasgow"');
  await page.getByRole("table").getByRole("link", { name: "Stress Engineer Glasgow" }).first().click();
  await expect(page.getByRole("heading", { name: "Stress Engineer Glasgow" })).toBeVisible();
  const adUrl = page.url();

  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signInAsAdmin(page2);
  await page.goto(`${adUrl}/edit`);
  await page2.goto(`${adUrl}/edit`);

  await page.getByLabel("Title").fill("Stress Engineer Glasgow (aerospace)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Stress Engineer Glasgow (aerospace)" })).toBeVisible();

  await page2.getByLabel("Salary from").fill("26000");
  await page2.getByRole("button", { name: "Save changes" }).click();
  const alert = page2.getByRole("alert").filter({ hasText: "Someone saved this ad after you opened it" });
  await expect(alert).toBeVisible();
  const titleRow = alert.getByRole("row").filter({ hasText: "Title" });
  await expect(titleRow.getByRole("cell").nth(1)).toHaveText("Stress Engineer Glasgow (aerospace)");
  await expect(titleRow.getByRole("cell").nth(2)).toHaveText("Stress Engineer Glasgow");
  const salaryRow = alert.getByRole("row").filter({ hasText: "Salary from" });
  await expect(salaryRow.getByRole("cell").nth(2)).toHaveText("26000");

  // Take their values, put this person's change back on top, save.
  await alert.getByRole("button", { name: "Use theirs" }).click();
  await expect(page2.getByLabel("Title")).toHaveValue("Stress Engineer Glasgow (aerospace)");
  await page2.getByLabel("Salary from").fill("26000");
  await page2.getByRole("button", { name: "Save changes" }).click();
  await expect(page2.getByRole("heading", { name: "Stress Engineer Glasgow (aerospace)" })).toBeVisible();
  await expect(page2.getByText("£26,000–£35,000 a year")).toBeVisible();
  const history = page2.getByRole("list", { name: "Changes, newest first" });
  await expect(history.getByText("Salary min:")).toBeVisible();
  await expect(history.getByText("Title:")).toBeVisible();
  await other.close();
});

test("an ad page shows its newest ten changes; its history pages through every one, back to the ad's creation", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const tagName = `History ${suffix}`;
  await signInAsAdmin(page);

  // An ad no other test changes (not an engineer ad: those get bulk-tagged), by its unique title.
  const titles = new Map<string, number>();
  for (const r of rows) titles.set(r.Title, (titles.get(r.Title) ?? 0) + 1);
  const title = rows.find((r) => titles.get(r.Title) === 1 && /^[A-Za-z ]+$/.test(r.Title) && !/engineer|stress/i.test(`${r.Title} ${r.FullDescription} ${r.Company}`))!.Title;
  await page.goto("/ads");
  await search(page, `"${title}"`);
  await page.getByRole("table").getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const adId = Number(/\/ads\/(\d+)/.exec(page.url())![1]);
  // The tag is made from the ad page's own tag picker, by typing a name no tag has.
  await page.getByRole("button", { name: "Tags on this ad: Add a tag…" }).click();
  await page.getByRole("combobox", { name: "Find or create a tag" }).fill(tagName);
  await page.getByRole("option", { name: `Create tag “${tagName}”` }).click();
  await expect(page.getByRole("list", { name: "Tags on this ad" }).getByText(tagName)).toBeVisible();
  // The new tag's id, as the ads table's tag filter puts it in the URL.
  await page.goto("/ads");
  await facet(page, "Tags", tagName).check();
  await expect(page).toHaveURL(/[?&]tags=\d+/);
  const tagId = Number(/[?&]tags=(\d+)/.exec(page.url())![1]);

  // 55 changes: the tag on (above), off, on, … (the ad page's own action, posted directly to be quick).
  const setTags = findServerAction("setTagsAction", "lib/ads/actions.ts");
  for (let k = 1; k < 55; k++) {
    const res = await postServerAction(page.request, setTags, [{ target: { ids: [adId] }, tagIds: [tagId], mode: k % 2 === 0 ? "add" : "remove" }]);
    expect(res.status).toBe(200);
  }

  await page.goto(`/ads/${adId}`);
  const changes = page.getByRole("list", { name: "Changes, newest first" });
  const entries = changes.getByRole("listitem").filter({ has: page.getByText(/^(Edit|Bulk action|Import|Revert|Created)$/) });
  await expect(entries).toHaveCount(10);
  await expect(entries.first()).toContainText(`Tag: — → ${tagName}`);
  await expect(changes.getByText("Created", { exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "All 55 changes" }).click();
  await expect(page.getByRole("heading", { name: "History of this ad" })).toBeVisible();
  await expect(page.getByText("Changes 1–50 of 55, newest first")).toBeVisible();
  await expect(entries).toHaveCount(50);
  await expect(changes.getByText("Created", { exact: true })).toHaveCount(0);
  const pages = page.getByRole("navigation", { name: "Pagination" });
  await expect(pages.getByText("Page 1 of 2")).toBeVisible();
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText("Changes 51–55 of 55, newest first")).toBeVisible();
  // The oldest change (the first "on") and then the ad's creation close the last page.
  await expect(entries).toHaveCount(6);
  await expect(entries.nth(4)).toContainText(`Tag: — → ${tagName}`);
  await expect(entries.last()).toContainText("Created");
  await expect(pages.getByRole("button", { name: "Next page" })).toBeDisabled();
  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByText("Changes 1–50 of 55, newest first")).toBeVisible();
  await page.getByRole("link", { name: `← ${title}` }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
});

test("a recruiter can tag but cannot edit or close ads, even by direct POST", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const recruiter = { email: uniqueEmail("tagger"), name: "Tara Tagger", role: "Recruiter" as const, password: "tagger-pass-123" };
  await createUserViaUi(page, recruiter);

  const ctx = await browser.newContext();
  const rpage = await ctx.newPage();
  await signIn(rpage, recruiter.email, recruiter.password);
  await expect(rpage.getByRole("heading", { name: "Welcome, Tara Tagger" })).toBeVisible();
  await rpage.goto("/ads");
  await rpage.getByRole("table").getByRole("link").first().click();
  await expect(rpage.getByRole("heading", { name: "Tags" })).toBeVisible();
  await expect(rpage.getByRole("link", { name: "Edit ad" })).toHaveCount(0);
  const adId = Number(/\/ads\/(\d+)/.exec(rpage.url())![1]);
  const res = await rpage.goto(`/ads/${adId}/edit`);
  expect(res?.status()).toBe(403);
  await expect(rpage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

  const update = findServerAction("updateAdAction", "lib/ads/actions.ts");
  const fields = {
    title: "Hijacked",
    description: "x",
    company: "",
    locationId: "",
    category: "",
    contractType: "",
    contractTime: "",
    salaryMin: "",
    salaryMax: "",
    salaryPeriod: "",
    status: "OPEN",
  };
  expect((await postServerAction(rpage.request, update, [{ id: adId, version: 1, fields }])).body).toContain("You do not have permission to do that.");
  const close = findServerAction("setStatusAction", "lib/ads/actions.ts");
  expect((await postServerAction(rpage.request, close, [{ target: { ids: [adId] }, status: "CLOSED" }])).body).toContain("You do not have permission to do that.");
  await rpage.goto(`/ads/${adId}`);
  await expect(rpage.getByRole("heading", { name: "Tags" })).toBeVisible();
  await expect(rpage.getByRole("heading", { name: "Hijacked" })).toHaveCount(0);
  await expect(rpage.getByText("Open", { exact: true })).toBeVisible();
  await ctx.close();
});
