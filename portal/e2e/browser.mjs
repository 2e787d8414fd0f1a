// Debian's Chromium driven by playwright-core (no browser download): headless, with the flags this
// machine needs (no background networking: its connections are refused here).
import { chromium } from "playwright-core";

export const PORTAL = process.env.PORTAL_URL ?? "http://localhost:8080";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** A page in a fresh context, at the big screen's size, failing on any page error. */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  return { context, page, errors };
}

export async function loginAs(page, role) {
  await page.goto(`${PORTAL}/#/login`);
  await page.click(`button[data-role="${role}"]`);
  await page.waitForFunction(() => !location.hash.startsWith("#/login"));
}
