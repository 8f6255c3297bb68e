/**
 * Web API clients. Slack's WebClient retries by itself for minutes by default; here nothing is
 * retried by the client: a 429 surfaces at once (`rejectRateLimitedCalls`) so that the scheduler,
 * which owns retries, waits out the Retry-After; and a call that timed out is not re-posted,
 * because Slack may have posted it after our timeout (a retried chat.postMessage was a second
 * nudge). The scheduler retries a timed-out nudge after its backoff (at-least-once, see README).
 */
import { webApi } from "@slack/bolt";

export interface ClientSettings {
  /** The Web API base URL (SLACK_API_URL), ending with a slash; Slack's when undefined. */
  apiUrl: string | undefined;
}

export function webClientOptions(settings: ClientSettings): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: withSlash(settings.apiUrl) } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logLevel: webApi.LogLevel.ERROR,
  };
}

export function createWebClient(token: string | undefined, settings: ClientSettings): webApi.WebClient {
  return new webApi.WebClient(token, webClientOptions(settings));
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
