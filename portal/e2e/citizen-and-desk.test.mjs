// A citizen applies for a Hongqiao item that Fengtai (110106) residents can also handle, with a
// double click; the department's officer requests a correction; the citizen resubmits; the officer
// accepts and completes; the citizen rates it 非常不满意 and the officer finds the rectification in the
// workbench and closes it. In Chromium, through the portal the gateway serves, against the running
// platform: signed in with demo users in local mode, through Keycloak's page when the platform runs
// with --keycloak (the same file, run by KeycloakLoginIT).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { accessible, apiAs, launch, openPage, PORTAL, signIn } from "./browser.mjs";

const ITEM = "企业职工基本养老保险关系转移接续";
const DEPARTMENT = "红桥区人力资源和社会保障局";
const SHOTS = new URL("./screenshots/", import.meta.url);
mkdirSync(SHOTS, { recursive: true });
const shot = (page, name, fullPage = true) => page.screenshot({ path: new URL(name, SHOTS).pathname, fullPage });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const applicationsOf = async (page) => (await apiAs(page, "/api/v1/applications?size=1")).totalItems;

/** The hall's search, filtered to items Fengtai residents can handle here, and the item's page. */
async function openTheItem(page) {
  await page.goto(`${PORTAL}/#/hall`);
  await page.waitForSelector('[data-test="items"] tbody tr');
  const searched = (what) => page.waitForResponse((r) => r.url().includes("/api/v1/service-items?") && r.url().includes(what));
  await Promise.all([searched("partnerRegion=110106"), page.selectOption("#region", "110106")]);
  await page.fill("#name", "养老保险");
  await Promise.all([searched("name="), page.click('form[role="search"] button[type="submit"]')]);
  await page.getByRole("link", { name: ITEM }).click();
  await page.waitForSelector('form[data-test="apply"]');
  assert.match(await page.locator("dl").innerText(), /异地收件[\s\S]*丰台/, "Fengtai residents can apply for it here");
}

test("a citizen's application goes through the desk and its rating reaches a rectification", async () => {
  const citizen = await openPage(browser);
  await citizen.page.goto(`${PORTAL}/#/login`);
  await citizen.page.waitForSelector("h1:has-text('登录')");
  await accessible(citizen.page, "login");
  await signIn(citizen.page, "citizen");
  const before = await applicationsOf(citizen.page);

  // the citizen finds the item among those handled with Fengtai and applies with a double click
  await citizen.page.goto(`${PORTAL}/#/hall`);
  await citizen.page.waitForSelector('[data-test="items"] tbody tr');
  await accessible(citizen.page, "item search");
  await openTheItem(citizen.page);
  await accessible(citizen.page, "item and apply form");
  await shot(citizen.page, "hall-apply.png");
  await citizen.page.fill("#name", "张市民");
  await citizen.page.fill("#idNumber", "120106199001011234");
  await citizen.page.dblclick('form[data-test="apply"] button[type="submit"]');
  await citizen.page.waitForSelector('[data-test="application"][data-status="SUBMITTED"]');
  const applicationUrl = citizen.page.url();
  const id = applicationUrl.split("/").pop();
  assert.equal(await applicationsOf(citizen.page), before + 1, "a double click makes one application");

  // it is the newest of 我的办件
  await citizen.page.goto(`${PORTAL}/#/hall/mine`);
  await citizen.page.waitForSelector('[data-test="applications"] tbody tr');
  assert.equal(await citizen.page.locator('[data-test="applications"] tbody tr a').first().getAttribute("href"), `#/hall/applications/${id}`);
  await accessible(citizen.page, "my applications");

  // the department's officer pre-reviews and asks for what is missing
  const officer = await openPage(browser);
  await signIn(officer.page, "officer", { department: DEPARTMENT });
  await officer.page.waitForSelector('[data-test="queue"]');
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
  await citizen.page.waitForSelector('[data-test="correction"]');
  assert.match(await citizen.page.locator('[data-test="correction"]').innerText(), /户口簿复印件/);
  await accessible(citizen.page, "application with a correction notice");
  await shot(citizen.page, "application-correction.png");
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
  await shot(officer.page, "workbench-application.png");

  // the citizen rates it 非常不满意: a rectification is opened with its deadline
  await citizen.page.reload();
  await citizen.page.waitForSelector('[data-test="rating"]');
  await citizen.page.getByLabel("非常不满意").check();
  await citizen.page.fill("#comment", "补正要求没有一次说清");
  await citizen.page.click('[data-test="rating"] button[type="submit"]');
  await citizen.page.waitForSelector('[data-test="rating"] >> text=整改');

  // the officer finds it in 差评整改, with its deadline, and closes it with what was done
  await officer.page.getByRole("link", { name: "差评整改" }).click();
  const row = officer.page.locator(`[data-test="rectifications"] tr[data-application="${id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute("data-status"), "OPEN");
  assert.match(await row.innerText(), /非常不满意[\s\S]*补正要求没有一次说清[\s\S]*\d{4}-\d{2}-\d{2}/);
  await accessible(officer.page, "rectifications");
  await shot(officer.page, "workbench-rectifications.png");
  // first the 回访 (contacting the rater), then what was rectified: each step in its turn
  await row.getByRole("button", { name: "记录回访" }).click();
  assert.match(await row.locator(".field-error").innerText(), /\S/, "a 回访 needs what was said, told beside the field");
  await row.getByLabel("回访情况").fill("已电话回访申请人，说明补正要求");
  await row.getByRole("button", { name: "记录回访" }).click();
  await officer.page.locator(`tr[data-application="${id}"][data-status="FOLLOWED_UP"]`).waitFor();
  await row.getByLabel("整改措施").fill("一次性告知补正材料，并优化告知单");
  await row.getByRole("button", { name: "完成整改" }).click();
  await officer.page.locator(`tr[data-application="${id}"][data-status="CLOSED"] >> text=一次性告知补正材料`).waitFor();
  const closed = await apiAs(officer.page, "/api/v1/rectifications?status=CLOSED&size=100");
  assert.ok(closed.items.some((r) => r.applicationId === id && r.followUp.note.startsWith("已电话回访") && r.resolution.startsWith("一次性告知")),
    "the platform has it followed up and closed");

  // the citizen sees what was done and scores the rectification
  await citizen.page.reload();
  await citizen.page.waitForSelector('[data-test="rectification"][data-status="CLOSED"]');
  await accessible(citizen.page, "rectification, for the rater");
  await citizen.page.locator('[data-test="score"]').getByLabel("基本满意").check();
  await citizen.page.locator('[data-test="score"] button[type="submit"]').click();
  await citizen.page.waitForSelector('[data-test="rectification"] >> text=您对整改的评价：基本满意');
  const mine = await apiAs(citizen.page, `/api/v1/rectifications?applicationId=${id}`);
  assert.equal(mine.items[0].raterScore.score, "BASICALLY_SATISFIED");

  assert.deepEqual([...citizen.errors, ...officer.errors].map(String), []);
});

test("the apply form works from the keyboard alone, and a refused field takes the focus", async () => {
  const { page, errors } = await openPage(browser);
  await signIn(page, "citizen");
  await openTheItem(page);
  await page.goto(page.url()); // start from the top of the page, nothing focused
  await page.waitForSelector('form[data-test="apply"]');
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || "");
  const tabTo = async (target, most = 60) => {
    for (let i = 0; i < most && (await focused()) !== target; i++) {
      await page.keyboard.press("Tab");
    }
    assert.equal(await focused(), target, `Tab reaches ${target}`);
  };
  const before = await applicationsOf(page);

  await tabTo("name");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter"); // submits the form, without a name
  await page.waitForSelector("#name-error");
  assert.equal(await focused(), "name", "the refused field has the focus");
  assert.equal(await page.locator("#name").getAttribute("aria-describedby"), "name-error");
  assert.equal(await applicationsOf(page), before, "nothing stored for a refused form");

  await page.keyboard.type("张市民");
  await tabTo("idNumber", 3);
  await page.keyboard.type("120106199001011234");
  await tabTo("提交申请");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-test="application"][data-status="SUBMITTED"]');
  assert.equal(await applicationsOf(page), before + 1);
  assert.deepEqual(errors.map(String), []);
});

/**
 * The dashboard as the API gives it once every section is available. A service still warming up
 * can miss its timeout on the first reads, and the gateway keeps each caller's answer for 10 s, so
 * this asks again for a while; if a section stays unavailable, the failure names it and its reason.
 */
async function everySectionAvailable(page) {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const dashboard = await apiAs(page, "/api/v1/dashboard");
    const missing = Object.entries(dashboard).filter(([, section]) => !section.available)
      .map(([name, section]) => `${name}: ${section.reason}`);
    if (missing.length === 0) return dashboard;
    assert.ok(Date.now() < deadline, `dashboard sections still unavailable after 45 s: ${missing.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

test("the big screen shows every section with the API's figures", async () => {
  const { page, errors } = await openPage(browser);
  await signIn(page, "admin", { back: "/dashboard" });
  const dashboard = await everySectionAvailable(page);
  await page.reload();
  await page.waitForSelector('[data-figure="projects"]');
  assert.equal(await page.locator('[data-figure="projects"]').innerText(), String(dashboard.projects.data.projects));
  assert.equal(await page.locator('[data-figure="enterprises"]').innerText(), String(dashboard.enterprises.data.totalItems));
  assert.equal(await page.locator('[data-figure="serviceItems"]').innerText(), String(dashboard.serviceItems.data.totalItems));
  assert.equal(await page.locator('[data-figure="soeRegistered"]').innerText(), String(dashboard.soeBranches.data.registered));
  assert.equal(await page.locator(".notice").count(), 0, "every section available");
  await accessible(page, "dashboard");
  await page.waitForTimeout(800); // the charts' entry animation
  await shot(page, "dashboard.png", false);
  assert.deepEqual(errors.map(String), []);
});
