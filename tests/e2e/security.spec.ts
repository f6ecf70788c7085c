// Security as a browser sees it: headers and a working nonce-based Content-Security-Policy, session
// cookies, hostile text in every ad and candidate field rendered inert, formula-safe exports.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { TMP } from "../support/fixtures";
import { signInAsAdmin } from "./helpers";

test("every response carries the security headers and a fresh nonce that Next's scripts use", async ({ request }) => {
  const a = await request.get("/login");
  const b = await request.get("/login");
  const h = a.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-powered-by"]).toBeUndefined();
  const csp = h["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(/'nonce-([^']+)'/.exec(b.headers()["content-security-policy"])![1]).not.toBe(nonce);
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  // API answers carry the fixed headers too.
  expect((await request.get("/api/health")).headers()["x-content-type-options"]).toBe("nosniff");
});

test("a load balancer's liveness and readiness checks answer without a session, and are not cached", async ({ request }) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ ok: true });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true });
  expect(ready.headers()["cache-control"]).toContain("no-store");
});

test("the session cookie is HttpOnly and SameSite, and the app runs under the policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && violations.push(m.text()));
  await signInAsAdmin(page);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(session.expires).toBeGreaterThan(Date.now() / 1000);
  for (const url of ["/", "/ads", "/candidates", "/tags", "/imports", "/admin/users", "/admin/stages"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // Hydrated (client code ran): the ads search box reacts.
  await page.goto("/ads");
  await page.getByRole("searchbox", { name: "Search ads" }).fill("nurse");
  await expect(page).toHaveURL(/q=nurse/);
  expect(violations).toEqual([]);
});

const FORMULA = `=HYPERLINK("http://evil.example","Xssformula")`;
const HOSTILE = {
  title: `<img src=x onerror="window.__xss=1">Xsstitle =HYPERLINK("http://evil.example","click")`,
  description: `<script>window.__xss=1</script>Xssdesc <a href="javascript:window.__xss=1">link</a>`,
  company: `<svg onload="window.__xss=1">Xsscorp`,
  location: `"><img src=x onerror=window.__xss=1>`,
};

async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("img[src=x], svg[onload], a[href^='javascript:']").count()).toBe(0);
}

test("hostile text in ads and candidates is shown as text, never run; exports neutralise formulas", async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAsAdmin(page);

  // An import with hostile fields.
  const id = 97_000_000 + Math.floor(Math.random() * 999_999);
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const file = path.join(TMP, `hostile-${id}.csv`);
  writeFileSync(
    file,
    [
      "Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,Company,Category,SalaryRaw,SalaryNormalized,SourceName",
      [id, q(HOSTILE.title), q(HOSTILE.description), q(HOSTILE.location), q(HOSTILE.location), "", "", q(HOSTILE.company), "IT Jobs", "", "", "evil.example"].join(","),
      [id + 1, q(FORMULA), "Xssformula ad", "London", "London", "", "", q("@SUM(1+1)"), "IT Jobs", "", "", "evil.example"].join(","),
    ].join("\r\n") + "\r\n",
  );
  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("Nothing has been saved yet")).toBeVisible({ timeout: 30_000 });
  await expectInert(page); // the preview shows the rows too
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { name: /^Report/ })).toBeVisible({ timeout: 60_000 });

  // The table (with the search snippet) and the ad page.
  await page.goto("/ads?q=xsstitle");
  const link = page.getByRole("table").locator("a[data-row-link]").first();
  await expect(link).toHaveText(HOSTILE.title);
  await expect(page.getByRole("table").getByText("Xsscorp")).toBeVisible();
  await expectInert(page);
  await page.goto("/ads?q=xssdesc");
  await expect(page.getByRole("table").locator("mark", { hasText: /xssdesc/i })).toBeVisible();
  await expectInert(page);
  await page.goto((await page.getByRole("table").locator("a[data-row-link]").first().getAttribute("href"))!);
  await expect(page.getByRole("heading", { level: 1, name: HOSTILE.title })).toBeVisible();
  await expect(page.getByText(`<script>window.__xss=1</script>Xssdesc`, { exact: false })).toBeVisible();
  await expectInert(page);
  const adUrl = page.url();

  // Export: cells a spreadsheet would run as formulas are neutralised; the rest are as stored.
  await page.goto("/ads?q=xsstitle OR xssformula&sort=title");
  await expect(page.getByTestId("result-summary")).toHaveText("2 of 2 matching ads");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const rows = parse(readFileSync((await (await download).path())!), { bom: true, columns: true }) as Record<string, string>[];
  const byId = new Map(rows.map((r) => [Number(r["Adzuna Id"]), r]));
  expect(byId.get(id + 1)).toMatchObject({ Title: `'${FORMULA}`, Company: "'@SUM(1+1)" });
  expect(byId.get(id)).toMatchObject({ Title: HOSTILE.title, Company: HOSTILE.company });

  // A hostile candidate, put forward for the hostile ad, with a hostile note.
  const name = `<img src=x onerror="window.__xss=1">Eve ${id}`;
  await page.goto("/candidates/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Current job title").fill(`=cmd|' /C calc'!A0`);
  await page.getByLabel("CV", { exact: true }).fill(`<script>window.__xss=1</script> CV of ${id}`);
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`<script>window.__xss=1</script> CV of ${id}`)).toBeVisible();
  await expectInert(page);
  await page.goto(adUrl);
  await page.getByRole("button", { name: "Add a candidate" }).click();
  await page.getByRole("combobox", { name: "Add a candidate" }).fill(`Eve ${id}`);
  await page.getByRole("option", { name: new RegExp(`Eve ${id}`) }).click();
  await expect(page.getByText(`${name} added`)).toBeVisible();
  await page.getByRole("link", { name: /Open the pipeline board/ }).click();
  await expect(page.getByRole("region", { name: /^Applied/ }).getByRole("link", { name })).toBeVisible();
  await expectInert(page);
  await page
    .getByRole("region", { name: /^Applied/ })
    .getByRole("link", { name })
    .click();
  await page.getByLabel("Add a note").fill(`<svg onload="window.__xss=1"></svg>note ${id}`);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText(`<svg onload="window.__xss=1"></svg>note ${id}`)).toBeVisible();
  await expectInert(page);
  await page.goto(`/candidates?q=${id}`);
  await expect(page.getByRole("table").getByRole("link", { name })).toBeVisible();
  await expectInert(page);
  await page.goto("/?stuck=1");
  await expectInert(page);
  expect(dialogs).toEqual([]);
});
