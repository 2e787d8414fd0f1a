import { reactive } from "vue";
import { UserManager, WebStorageStateStore } from "oidc-client-ts";
import type { PortalConfig } from "../config";
import type { Api, TokenSource } from "../api/client";
import { call } from "../api/problems";

/** Who is using the portal, as their access token says (for display and for offering actions). */
export interface Person {
  subject: string;
  name: string;
  roles: string[];
  department?: string;
  enterpriseId?: string;
}

/** The demo users of local mode (POST /api/v1/local/tokens); the platform's README lists the same. */
export const DEMO_USERS = [
  { role: "citizen", label: "市民（张市民）" },
  { role: "enterprise", label: "企业经办人" },
  { role: "officer", label: "工作人员" },
  { role: "admin", label: "管理员" },
] as const;

const STORAGE = "samecity.session";

/** Reads the claims of a JWT (no verification here: the platform verifies every call). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/** The person a token names: roles from "roles" (local tokens) or Keycloak's realm_access.roles. */
export function personOf(token: string): Person {
  const claims = claimsOf(token);
  const realm = claims["realm_access"] as { roles?: string[] } | undefined;
  const roles = (claims["roles"] as string[] | undefined) ?? realm?.roles ?? [];
  return {
    subject: String(claims["sub"] ?? ""),
    name: String(claims["name"] ?? claims["preferred_username"] ?? claims["sub"] ?? ""),
    roles: roles.filter((r) => ["citizen", "enterprise", "officer", "admin", "partner", "auditor"].includes(r)),
    department: claims["department"] as string | undefined,
    enterpriseId: claims["enterpriseId"] as string | undefined,
  };
}

/**
 * The session: a token and the person it names. Local mode asks the gateway for a demo user's
 * token; OIDC mode signs in with authorization code + PKCE (oidc-client-ts) and renews silently.
 */
export class Session implements TokenSource {
  readonly state = reactive<{ person: Person | null; loginError: string | null }>({ person: null, loginError: null });
  private accessToken: string | null = null;
  private readonly oidc: UserManager | null;

  constructor(
    private readonly config: PortalConfig,
    private readonly storage: Storage = sessionStorage,
  ) {
    this.oidc =
      config.auth.mode === "oidc"
        ? new UserManager({
            authority: config.auth.issuer,
            client_id: config.auth.clientId,
            redirect_uri: `${location.origin}/`,
            post_logout_redirect_uri: `${location.origin}/`,
            response_type: "code",
            scope: config.auth.scope ?? "openid profile",
            userStore: new WebStorageStateStore({ store: storage }),
            automaticSilentRenew: true,
          })
        : null;
    const saved = config.auth.mode === "local" ? storage.getItem(STORAGE) : null;
    if (saved) {
      this.use(saved);
    }
  }

  get mode(): "local" | "oidc" {
    return this.config.auth.mode;
  }

  token(): string | null {
    return this.accessToken;
  }

  hasRole(...roles: string[]): boolean {
    return this.state.person !== null && this.state.person.roles.some((r) => roles.includes(r));
  }

  /**
   * At start: completes an OIDC sign-in coming back from the provider (answering the route the
   * person was going to), or restores its user.
   */
  async resume(): Promise<string | null> {
    if (!this.oidc) {
      return null;
    }
    const query = new URLSearchParams(location.search);
    if (query.has("error")) {
      // the provider refused the sign-in: say so on the login page, and clean the address
      this.state.loginError = query.get("error_description") ?? query.get("error");
      history.replaceState(null, "", `${location.origin}/#/login`);
      return "/login";
    }
    if (query.has("code") && query.has("state")) {
      const user = await this.oidc.signinRedirectCallback();
      // back to where the person was (the provider's redirect keeps no fragment; it travels in the state)
      const back = typeof user.state === "string" && user.state.startsWith("#/") ? user.state.slice(1) : "/";
      history.replaceState(null, "", `${location.origin}/#${back}`);
      this.use(user.access_token);
      this.oidc.events.addUserLoaded((u) => this.use(u.access_token));
      return back;
    }
    const user = await this.oidc.getUser();
    if (user && !user.expired) {
      this.use(user.access_token);
    }
    this.oidc.events.addUserLoaded((u) => this.use(u.access_token));
    return null;
  }

  /** Local mode: a token for a demo user of {@code role}, from the gateway. */
  async loginAsDemo(api: Api, role: string, department?: string): Promise<void> {
    const issued = await call(api.POST("/api/v1/local/tokens", { body: { role, department: department || null } }));
    this.storage.setItem(STORAGE, issued.accessToken);
    this.use(issued.accessToken);
  }

  /** OIDC mode: to the provider's login page, and back to {@code back} (a route) afterwards. */
  async login(back: string): Promise<void> {
    await this.oidc?.signinRedirect({ state: `#${back}` });
  }

  async logout(): Promise<void> {
    this.accessToken = null;
    this.state.person = null;
    this.storage.removeItem(STORAGE);
    if (this.oidc) {
      await this.oidc.signoutRedirect();
    }
  }

  private use(token: string): void {
    const person = personOf(token);
    const expires = Number(claimsOf(token)["exp"] ?? 0) * 1000;
    if (expires && expires < Date.now()) {
      this.storage.removeItem(STORAGE);
      return;
    }
    this.accessToken = token;
    this.state.person = person;
  }
}
