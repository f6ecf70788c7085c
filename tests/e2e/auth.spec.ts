import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findServerAction, postServerAction } from "../support/server-actions";
import { E2E } from "./e2e-config";
import { createUserViaUi, loginError, signIn, signInAsAdmin, uniqueEmail } from "./helpers";

const seedTitles = readdirSync("seeds")
  .filter((f) => f.endsWith(".txt"))
  .map((f) => /^Title: (.*)$/m.exec(readFileSync(path.join("seeds", f), "utf8"))![1].trim());

test("an admin signs in and sees the seed ads", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ads" }).click();
  await expect(page.getByRole("heading", { name: "Ads", exact: true })).toBeVisible();
  expect(seedTitles).toHaveLength(3);
  // The seeds are the oldest ads: sort by the Imported column, oldest first.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Imported" }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Imported/ }).click(); // newest first
  await page.getByRole("button", { name: /^Imported/ }).click(); // oldest first
  await expect(page).toHaveURL(/sort=created/);
  for (const title of seedTitles) await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await signIn(page, E2E.admin.email, "not-the-password");
  await expect(loginError(page)).toHaveText("Wrong email or password.");
  await page.goto("/ads");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fads/);
});

test("an admin creates a recruiter, who cannot reach admin pages or actions", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const recruiter = { email: uniqueEmail("recruiter"), name: "Rita Recruiter", role: "Recruiter" as const, password: "recruiter-pass-1" };
  await createUserViaUi(page, recruiter);

  const ctx = await browser.newContext();
  const rpage = await ctx.newPage();
  await signIn(rpage, recruiter.email, recruiter.password);
  await expect(rpage.getByRole("heading", { name: "Welcome, Rita Recruiter" })).toBeVisible();
  const nav = rpage.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Ads" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const res = await rpage.goto("/admin/users");
  expect(res?.status()).toBe(403);
  await expect(rpage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(rpage.getByText(E2E.admin.email)).toHaveCount(0);

  // A direct POST to the admin-only action, with the recruiter's valid session cookie.
  const sneaky = uniqueEmail("sneaky");
  const action = findServerAction("createUserAction", "lib/users/actions.ts");
  const result = await postServerAction(rpage.request, action, [{ email: sneaky, name: "Sneaky", role: "ADMIN", password: "sneaky-password-1" }]);
  expect(result.body).toContain("You do not have permission to do that.");
  await ctx.close();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: recruiter.email })).toBeVisible();
  await expect(page.getByText(sneaky)).toHaveCount(0);

  // The same request with the admin's session succeeds: the refusal above is the role check.
  const allowed = uniqueEmail("allowed");
  const ok = await postServerAction(page.request, action, [{ email: allowed, name: "Allowed", role: "RECRUITER", password: "allowed-password-1" }]);
  expect(ok.body).toContain(allowed);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: allowed })).toBeVisible();
});

test("a deactivated user is signed out at the next request and cannot sign in again", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const user = { email: uniqueEmail("leaver"), name: "Lee Leaver", role: "Recruiter" as const, password: "leaver-pass-12" };
  await createUserViaUi(page, user);

  const ctx = await browser.newContext();
  const upage = await ctx.newPage();
  await signIn(upage, user.email, user.password);
  await expect(upage.getByRole("heading", { name: "Welcome, Lee Leaver" })).toBeVisible();

  await page.getByRole("button", { name: `Actions for ${user.email}` }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await expect(page.getByRole("row").filter({ hasText: user.email }).getByText("Deactivated")).toBeVisible();

  await upage.goto("/ads");
  await expect(upage).toHaveURL(/\/login/);
  await signIn(upage, user.email, user.password);
  await expect(loginError(upage)).toHaveText("This account has been deactivated. Ask an admin to reactivate it.");
  await ctx.close();
});

test("repeated failed sign-ins are rate-limited", async ({ page }) => {
  const email = uniqueEmail("nobody");
  for (let i = 0; i < E2E.signInMaxAttempts; i++) {
    await signIn(page, email, `wrong-${i}`);
    await expect(loginError(page)).toHaveText("Wrong email or password.");
  }
  await signIn(page, email, "wrong-again");
  await expect(loginError(page)).toHaveText(/^Too many sign-in attempts\. Try again in \d+ s\.$/);
});

test("the last active admin cannot be demoted", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/users");
  await page.getByRole("button", { name: `Actions for ${E2E.admin.email}` }).click();
  await page.getByRole("menuitem", { name: "Make recruiter" }).click();
  await expect(page.getByText("The last active admin cannot be demoted. Make someone else an admin first.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: E2E.admin.email }).getByRole("cell", { name: "Admin", exact: true })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("button", { name: /^User menu for/ }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login/);
});
