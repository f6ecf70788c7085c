import { expect, type Page } from "@playwright/test";
import { E2E } from "./e2e-config";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAsAdmin(page: Page) {
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await expect(page.getByRole("heading", { name: `Welcome, ${E2E.admin.name}` })).toBeVisible();
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.test`;
}

export async function createUserViaUi(page: Page, user: { email: string; name: string; role: "Recruiter" | "Admin"; password: string }) {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Email").fill(user.email);
  await dialog.getByLabel("Name").fill(user.name);
  await dialog.getByLabel("Role").selectOption({ label: user.role });
  await dialog.getByLabel("Initial password").fill(user.password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: user.email })).toBeVisible();
}

/** The visible error on the sign-in form (Next's route announcer is also role=alert). */
export function loginError(page: Page) {
  return page.getByTestId("login-error");
}

/** The number of ads the Ads page says there are (no search, no filters). */
export async function adsCount(page: Page): Promise<number> {
  await page.goto("/ads");
  const text = await page.getByTestId("result-summary").innerText();
  return Number(/^([\d,]+) ads$/.exec(text)![1].replace(/,/g, ""));
}
