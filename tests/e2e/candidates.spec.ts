// Candidates and the pipeline, as recruiters use them: a candidate with a CV, a caught duplicate,
// an application moved by drag and by keyboard, a rejection with its reason, the history, two
// people moving one card, the dashboard, and what recruiters may not do.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { findServerAction, postServerAction } from "../support/server-actions";
import { createUserViaUi, signIn, signInAsAdmin, uniqueEmail } from "./helpers";

const suffix = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 5);

async function createCandidate(page: Page, c: { name: string; email: string; phone?: string; title?: string; cv?: string }) {
  await page.goto("/candidates/new");
  await page.getByLabel("Name").fill(c.name);
  await page.getByLabel("Email").fill(c.email);
  if (c.phone) await page.getByLabel("Phone").fill(c.phone);
  if (c.title) await page.getByLabel("Current job title").fill(c.title);
  if (c.cv) await page.getByLabel("CV", { exact: true }).fill(c.cv);
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: c.name })).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** An ad from the table (a different one per call), as a recruiter would pick it. */
async function anAd(page: Page, nth: number): Promise<{ id: number; title: string }> {
  await page.goto("/ads?perPage=100&sort=title");
  const link = page.getByRole("table").locator("a[data-row-link]").nth(nth);
  const title = await link.innerText();
  const id = Number((await link.getAttribute("href"))!.split("/").pop());
  return { id, title };
}

async function applyFromAd(page: Page, adId: number, candidateName: string) {
  await page.goto(`/ads/${adId}`);
  await page.getByRole("button", { name: "Add a candidate" }).click();
  await page.getByRole("combobox", { name: "Add a candidate" }).fill(candidateName);
  await page.getByRole("option", { name: new RegExp(candidateName) }).click();
  await expect(page.getByText(`${candidateName} added`)).toBeVisible();
}

const column = (page: Page, stage: string) => page.getByRole("region", { name: new RegExp(`^${stage}`) });

async function dragCard(page: Page, name: string, stage: string) {
  const handle = page.getByRole("button", { name: `Drag ${name}` });
  const target = column(page, stage);
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 15 });
  await page.mouse.up();
}

test("a candidate with a CV file; the same email again is caught and offers the existing record", async ({ page }) => {
  const s = suffix();
  await signInAsAdmin(page);
  await page.goto("/candidates/new");
  await page.getByLabel("Name").fill(`Priya Shah ${s}`);
  await page.getByLabel("Email").fill(`priya.${s}@example.com`);
  await page
    .getByLabel("CV file")
    .setInputFiles({ name: "priya-cv.txt", mimeType: "text/plain", buffer: Buffer.from("Registered nurse\r\n\r\nTen years on surgical wards. NMC pin.\r\n") });
  await expect(page.getByLabel("CV", { exact: true })).toHaveValue("Registered nurse\n\nTen years on surgical wards. NMC pin.");
  await expect(page.getByText("From priya-cv.txt")).toBeVisible();
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Priya Shah ${s}` })).toBeVisible();
  await expect(page.getByText("Ten years on surgical wards. NMC pin.")).toBeVisible();
  const firstUrl = page.url();

  // A file that is not a CV says so, and nothing is filled in.
  await page.goto("/candidates/new");
  await page.getByLabel("CV file").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  await expect(page.getByText("photo.png: only .txt, .pdf and .docx files can be read")).toBeVisible();

  await page.getByLabel("Name").fill(`P. Shah ${s}`);
  await page.getByLabel("Email").fill(`PRIYA.${s}@Example.com`);
  await page.getByRole("button", { name: "Add candidate" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "already has this email address" });
  await expect(alert).toContainText(`Priya Shah ${s} already has this email address. Open their record instead.`);
  await alert.getByRole("link", { name: `Open Priya Shah ${s}` }).click();
  await expect(page).toHaveURL(firstUrl);

  // The candidates table finds them by a word in the CV.
  await page.goto("/candidates");
  await page.getByRole("searchbox", { name: "Search candidates" }).fill("surgical veterinarian");
  await expect(page.getByTestId("result-summary")).toHaveText("0 matching candidates");
  await page.getByRole("searchbox", { name: "Search candidates" }).fill("surgical");
  await expect(page.getByRole("table").getByRole("link", { name: `Priya Shah ${s}` })).toBeVisible();
});

test("apply to an ad, move by drag and by keyboard, reject with a reason, and see the history and the dashboard change", async ({ page }) => {
  const s = suffix();
  await signInAsAdmin(page);
  const name = `Lee Chan ${s}`;
  await createCandidate(page, { name, email: `lee.${s}@example.com`, title: "Sous chef" });
  const ad = await anAd(page, 3);

  await page.goto("/");
  const active = async () => Number((await page.getByRole("group", { name: "Active applications" }).locator("[data-stat]").innerText()).replace(/\D/g, ""));
  const before = await active();

  await applyFromAd(page, ad.id, name);
  await page.getByRole("link", { name: /Open the pipeline board/ }).click();
  await expect(column(page, "Applied").getByRole("link", { name })).toBeVisible();

  // Drag to Screening.
  await dragCard(page, name, "Screening");
  await expect(page.getByText(`${name} moved to Screening`)).toBeVisible();
  await expect(column(page, "Screening").getByRole("link", { name })).toBeVisible();

  // Keyboard: the card's Move menu, without the mouse.
  await page.getByRole("button", { name: `Move ${name}` }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitem", { name: "Interview" }).focus();
  await page.keyboard.press("Enter");
  await expect(column(page, "Interview").getByRole("link", { name })).toBeVisible();

  await page.goto("/");
  expect(await active()).toBe(before + 1);

  // Reject: a reason is required.
  await page.goto(`/ads/${ad.id}/pipeline`);
  await page.getByRole("button", { name: `Move ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rejected" }).click();
  const dialog = page.getByRole("dialog", { name: `Reject ${name}` });
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(dialog.getByText("Choose a reason for the rejection.")).toBeVisible();
  await dialog.getByLabel("Reason").selectOption("Salary expectations");
  await dialog.getByLabel(/Details/).fill("Wants £60k");
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(column(page, "Rejected").getByRole("link", { name })).toBeVisible();

  // The application's history: who, from → to, the reason.
  await column(page, "Rejected").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} for ${ad.title}` })).toBeVisible();
  await expect(page.getByText("Rejected: Salary expectations (Wants £60k)")).toBeVisible();
  const history = page.getByRole("table").filter({ has: page.getByText("Every move of this application") });
  const moves = await history.getByRole("row").allInnerTexts();
  expect(
    moves.slice(1).map((r) =>
      r
        .split("\t")
        .slice(2, 5)
        .map((c) => c.trim()),
    ),
  ).toEqual([
    ["(added)", "Applied", ""],
    ["Applied", "Screening", ""],
    ["Screening", "Interview", ""],
    ["Interview", "Rejected", "Salary expectations"],
  ]);

  // A note and a rating, shown as text.
  await page.getByLabel("Add a note").fill("<b>Great</b> with pastry");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("list", { name: "Notes" }).getByText("<b>Great</b> with pastry")).toBeVisible();
  await page.getByRole("radio", { name: "4 out of 5" }).click();
  await expect(page.getByRole("radio", { name: "4 out of 5" })).toHaveAttribute("aria-checked", "true");

  await page.goto("/");
  expect(await active()).toBe(before);

  // Applying twice links to the first application.
  await page.goto(`/ads/${ad.id}`);
  await page.getByRole("button", { name: "Add a candidate" }).click();
  await page.getByRole("combobox", { name: "Add a candidate" }).fill(name);
  await page.getByRole("option", { name: new RegExp(name) }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This candidate has already applied for this role." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the application" })).toBeVisible();
});

async function secondAdmin(browser: Browser, page: Page) {
  const email = uniqueEmail("admin2");
  await createUserViaUi(page, { email, name: "Second Admin", role: "Admin", password: "second-admin-password-1" });
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await signIn(other, email, "second-admin-password-1");
  await expect(other.getByRole("heading", { name: "Welcome, Second Admin" })).toBeVisible();
  return { ctx, other };
}

test("two people move the same card: one wins, the other is told and sees where it went", async ({ page, browser }) => {
  const s = suffix();
  await signInAsAdmin(page);
  const name = `Sam Okafor ${s}`;
  await createCandidate(page, { name, email: `sam.${s}@example.com` });
  const ad = await anAd(page, 5);
  await applyFromAd(page, ad.id, name);
  const { ctx, other } = await secondAdmin(browser, page);

  await page.goto(`/ads/${ad.id}/pipeline`);
  await other.goto(`/ads/${ad.id}/pipeline`);
  await expect(column(other, "Applied").getByRole("link", { name })).toBeVisible();

  await page.getByRole("button", { name: `Move ${name}` }).click();
  await page.getByRole("menuitem", { name: "Screening" }).click();
  await expect(column(page, "Screening").getByRole("link", { name })).toBeVisible();

  // The second board is stale: its move is refused and the card goes where the first put it.
  await other.getByRole("button", { name: `Move ${name}` }).click();
  await other.getByRole("menuitem", { name: "Offer" }).click();
  await expect(other.getByText(/moved this application to Screening while you were looking/)).toBeVisible();
  await expect(column(other, "Screening").getByRole("link", { name })).toBeVisible();
  await expect(column(other, "Offer").getByRole("link", { name })).toHaveCount(0);
  await ctx.close();
});

test("a recruiter cannot export or erase a candidate, even directly; an admin can", async ({ page, browser }) => {
  const s = suffix();
  await signInAsAdmin(page);
  const id = await createCandidate(page, { name: `Maria Silva ${s}`, email: `maria.${s}@example.com`, cv: "Ten years as a pastry chef" });
  const email = uniqueEmail("rec");
  await createUserViaUi(page, { email, name: "Rita Recruiter", role: "Recruiter", password: "recruiter-password-1" });

  const ctx = await browser.newContext();
  const rpage = await ctx.newPage();
  await signIn(rpage, email, "recruiter-password-1");
  await expect(rpage.getByRole("heading", { name: "Welcome, Rita Recruiter" })).toBeVisible();
  await rpage.goto(`/candidates/${id}`);
  await expect(rpage.getByRole("heading", { level: 1, name: `Maria Silva ${s}` })).toBeVisible();
  await expect(rpage.getByRole("link", { name: "Export data (JSON)" })).toHaveCount(0);
  await expect(rpage.getByRole("button", { name: `Erase Maria Silva ${s}` })).toHaveCount(0);
  expect((await rpage.request.get(`/api/candidates/${id}/export`)).status()).toBe(403);
  const erase = findServerAction("eraseCandidateAction", "lib/candidates/actions.ts");
  expect((await postServerAction(rpage.request, erase, [{ id }])).body).toContain("You do not have permission to do that.");
  await ctx.close();

  // The admin exports (a JSON download with the CV) and erases.
  await page.goto(`/candidates/${id}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export data (JSON)" }).click();
  const file = await (await download).path();
  const data = JSON.parse((await import("node:fs")).readFileSync(file!, "utf8"));
  expect(data.candidate).toMatchObject({ name: `Maria Silva ${s}`, email: `maria.${s}@example.com`, cvText: "Ten years as a pastry chef" });
  await page.getByRole("button", { name: `Erase Maria Silva ${s}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Erase for good" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Erased candidate" })).toBeVisible();
  await expect(page.getByText("Ten years as a pastry chef")).toHaveCount(0);
});
