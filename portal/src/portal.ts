import { inject, type InjectionKey } from "vue";
import type { Api } from "./api/client";
import type { Session } from "./auth/session";
import type { PortalConfig } from "./config";

/** What every view uses: the configuration, the session and the typed API client. */
export interface Portal {
  config: PortalConfig;
  session: Session;
  api: Api;
}

export const PORTAL: InjectionKey<Portal> = Symbol("portal");

export function usePortal(): Portal {
  const portal = inject(PORTAL);
  if (!portal) {
    throw new Error("the portal is not provided");
  }
  return portal;
}
