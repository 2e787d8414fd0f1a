// Debian's Chromium driven by playwright-core (no browser download): headless, with the flags this
// machine needs (no background networking: its connections are refused here). And signing in the way
// the platform under test is configured: demo users in local mode, Keycloak's own page in OIDC mode.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

export const PORTAL = process.env.PORTAL_URL ?? "http://localhost:8080";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A page in a fresh context, at the big screen's size, failing on any page error. What the page met
 * on the way (API answers of 400 and above, requests that never got an answer, requests still
 * unanswered after 5 s, console errors) is printed as it happens, so that a step that times out says
 * what the person would have seen, and whether the page was waiting on the platform at the time.
 */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  const seen = (what) => console.log(`# [page ${new Date().toISOString()}] ${what}`);
  page.on("pageerror", (e) => { errors.push(e); seen(`page error: ${e}`); });
  page.on("console", (m) => { if (m.type() === "error") seen(`console error: ${m.text()}`); });
  page.on("requestfailed", (r) => seen(`no answer: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
  // a request the platform takes more than 5 s to answer is named once, with when it was sent
  const pending = new Map();
  page.on("request", (r) => pending.set(r, Date.now()));
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => pending.delete(r));
  const slow = setInterval(() => {
    for (const [r, sent] of pending) {
      if (Date.now() - sent > 5000) {
        pending.delete(r);
        seen(`still unanswered after 5 s: ${r.method()} ${r.url()} (sent ${new Date(sent).toISOString()})`);
      }
    }
  }, 1000);
  slow.unref();
  page.on("close", () => clearInterval(slow));
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().includes("/api/")) {
      r.text().then((body) => seen(`${r.status()} ${r.request().method()} ${r.url()}: ${body.slice(0, 300)}`), () => seen(`${r.status()} ${r.request().method()} ${r.url()}`));
    }
  });
  return { context, page, errors };
}

let config;
/** The portal's runtime configuration, as the gateway serves it: which way people sign in here. */
export async function authMode() {
  config ??= await fetch(`${PORTAL}/portal-config.json`).then((r) => r.json());
  return config.auth.mode;
}

/**
 * Signs {@code role} in and waits until the portal has gone {@code back}: in local mode the demo user
 * of that role (an officer of {@code department}); in OIDC mode the realm's `<role>-demo` user through
 * Keycloak's login page (its officer-demo works for 红桥区人力资源和社会保障局).
 */
export async function signIn(page, role, { department, back } = {}) {
  const target = back ?? (role === "officer" || role === "admin" ? "/workbench" : "/hall");
  await page.goto(`${PORTAL}/#/login?back=${encodeURIComponent(target)}`);
  if ((await authMode()) === "oidc") {
    await page.click('[data-test="oidc-login"]');
    await page.waitForSelector("#username"); // Keycloak's page
    assert.match(page.url(), /\/protocol\/openid-connect\/auth\?.*code_challenge_method=S256/);
    await page.fill("#username", `${role}-demo`);
    await page.fill("#password", `${role}-demo`);
    await page.click("#kc-login");
  } else {
    if (department) {
      await page.selectOption("#department", department);
    }
    await page.click(`button[data-role="${role}"]`);
  }
  await page.waitForURL((url) => url.toString().startsWith(PORTAL) && url.hash.startsWith(`#${target}`));
  // Coming back from Keycloak, the address is set before the portal has mounted (it completes the
  // sign-in first): wait until the portal shows who is signed in, so that the next step meets a
  // mounted portal and not one still starting (as after a local sign-in, made inside the portal).
  await page.waitForSelector('[data-test="person"]');
}

/** The access token the portal holds in {@code page} (local demo token or the OIDC user's), to ask the API what it shows. */
export async function tokenOf(page) {
  return page.evaluate(() => {
    const local = sessionStorage.getItem("samecity.session");
    if (local) {
      return local;
    }
    const key = Object.keys(sessionStorage).find((k) => k.startsWith("oidc.user:"));
    return key ? JSON.parse(sessionStorage.getItem(key)).access_token : null;
  });
}

/** GET through the gateway as the person signed in on {@code page}. */
export async function apiAs(page, path) {
  const response = await fetch(`${PORTAL}${path}`, { headers: { Authorization: `Bearer ${await tokenOf(page)}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function accessible(page, view) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], `${view}: accessibility`);
}
