/**
 * The botbuilder `CloudAdapter`, authenticated from the MICROSOFT_APP_* variables. With an app id,
 * the framework checks every request's JWT; without one (the Agents Playground, tests) it checks
 * nothing, and the route accepts loopback requests only.
 *
 * Outgoing calls fail fast: botbuilder's connector client retries 429s after their Retry-After
 * (up to three times) and 5xx with backoff, which would hold a morning run for minutes. The
 * scheduler owns retries and records failures, so the client's own retry policy is removed.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { Logger } from "pino";

export interface TeamsCredentials {
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
}

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory["create"]>>;

/** The name core-rest-pipeline gives its retry policy (throttling + exponential). */
const RETRY_POLICY_NAME = "defaultRetryPolicy";

class FailFastAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    credentials: TeamsCredentials,
    private readonly logger: Logger,
  ) {
    super({
      MicrosoftAppId: credentials.appId ?? "",
      MicrosoftAppPassword: credentials.appPassword ?? "",
      MicrosoftAppTenantId: credentials.tenantId ?? "",
      MicrosoftAppType: credentials.appType,
    });
  }

  override createConnectorFactory(
    claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>[0],
  ): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      create: async (serviceUrl: string, audience?: string) =>
        withoutBuiltInRetries(await inner.create(serviceUrl, audience), this.logger),
    };
  }
}

export function createCloudAdapter(credentials: TeamsCredentials, logger: Logger): CloudAdapter {
  return new CloudAdapter(new FailFastAuthentication(credentials, logger));
}

let warned = false;

function withoutBuiltInRetries(client: ConnectorClient, logger: Logger): ConnectorClient {
  // The pipeline is a private field of botbuilder's ServiceClientContext; reach it defensively
  // and say so loudly if a botbuilder upgrade moves it (the 429 test would catch it too).
  const pipeline = (
    client as unknown as { client?: { pipeline?: { removePolicy?: (o: { name: string }) => unknown } } }
  ).client?.pipeline;
  if (typeof pipeline?.removePolicy === "function") {
    pipeline.removePolicy({ name: RETRY_POLICY_NAME });
  } else if (!warned) {
    warned = true;
    logger.warn("botbuilder's connector pipeline was not found: its own retries stay on, so a 429 may wait");
  }
  return client;
}
