import { chromium } from "@playwright/test";
import { findChromium } from "/work/wt-salary/scripts/ensure-chromium.mjs";
const base = "http://localhost:3302";
const browser = await chromium.launch({ executablePath: findChromium(), args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(base + "/login");
await page.getByLabel("Email").fill("admin@example.com");
await page.getByLabel("Password").fill("admin-password-123");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(base + "/");
for (const [name, path] of process.argv.slice(2).map((a) => a.split("="))) {
  await page.goto(base + path, { timeout: 120000 });
  await page.waitForLoadState("networkidle");
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  console.log(name, "scrollWidth", scroll, "client", client);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}
await browser.close();
