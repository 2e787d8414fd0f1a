// Run by local-platform's KeycloakLoginIT against `./run-local --keycloak`: a citizen and an officer
// sign in through Keycloak's own login page (authorization code + PKCE, oidc-client-ts), and the
// platform, trusting Keycloak's issuer instead of the local key, answers them as themselves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { authMode, launch, openPage, signIn } from "./browser.mjs";

test("a citizen and an officer sign in through Keycloak and the platform knows them", async () => {
  assert.equal(await authMode(), "oidc", "the portal is configured for Keycloak");
  const browser = await launch();
  try {
    const citizen = await openPage(browser);
    await signIn(citizen.page, "citizen", { back: "/hall/mine" });
    await citizen.page.waitForSelector('[data-test="person"]');
    assert.equal(await citizen.page.locator('[data-test="person"]').innerText(), "张市民");
    await citizen.page.waitForSelector("h1:has-text('我的办件')");
    assert.equal(await citizen.page.locator('[role="alert"]').count(), 0, "the platform accepted Keycloak's token");

    const officer = await openPage(browser);
    await signIn(officer.page, "officer");
    await officer.page.waitForSelector('[data-test="person"]');
    assert.equal(await officer.page.locator('[data-test="person"]').innerText(), "红桥区人力资源和社会保障局", "department claim mapped");
    await officer.page.waitForSelector("h1:has-text('工作台')");
    await officer.page.waitForFunction(() => document.querySelector('[data-test="queue"]') || document.body.innerText.includes("没有符合条件的办件"));
    assert.equal(await officer.page.locator('[role="alert"]').count(), 0, "the officer's queue answered");
    await officer.page.screenshot({ path: new URL("./screenshots/keycloak-workbench.png", import.meta.url).pathname });
    assert.deepEqual([...citizen.errors, ...officer.errors].map(String), []);
  } finally {
    await browser.close();
  }
});
