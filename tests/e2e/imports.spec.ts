import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bytes } from "@/lib/format";
import { SAMPLE_CSV, synthCsv, textAdFiles, textAdsZip, TMP } from "../support/fixtures";
import { expectedCsv, textAdIds } from "../support/import-db";
import { adsCount, signInAsAdmin } from "./helpers";

// The e2e database already holds the sample (tests/support/e2e-server.ts): re-importing it changes
// nothing; the text ads whose Webindex is not in it are new.
const sample = expectedCsv(SAMPLE_CSV);
const sampleIds = new Set(sample.good.map((r) => r.id));
const textIds = [...textAdIds(textAdFiles()).values()];
const newTextAds = textIds.filter((id) => !sampleIds.has(id)).length;

test("upload the sample CSV and a zip of text ads: preview, progress, report, then the ads are there; revert takes them away", async ({ page }) => {
  test.setTimeout(180_000);
  const zip = await textAdsZip();
  await signInAsAdmin(page);
  const before = await adsCount(page);

  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles([SAMPLE_CSV, zip]);
  const list = page.getByRole("list", { name: "Files to upload" });
  await expect(list.getByText("Train_rev1_sample.csv")).toBeVisible();
  await expect(list.getByText("text-ads.zip")).toBeVisible();
  await page.getByRole("button", { name: "Upload and preview" }).click();

  // Preview: formats, the first rows as they will be stored, problems with line numbers.
  await expect(page.getByText("Nothing has been saved yet")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Adzuna CSV (Train layout)")).toBeVisible();
  await expect(page.getByText("zip of 776 text ads")).toBeVisible();
  const csvRows = page.getByRole("table", { name: "First rows of Train_rev1_sample.csv" });
  await expect(csvRows.getByRole("row").filter({ hasText: "12612628" }).getByRole("cell", { name: "Engineering Systems Analyst" })).toBeVisible();
  await expect(csvRows.getByRole("row").filter({ hasText: "12612628" }).getByText("South East England › Surrey › Dorking")).toBeVisible();
  const csvProblems = page.getByRole("table", { name: "Problems found so far in Train_rev1_sample.csv" });
  await expect(csvProblems.getByRole("row").filter({ hasText: "Title is empty" }).getByRole("cell", { name: "1590" })).toBeVisible();
  const zipRows = page.getByRole("table", { name: "First rows of text-ads.zip" });
  await expect(zipRows.getByRole("cell", { name: "Accounting & Finance Jobs" }).first()).toBeVisible();

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();

  // Report.
  await expect(page.getByRole("heading", { name: /^Report/ })).toBeVisible({ timeout: 120_000 });
  const counts = page.getByLabel("Import counts");
  const created = Number((await counts.getByText("Created").locator("..").locator("dd").innerText()).replace(/,/g, ""));
  expect(newTextAds).toBeGreaterThan(700);
  expect(created).toBe(newTextAds);
  await expect(counts.getByText("Unchanged").locator("..").locator("dd")).toHaveText((sample.good.length + (textIds.length - newTextAds)).toLocaleString("en-GB"));
  await expect(counts.getByText("Skipped").locator("..").locator("dd")).toHaveText(String(sample.bad.length));
  await expect(page.getByRole("table", { name: "Problems the import reported" }).getByRole("row").filter({ hasText: "Title is empty" })).toContainText("1590");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the report (CSV)" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv).toContain("Train_rev1_sample.csv,1590,Title,error,Title is empty");

  // The ads are there.
  await page.getByRole("link", { name: "View ads" }).click();
  await expect(page.getByTestId("result-summary")).toHaveText(`${(before + created).toLocaleString("en-GB")} ads`);

  // The history lists it; an admin reverts it.
  await page.goto("/imports");
  const row = page.getByRole("row").filter({ hasText: "Train_rev1_sample.csv + 1 more" }).first();
  await expect(row.getByRole("cell", { name: created.toLocaleString("en-GB"), exact: true })).toBeVisible();
  await row.getByRole("link", { name: /^Details/ }).click();
  await page.getByRole("button", { name: "Revert import" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revert", exact: true }).click();
  await expect(page.getByText(`Reverted: ${created.toLocaleString("en-GB")} ads deleted`)).toBeVisible({ timeout: 60_000 });
  expect(await adsCount(page)).toBe(before);
});

test("a large upload arrives whole (streamed past the proxy's buffer) and its progress survives a reload", async ({ page }) => {
  test.setTimeout(180_000);
  const file = synthCsv(path.join(TMP, "large-upload.csv"), 16_000, { seed: 7, startId: 91_000_000 });
  const size = statSync(file).size;
  expect(size).toBeGreaterThan(20 * 1024 * 1024);
  await signInAsAdmin(page);
  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("Nothing has been saved yet")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(bytes(size), { exact: true })).toBeVisible();
  await expect(page.getByText(/5,000 rows read for the preview/)).toBeVisible();

  await page.getByRole("button", { name: "Start import" }).click();
  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toBeVisible();
  await page.reload();
  // Still running (the bar, with its progress) or already done (the report): never lost.
  await expect(bar.or(page.getByRole("heading", { name: /^Report/ }))).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Report/ })).toBeVisible({ timeout: 150_000 });
  const counts = page.getByLabel("Import counts");
  const created = Number((await counts.getByText("Created").locator("..").locator("dd").innerText()).replace(/,/g, ""));
  const skipped = Number((await counts.getByText("Skipped").locator("..").locator("dd").innerText()).replace(/,/g, ""));
  expect(created + skipped).toBe(16_000);
});

test("a file that is not an import is refused with one clear message", async ({ page }) => {
  const file = path.join(TMP, "not-ads.csv");
  writeFileSync(file, "name,age\nAnn,41\n");
  await signInAsAdmin(page);
  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "not-ads.csv not an Adzuna ads file: the header has no Id, Title, FullDescription columns (found: name, age)" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Start import" })).toBeDisabled();
  await page.getByRole("button", { name: "Discard" }).click();
});
