/** The CRM connectors the configuration turns on (HubSpot with HUBSPOT_ACCESS_TOKEN). */
import type { CrmConnector } from "../app/connectors/crm-connector.js";
import type { Config } from "../config.js";
import { createHubSpotConnector } from "./hubspot/hubspot-connector.js";

export interface ConfiguredConnector {
  connector: CrmConnector;
  /** Milliseconds between two passes of the service. */
  intervalMs: number;
}

export function configuredConnectors(
  config: Pick<Config, "HUBSPOT_ACCESS_TOKEN" | "HUBSPOT_API_URL" | "HUBSPOT_SYNC_MINUTES">,
  clock: () => Date,
): ConfiguredConnector[] {
  if (!config.HUBSPOT_ACCESS_TOKEN) return [];
  return [
    {
      connector: createHubSpotConnector({
        accessToken: config.HUBSPOT_ACCESS_TOKEN,
        basePath: config.HUBSPOT_API_URL,
        clock,
      }),
      intervalMs: config.HUBSPOT_SYNC_MINUTES * 60_000,
    },
  ];
}
