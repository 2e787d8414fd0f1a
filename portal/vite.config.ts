import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

// The portal is served by the gateway (same origin as /api/v1); `npm run dev` proxies the API to a
// running local platform (PLATFORM_URL, default http://localhost:8080).
export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: { "/api": process.env.PLATFORM_URL ?? "http://localhost:8080" },
  },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
