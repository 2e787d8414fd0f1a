// A citizen applies for a Hongqiao item that Fengtai (110106) residents can also handle, with a
// double click; the department's officer requests a correction; the citizen resubmits; the officer
// accepts and completes; the citizen rates it 非常不满意 and is told of the rectification. In
// Chromium, through the portal the gateway serves, against the running local platform.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { launch, loginAs, openPage, PORTAL } from "./browser.mjs";

const ITEM = "企业职工基本养老保险关系转移接续";
const DEPARTMENT = "红桥区人力资源和社会保障局";
const SHOTS = new URL("./screenshots/", import.meta.url);
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function token(role, department) {
  const response = await fetch(`${PORTAL}/api/v1/local/tokens`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role, department }),
  });
  return (await response.json()).accessToken;
}

async function applicationsOfTheCitizen() {
  const response = await fetch(`${PORTAL}/api/v1/applications?size=1`, { headers: { Authorization: `Bearer ${await token("citizen")}` } });
  return (await response.json()).totalItems;
}

/** axe-core on the page as it is: no serious or critical violation. */
async function accessible(page, view) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], `${view}: accessibility`);
}

async function asOfficer() {
  const { page, errors, context } = await openPage(browser);
  await page.goto(`${PORTAL}/#/login`);
  await page.selectOption("#department", DEPARTMENT);
  await page.click('button[data-role="officer"]');
  await page.waitForURL(/#\/workbench/);
  return { page, errors, context };
}

test("a citizen's application goes through the desk and its rating reaches a rectification", async () => {
  const before = await applicationsOfTheCitizen();

  // the citizen finds the item among those handled with Fengtai and applies with a double click
  const citizen = await openPage(browser);
  await loginAs(citizen.page, "citizen");
  await citizen.page.goto(`${PORTAL}/#/hall`);
  await citizen.page.selectOption("#region", "110106");
  await citizen.page.getByRole("link", { name: ITEM }).click();
  await citizen.page.waitForSelector('form[data-test="apply"]');
  await accessible(citizen.page, "item and apply form");
  await citizen.page.screenshot({ path: new URL("hall-apply.png", SHOTS).pathname, fullPage: true });
  await citizen.page.fill("#name", "张市民");
  await citizen.page.fill("#idNumber", "120106199001011234");
  await citizen.page.dblclick('form[data-test="apply"] button[type="submit"]');
  await citizen.page.waitForSelector('[data-test="application"][data-status="SUBMITTED"]');
  const applicationUrl = citizen.page.url();
  const id = applicationUrl.split("/").pop();
  assert.equal(await applicationsOfTheCitizen(), before + 1, "a double click makes one application");

  // the department's officer pre-reviews and asks for what is missing
  const officer = await asOfficer();
  await accessible(officer.page, "workbench queue");
  await officer.page.goto(`${PORTAL}/#/workbench/applications/${id}`);
  await officer.page.click('button[data-action="START_PRE_REVIEW"]');
  await officer.page.waitForSelector('[data-status="PRE_REVIEW"]');
  await officer.page.fill("#missing", "户口簿复印件");
  await officer.page.click('button[data-action="REQUEST_CORRECTION"]');
  await officer.page.waitForSelector('[data-status="CORRECTION_REQUESTED"]');
  assert.equal(await officer.page.locator('[data-test="actions"]').count(), 0, "nothing for the desk while the applicant corrects");

  // the citizen sees the notice and resubmits
  await citizen.page.goto(applicationUrl);
  await citizen.page.reload();
  await citizen.page.waitForSelector('[data-test="correction"]');
  assert.match(await citizen.page.locator('[data-test="correction"]').innerText(), /户口簿复印件/);
  await citizen.page.screenshot({ path: new URL("application-correction.png", SHOTS).pathname, fullPage: true });
  await citizen.page.click('button[data-action="RESUBMIT"]');
  await citizen.page.waitForSelector('[data-status="PRE_REVIEW"]');

  // the officer accepts, handles and completes
  await officer.page.reload();
  await officer.page.click('button[data-action="ACCEPT"]');
  await officer.page.waitForSelector('[data-status="ACCEPTED"]');
  assert.match(await officer.page.locator('[data-test="due"]').innerText(), /\d{4}-\d{2}-\d{2}/);
  await officer.page.click('button[data-action="START_HANDLING"]');
  await officer.page.waitForSelector('[data-status="IN_PROGRESS"]');
  await officer.page.click('button[data-action="COMPLETE"]');
  await officer.page.waitForSelector('[data-status="COMPLETED"]');
  await officer.page.screenshot({ path: new URL("workbench-application.png", SHOTS).pathname, fullPage: true });

  // the citizen rates it 非常不满意: a rectification is opened with its deadline
  await citizen.page.reload();
  await citizen.page.waitForSelector('[data-test="rating"]');
  await citizen.page.getByLabel("非常不满意").check();
  await citizen.page.click('[data-test="rating"] button[type="submit"]');
  await citizen.page.waitForSelector('[data-test="rating"] >> text=整改');
  const rectifications = await fetch(`${PORTAL}/api/v1/rectifications?status=OPEN`, {
    headers: { Authorization: `Bearer ${await token("officer", DEPARTMENT)}` },
  }).then((r) => r.json());
  assert.ok(rectifications.items.some((r) => r.applicationId === id), "the officer's department has the rectification");

  assert.deepEqual([...citizen.errors, ...officer.errors].map(String), []);
});

test("the big screen shows every section with the API's figures", async () => {
  const { page, errors } = await openPage(browser);
  await loginAs(page, "admin");
  await page.goto(`${PORTAL}/#/dashboard`);
  await page.waitForSelector('[data-figure="projects"]');
  const dashboard = await fetch(`${PORTAL}/api/v1/dashboard`, { headers: { Authorization: `Bearer ${await token("admin")}` } })
    .then((r) => r.json());
  assert.equal(await page.locator('[data-figure="projects"]').innerText(), String(dashboard.projects.data.projects));
  assert.equal(await page.locator('[data-figure="enterprises"]').innerText(), String(dashboard.enterprises.data.totalItems));
  assert.equal(await page.locator('[data-figure="serviceItems"]').innerText(), String(dashboard.serviceItems.data.totalItems));
  assert.equal(await page.locator('[data-figure="soeRegistered"]').innerText(), String(dashboard.soeBranches.data.registered));
  assert.equal(await page.locator(".notice").count(), 0, "every section available");
  await accessible(page, "dashboard");
  await page.waitForTimeout(800); // the charts' entry animation
  await page.screenshot({ path: new URL("dashboard.png", SHOTS).pathname });
  assert.deepEqual(errors.map(String), []);
});
