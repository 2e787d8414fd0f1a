/**
 * What the portal needs to know of its environment, read at start from /portal-config.json so that
 * one build serves every environment (the file is the deployment's, not the build's).
 */
export interface PortalConfig {
  /** Where the gateway answers /api/v1; "" when it serves the portal itself (same origin). */
  apiBase: string;
  auth: LocalAuth | OidcAuth;
  /** How often the big screen refreshes itself. */
  refreshSeconds: number;
}

/** Local mode: a choice of demo user, tokens from the gateway's POST /api/v1/local/tokens. */
export interface LocalAuth {
  mode: "local";
}

/** Production: authorization code with PKCE against the OIDC provider (Keycloak). */
export interface OidcAuth {
  mode: "oidc";
  issuer: string;
  clientId: string;
  scope?: string;
}

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<PortalConfig> {
  const response = await fetcher("/portal-config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`/portal-config.json: ${response.status}`);
  }
  const config = (await response.json()) as Partial<PortalConfig>;
  const auth = config.auth ?? { mode: "local" };
  if (auth.mode === "oidc" && (!auth.issuer || !auth.clientId)) {
    throw new Error("/portal-config.json: auth.mode oidc needs issuer and clientId");
  }
  return { apiBase: config.apiBase ?? "", auth, refreshSeconds: config.refreshSeconds ?? 30 };
}
