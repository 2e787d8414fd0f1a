// 跨省通办 across the border, as people do it in the portal (local mode: the launcher's simulated
// Fengtai system answers through the gateway): a citizen applies in Hongqiao for an item Fengtai
// decides; the intake window checks the form, hands it off and mails the paper originals; Fengtai's
// correction request reaches the citizen, who resubmits; Fengtai accepts, handles and approves; the
// window mails the result. Each leg's due date is on the application.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, launch, openPage, PORTAL, signIn } from "./browser.mjs";

const ITEM = "城乡居民基本养老保险待遇申领（丰台区办理）";
const WINDOW = "红桥区政务服务办公室";
const shot = (page, name) => page.screenshot({ path: new URL(`./screenshots/${name}`, import.meta.url).pathname, fullPage: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Reloads until the application shows {@code status}: Fengtai's answers come after its delay. */
async function until(page, status, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    await page.reload();
    await page.waitForSelector('[data-test="application"]');
    if ((await page.locator('[data-test="application"]').getAttribute("data-status")) === status) {
      return;
    }
    assert.ok(Date.now() < deadline, `still not ${status}`);
    await page.waitForTimeout(1000);
  }
}

test("a Fengtai matter goes there and back, and the citizen and the window see every step and its due date", async () => {
  const citizen = await openPage(browser);
  await signIn(citizen.page, "citizen");
  await citizen.page.goto(`${PORTAL}/#/hall`);
  await citizen.page.waitForSelector('[data-test="items"] tbody tr');
  await citizen.page.fill("#name", "丰台区办理");
  await citizen.page.click('form[role="search"] button[type="submit"]');
  await citizen.page.getByRole("link", { name: ITEM }).click();
  await citizen.page.waitForSelector('[data-test="hand-off-notice"]');
  assert.match(await citizen.page.locator('[data-test="handled-by"]').innerText(), /丰台/);
  await accessible(citizen.page, "a partner's item");
  await citizen.page.fill("#idNumber", "120106199001011234");
  await citizen.page.click('form[data-test="apply"] button[type="submit"]');
  await citizen.page.waitForSelector('[data-test="application"][data-status="SUBMITTED"]');
  assert.match(await citizen.page.locator('[data-leg="PUSH"]').innerText(), /\d{4}-\d{2}-\d{2}/, "the push has its due date");
  const url = citizen.page.url();
  const id = url.split("/").pop();

  const window = await openPage(browser);
  await signIn(window.page, "officer", { department: WINDOW });
  await window.page.goto(`${PORTAL}/#/workbench/applications/${id}`);
  assert.equal(await window.page.locator('button[data-action="ACCEPT"]').count(), 0, "the window does not decide a Fengtai matter");
  await window.page.click('button[data-action="START_PRE_REVIEW"]');
  await window.page.waitForSelector('[data-status="PRE_REVIEW"]');
  await window.page.click('button[data-action="HAND_OFF"]');
  await window.page.waitForSelector('[data-status="HANDED_OFF"]');
  assert.match(await window.page.locator('[data-test="correlation"]').innerText(), /^120106-\d{8}-/);
  await window.page.fill("#originalsTracking", "SF4000000001");
  await window.page.click('button[data-action="MAIL_ORIGINALS"]');
  await window.page.waitForFunction(() => document.querySelector('[data-leg="ORIGINALS"] td:last-child')?.textContent?.match(/\d{4}-/));

  // Fengtai asks for a correction; the citizen sees it and resubmits
  await until(citizen.page, "CORRECTION_REQUESTED");
  assert.match(await citizen.page.locator('[data-test="correction"]').innerText(), /户口簿复印件/);
  await accessible(citizen.page, "a partner's correction notice");
  await citizen.page.click('button[data-action="RESUBMIT"]');
  await citizen.page.waitForSelector('[data-status="HANDED_OFF"]');

  // Fengtai accepts, handles and approves; the window mails the result
  await until(window.page, "COMPLETED");
  assert.match(await window.page.locator('[data-leg="DECISION"]').innerText(), /办理地办结/);
  assert.match(await window.page.locator('[data-leg="RESULT"]').innerText(), /\d{4}-\d{2}-\d{2}/);
  await window.page.fill("#trackingNumber", "SF4000000002");
  await window.page.click('button[data-action="DELIVER_RESULT"]');
  await window.page.waitForSelector('[data-status="RESULT_DELIVERED"]');
  await accessible(window.page, "a delivered cross-border case");
  await shot(window.page, "workbench-cross-border.png");

  await citizen.page.reload();
  await citizen.page.waitForSelector('[data-status="RESULT_DELIVERED"]');
  assert.match(await citizen.page.locator('[data-test="history"]').innerText(), /110106 · 北京市丰台区人力资源和社会保障局/);
  await shot(citizen.page, "application-cross-border.png");
  assert.deepEqual([...citizen.errors, ...window.errors].map(String), []);
});
