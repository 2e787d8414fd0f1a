import { createApp } from "vue";
import App from "./App.vue";
import { createApi } from "./api/client";
import { Session } from "./auth/session";
import { loadConfig } from "./config";
import { router } from "./router";
import { PORTAL, type Portal } from "./portal";
import "./style.css";

const config = await loadConfig();
const session = new Session(config);
const back = await session.resume().catch((e: unknown) => {
  console.error("sign-in could not be completed", e);
  return null;
});
const portal: Portal = { config, session, api: createApi(config.apiBase, session) };

createApp(App).provide(PORTAL, portal).use(router).mount("#app");
if (back) {
  // the router read the address before the sign-in was completed
  await router.replace(back);
}
