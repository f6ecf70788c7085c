// Near-duplicate ads over the real sample (imported when the e2e server starts; the import groups
// it: 317 groups). One live-in-care ad is posted for 30 towns: Adzuna Id 55400374 (Coventry) first.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { signInAsAdmin } from "./helpers";

const summary = (page: Page) => page.getByTestId("result-summary");
const facet = (page: Page, group: string, option: string) => page.getByRole("group", { name: group }).getByRole("checkbox", { name: option, exact: true });
const count = (text: string) => Number(/^([\d,]+)/.exec(text)![1].replace(/,/g, ""));

/** No sideways scrolling at 1280 and 1440 px (axe runs over the same states in a11y.spec.ts). */
async function fits(page: Page, state: string) {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(100);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, `${state} at ${width} px scrolls sideways`).toBeLessThanOrEqual(client);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: "Search ads" }).fill(text);
  await expect(summary(page)).toHaveText(/match/);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

test("the ad page lists the other ads of its group, each a link", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads");
  await search(page, '"Live in Care Worker Jobs Coventry"');
  await page.getByRole("table").getByRole("link", { name: "Live in Care Worker Jobs Coventry" }).first().click();
  await expect(page.getByRole("heading", { name: "Live in Care Worker Jobs Coventry", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Also advertised as (29)" })).toBeVisible();
  const copies = page.getByRole("table", { name: "Other ads of this vacancy" });
  await expect(copies.getByRole("row")).toHaveCount(30); // the header and 29 copies
  await expect(copies.getByRole("columnheader", { name: "Similarity" })).toBeVisible();
  await fits(page, "ad page with 29 copies");
  await copies.getByRole("link", { name: "Live in Care Worker Jobs Swindon" }).click();
  await expect(page.getByRole("heading", { name: "Live in Care Worker Jobs Swindon", level: 1 })).toBeVisible();
  // From a copy, the group's first ad is listed and marked as such.
  await expect(page.getByRole("table", { name: "Other ads of this vacancy" }).getByRole("row").filter({ hasText: "Live in Care Worker Jobs Coventry" })).toContainText("First ad");
});

test("'One per group' hides the copies; 'Has duplicates' keeps the grouped ads; the URL keeps both", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads");
  await search(page, '"Live in Care Worker Jobs"');
  const all = count(await summary(page).innerText());
  expect(all).toBeGreaterThanOrEqual(30);
  await facet(page, "Duplicates", "One per group").check();
  await expect(page).toHaveURL(/dups=one/);
  await expect(page.getByRole("button", { name: "Remove filter: One per group" })).toBeVisible();
  // "1 of 30 matching ads": the search's matches less the 29 copies of the Coventry ad.
  await expect.poll(async () => count(await summary(page).innerText())).toBe(all - 29);
  await expect(page.getByRole("table").getByRole("link", { name: "Live in Care Worker Jobs Swindon" })).toHaveCount(0);
  await expect(page.getByRole("table").getByRole("link", { name: "Live in Care Worker Jobs Coventry" })).toHaveCount(1);
  // The Duplicates column (from the Columns menu) gives the group's size, a link to its copies.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("dialog", { name: "Columns" }).getByRole("checkbox", { name: "Duplicates", exact: true }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: "30 ads of one vacancy: see the copies" })).toBeVisible();
  await fits(page, "ads with the Duplicates column");

  await page.reload();
  await expect(facet(page, "Duplicates", "One per group")).toBeChecked();
  await expect.poll(async () => count(await summary(page).innerText())).toBe(all - 29);

  // The facet's count beside "Has duplicates" is what ticking it leaves.
  await page.goto("/ads");
  const has = page.getByRole("group", { name: "Duplicates" }).locator("div", { has: page.getByRole("checkbox", { name: "Has duplicates", exact: true }) });
  const expected = count(await has.locator("span").last().innerText());
  expect(expected).toBeGreaterThan(800);
  await facet(page, "Duplicates", "Has duplicates").check();
  await expect(page).toHaveURL(/dups=has/);
  await expect.poll(async () => count(await summary(page).innerText())).toBe(expected);
});

test("the CSV export carries each ad's duplicate group", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads?dups=has");
  await search(page, '"Live in Care Worker Jobs"');
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const records = parse(readFileSync(file!), { bom: true, columns: true }) as Record<string, string>[];
  const group = records.filter((r) => r["Duplicate group"] === "55400374");
  expect(group).toHaveLength(30);
  expect(group.map((r) => r["Adzuna Id"])).toContain("55400374");
  for (const r of records) expect(r["Duplicate group"]).toMatch(/^\d+$/);
});

test("an admin says two ads are not duplicates: the copy leaves the group", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads");
  await search(page, '"Relief Manager"');
  await page.getByRole("table").getByRole("link", { name: "Relief Manager", exact: true }).first().click();
  const section = page.getByRole("heading", { name: /^Also advertised as/ });
  await expect(section).toBeVisible();
  const copies = page.getByRole("table", { name: "Other ads of this vacancy" });
  const before = await copies.getByRole("row").count();
  await copies
    .getByRole("button", { name: /^Not a duplicate: / })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Not a duplicate?" });
  await dialog.getByRole("button", { name: "Not a duplicate" }).click();
  await expect(dialog).toBeHidden();
  if (before === 2) await expect(section).toBeHidden();
  else await expect(copies.getByRole("row")).toHaveCount(before - 1);
});

test("admins rebuild the groups from the admin page and see it finish", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/duplicates");
  await expect(page.getByRole("heading", { name: "Duplicate ads", level: 1 })).toBeVisible();
  await fits(page, "duplicate ads (admin)");
  await page.getByRole("button", { name: "Rebuild groups" }).click();
  await page.getByRole("dialog", { name: "Rebuild every duplicate group?" }).getByRole("button", { name: "Rebuild" }).click();
  await expect(page.getByText(/Last rebuild .*: finished/)).toBeVisible({ timeout: 60_000 });
  // The groups are back (the mark made above is kept: one group fewer at most).
  const groups = Number((await page.getByRole("definition").first().innerText()).replace(/,/g, ""));
  expect(groups).toBeGreaterThanOrEqual(315);
});
