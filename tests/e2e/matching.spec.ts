// Matching, as a recruiter uses it (issue 19): import candidates from a CSV in the browser (preview,
// report), open an ad's best candidates, read why one scores as it does, put them forward with one
// click and see them on the board; then the candidate's matching roles.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SAMPLE_CSV, TMP } from "../support/fixtures";
import { expectedCsv } from "../support/import-db";
import { signInAsAdmin } from "./helpers";

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

test("import candidates from CSV, see an ad's best candidates with reasons, put one forward, and the candidate's matching roles", async ({ page }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  // A real ad of the sample (the e2e database holds it): its title, town and words.
  const ad = expectedCsv(SAMPLE_CSV).good.find((r) => r.id === 12612628)!;
  const fit = `Mira Fit ${suffix}`;
  const other = `Otto Other ${suffix}`;
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `candidates-${suffix}.csv`);
  writeFileSync(
    file,
    [
      "Full name,Email,Mobile,Town,Job title,Desired salary,Skills,CV text,Hobbies",
      [
        fit,
        `mira.${suffix}@example.com`,
        "07700 900001",
        "Dorking",
        ad.title,
        "£35,000",
        "systems analysis",
        quote(`I was an ${ad.title}. ${ad.fields.FullDescription.slice(0, 700)}`),
        "chess",
      ].join(","),
      [other, `otto.${suffix}@example.com`, "", "Glasgow", "Pastry Chef", "£24,000", "", quote("Pastry chef: laminated doughs, petits fours and plated desserts."), ""].join(","),
      ["", `nobody.${suffix}@example.com`, "", "", "", "", "", "", ""].join(","),
    ].join("\r\n") + "\r\n",
  );

  await signInAsAdmin(page);
  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("Nothing has been saved yet")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Candidate CSV/)).toBeVisible();
  const preview = page.getByRole("table", { name: `First candidates in ${path.basename(file)}` });
  await expect(preview.getByRole("row").filter({ hasText: fit }).getByRole("cell", { name: "create" })).toBeVisible();
  const problems = page.getByRole("table", { name: `Problems found so far in ${path.basename(file)}` });
  await expect(problems.getByRole("row").filter({ hasText: "every candidate needs a name" })).toContainText("4");
  await expect(problems.getByRole("row").filter({ hasText: "Hobbies" })).toBeVisible();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { name: /^Report/ })).toBeVisible({ timeout: 120_000 });
  const counts = page.getByLabel("Import counts");
  await expect(counts.getByText("Created").locator("..").locator("dd")).toHaveText("2");
  await expect(counts.getByText("Skipped").locator("..").locator("dd")).toHaveText("1");

  // The ad's best candidates: the one whose CV describes the job first, with its reasons.
  await page.goto(`/ads?q=${encodeURIComponent(`"${ad.title}"`)}`);
  await page.getByRole("table").getByRole("link", { name: ad.title }).first().click();
  const best = page.getByRole("list", { name: "Best candidates" });
  await expect(best).toBeVisible();
  const first = best.getByRole("listitem").first();
  await expect(first.getByRole("link", { name: fit })).toBeVisible();
  await first.getByText(/^Why \d+\?$/).click();
  const reasons = first.getByRole("list", { name: `Reasons for ${fit}` });
  await expect(reasons.getByRole("listitem").filter({ hasText: "CV relevance" })).toContainText(/key terms in the CV/);
  await expect(reasons.getByRole("listitem").filter({ hasText: "Location" })).toContainText("same town");
  await first.getByRole("button", { name: `Put forward ${fit}` }).click();
  await expect(page.getByText(`${fit} put forward`)).toBeVisible();
  await expect(first.getByText("Applied · Applied")).toBeVisible();
  const adUrl = page.url().split("?")[0];

  // On the board.
  await page.goto(`${adUrl}/pipeline`);
  await expect(page.getByRole("region", { name: /^Applied/ }).getByText(fit)).toBeVisible();

  // The candidate's matching roles: the ad is there, already applied.
  await page.goto(adUrl);
  await best.getByRole("link", { name: fit }).click();
  await expect(page.getByRole("heading", { level: 1, name: fit })).toBeVisible();
  const roles = page.getByRole("list", { name: "Matching roles" });
  await expect(roles).toBeVisible();
  await expect(roles.getByRole("listitem").filter({ hasText: ad.title }).first()).toBeVisible();

  // The JSON twin answers the same, for the signed-in user.
  const adId = Number(adUrl.split("/").pop());
  const res = await page.request.get(`/api/ads/${adId}/matches?limit=5`);
  expect(res.status()).toBe(200);
  const json = (await res.json()) as { results: { name: string; score: number; breakdown: { points: number }[]; applied: unknown }[] };
  expect(json.results[0]).toMatchObject({ name: fit });
  expect(json.results[0].applied).not.toBeNull();
  expect((await page.request.get(`/api/ads/${adId}/matches?limit=5000`)).status()).toBe(400);
});

test("import CVs saved as .txt, saying the files hold candidates: one candidate per file, named and emailed from the text", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const dir = path.join(TMP, `cvs-${suffix}`);
  mkdirSync(dir, { recursive: true });
  const people = [
    { file: "priya.txt", name: `Priya Shah`, email: `priya.${suffix}@example.com`, text: "Staff nurse with ten years on surgical wards in Leeds; mentor to students." },
    { file: "tom.txt", name: `Tom Baker`, email: `tom.${suffix}@example.com`, text: "Management accountant: month-end close, budgeting and forecasting in Sage." },
  ];
  for (const p of people) writeFileSync(path.join(dir, p.file), `${p.name}\n${p.email}\n07700 900123\n\n${p.text}\n`);
  await signInAsAdmin(page);
  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles(people.map((p) => path.join(dir, p.file)));
  // A .txt is read as a text ad unless the import is told otherwise.
  await page.getByRole("combobox", { name: "What the files hold" }).selectOption("Candidates");
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("Nothing has been saved yet")).toBeVisible({ timeout: 30_000 });
  for (const p of people) {
    const rows = page.getByRole("table", { name: `First candidates in ${p.file}` });
    await expect(rows.getByRole("row").filter({ hasText: p.email })).toContainText(p.name);
  }
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { name: /^Report/ })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByLabel("Import counts").getByText("Created").locator("..").locator("dd")).toHaveText("2");
  await page.getByRole("link", { name: "View candidates" }).click();
  await page.getByRole("searchbox", { name: "Search candidates" }).fill("Tom Baker accountant");
  await expect(page.getByRole("link", { name: "Tom Baker" }).first()).toBeVisible();
});
