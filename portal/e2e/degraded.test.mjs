// Run by the platform's end-to-end test after it has stopped projects-service and services-service:
// the big screen marks their sections 暂不可用 with the reason, and enterprise-service's still show.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, PORTAL } from "./browser.mjs";

test("with two services stopped the big screen says which sections are unavailable and shows the rest", async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser);
    await page.goto(`${PORTAL}/#/dashboard`);
    // the gateway caches the dashboard for a few seconds (DASHBOARD_CACHE_TTL): wait until it has seen the stop
    const deadline = Date.now() + 30_000;
    while (!(await page.locator('[data-section="projects"]').innerText()).includes("暂不可用") && Date.now() < deadline) {
      await page.waitForTimeout(2000);
      await page.reload();
      await page.waitForSelector('[data-section="projects"] h2');
    }
    await page.waitForSelector('[data-section="soeBranches"] [data-figure="soeRegistered"]');
    for (const section of ["projects", "zones", "investment", "redWarnings", "vacancy", "serviceFigures"]) {
      const text = await page.locator(`[data-section="${section}"]`).innerText();
      assert.match(text, /暂不可用：/, `${section} says it is unavailable`);
      assert.doesNotMatch(text, /\b0 个项目|空置率 0/, `${section} shows no zero it did not get`);
    }
    assert.match(await page.locator('[data-section="enterprises"]').innerText(), /登记企业 \d+ 家/);
    await page.screenshot({ path: new URL("./screenshots/dashboard-degraded.png", import.meta.url).pathname });
    assert.deepEqual(errors.map(String), []);
  } finally {
    await browser.close();
  }
});
