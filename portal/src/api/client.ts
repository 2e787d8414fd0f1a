import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./platform";

/** The platform's schemas, generated from docs/openapi/platform.json (npm run generate): never hand-copied. */
export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

/** Whose token goes with each call. */
export interface TokenSource {
  token(): string | null;
}

/**
 * The typed client of the platform's API (openapi-fetch over the generated paths): every call sends
 * the session's token and asks for Chinese (the platform's default, said explicitly).
 */
export function createApi(baseUrl: string, tokens: TokenSource) {
  const client = createClient<paths>({ baseUrl });
  const identify: Middleware = {
    onRequest({ request }) {
      const token = tokens.token();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      request.headers.set("Accept-Language", "zh-CN");
      return request;
    },
  };
  client.use(identify);
  return client;
}

export type Api = ReturnType<typeof createApi>;
