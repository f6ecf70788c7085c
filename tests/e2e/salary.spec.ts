// Salary estimates in the browser: an admin trains the model from Admin → Salary model (progress,
// then its measured figures); the seed ads (no salary, no location) then show an estimate marked
// as such in the table and on the ad page with its explanation, and their place found in the
// text; "Include estimates" changes what the salary filter counts; Salary insights shows a
// figure and how many ads it rests on.
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

test.describe.configure({ mode: "serial" });

async function summaryCount(page: Page): Promise<number> {
  const text = await page.getByTestId("result-summary").innerText();
  return Number(/^([\d,]+)/.exec(text)![1].replace(/,/g, ""));
}

test("an admin trains the salary model and sees its figures", async ({ page }) => {
  test.setTimeout(600_000);
  await signInAsAdmin(page);
  await page.goto("/admin/salary-model");
  await expect(page.getByRole("heading", { name: "Salary model", level: 1 })).toBeVisible();
  // An earlier spec's import may have started a training already: then the page shows its progress.
  const progress = page.getByRole("progressbar", { name: "Salary model training" });
  if (!(await progress.isVisible())) await page.getByRole("button", { name: /Train the model|Retrain now/ }).click();
  await expect(progress).toBeVisible();
  // Training (cross-validation included) runs in its own process; the page follows its progress.
  await expect(page.getByRole("heading", { name: "Measured accuracy" })).toBeVisible({ timeout: 540_000 });
  await expect(page.getByText(/^£[\d,]+ \(baseline £[\d,]+; [\d.]+×\)$/)).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "Healthcare" }).first()).toBeVisible();
});

test("an estimated salary is marked as one in the table and on the ad page", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads?q=%22Account+Director%22");
  const row = page
    .getByRole("row")
    .filter({ has: page.locator("[data-estimate]") })
    .first();
  await expect(row).toBeVisible();
  const estimate = row.locator("[data-estimate]");
  await expect(estimate).toHaveText(/^est\. £\d+k–£\d+k/);
  await expect(estimate).toContainText("Estimated salary, not stated in the ad");
  await expect(row).toContainText("(from text)");
  await row.locator("[data-row-link]").click();
  await expect(page.getByRole("heading", { name: "Salary estimate" })).toBeVisible();
  await expect(page.getByText("This ad states no salary.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pushed it up" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pushed it down" })).toBeVisible();
  await expect(page.getByText("found in the ad's text")).toBeVisible();
});

test("'Include estimates' changes the salary filter's count", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/ads?salaryMin=1000");
  const real = await summaryCount(page);
  await page.getByLabel("Include estimates").check();
  await expect(page).toHaveURL(/est=true/);
  await expect.poll(() => summaryCount(page)).toBeGreaterThan(real);
  await page.getByLabel("Include estimates").uncheck();
  await expect.poll(() => summaryCount(page)).toBe(real);
});

test("the salary insights page shows a figure and the ads it rests on", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/salaries");
  await expect(page.getByRole("heading", { name: "Salary insights", level: 1 })).toBeVisible();
  await page.getByLabel("Job title has the words").fill("nurse");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/title=nurse/);
  await expect(page.getByText(/ads with a real salary whose title has “nurse”/)).toBeVisible();
  const table = page.getByRole("table").filter({ hasText: "Median" });
  const first = table.getByRole("row").nth(1);
  await expect(first.getByRole("cell").nth(2)).toHaveText(/^£[\d,]+$/);
  await expect(first.getByRole("cell").nth(5)).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByRole("img", { name: /Median salary and middle half/ })).toBeVisible();
});
