// A planner (officer) moves a project to its next stage, offered only the stages the platform
// allows, and files this month's dispatch report; in Chromium, against the running platform.
import { test } from "node:test";
import assert from "node:assert/strict";
import { accessible, launch, openPage, PORTAL, signIn, tokenOf } from "./browser.mjs";

test("a planner is offered only legal stage moves, makes one and files the month's dispatch report", async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser);
    await signIn(page, "officer", { back: "/workbench/projects" });
    await page.waitForSelector('[data-test="projects"] tbody tr');
    await accessible(page, "projects");
    // its own project in 前期工作, so that the scenario can be run again and again on one platform
    // (the seeded ones it moved on are not there to move a second time)
    const suffix = Date.now().toString(36).toUpperCase();
    const name = `端到端规划项目${suffix}`;
    const registered = await fetch(`${PORTAL}/api/v1/projects`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await tokenOf(page)}` },
      body: JSON.stringify({ code: `E2E-PLAN-${suffix}`, name, zone: "CORE_BUSINESS", category: "COMMERCIAL", stage: "PREPARATION" }),
    });
    assert.equal(registered.status, 201, await registered.text());
    await page.selectOption("#stage", "PREPARATION");
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/v1/projects?") && r.url().includes("stage=PREPARATION")),
      page.click('form[role="search"] button[type="submit"]'),
    ]);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-test="projects"] tbody tr td:nth-child(3)')]
      .every((cell) => cell.textContent?.trim() === "前期工作"));
    await page.fill("#project-name", name);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/v1/projects?") && r.url().includes("name=")),
      page.click('form[role="search"] button[type="submit"]'),
    ]);
    await page.locator('[data-test="projects"] tbody tr a', { hasText: name }).click();
    await page.waitForSelector('[data-test="project"][data-stage="PREPARATION"]');
    const id = page.url().split("/").pop();

    const allowed = await fetch(`${PORTAL}/api/v1/projects/${id}`).then((r) => r.json()).then((p) => p.allowedNextStages);
    const offered = await page.locator('[data-test="target-stage"] option:not([disabled])').evaluateAll((o) => o.map((x) => x.value));
    assert.deepEqual(offered.sort(), [...allowed].sort(), "offered exactly the allowed moves");
    assert.ok(!offered.includes("IN_USE"), "no skipping to 投入使用");
    await accessible(page, "project");

    await page.selectOption('[data-test="target-stage"]', "UNDER_CONSTRUCTION");
    await page.click('button:has-text("确认变更")');
    await page.waitForSelector('[data-test="project"][data-stage="UNDER_CONSTRUCTION"]');

    const month = new Date().toISOString().slice(0, 7);
    await page.fill("#period", month);
    await page.fill("#investment", "120.5");
    await page.fill("#progress", "基坑开挖完成");
    await page.click('[data-test="report"] button[type="submit"]');
    await page.waitForSelector(`[data-test="reports"] >> text=${month}`);
    await page.screenshot({ path: new URL("./screenshots/workbench-project.png", import.meta.url).pathname, fullPage: true });
    assert.deepEqual(errors.map(String), []);
  } finally {
    await browser.close();
  }
});
