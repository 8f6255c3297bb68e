/**
 * Web API clients. Slack's WebClient retries by itself for minutes by default; here a 429
 * surfaces at once (`rejectRateLimitedCalls`) so that the scheduler, which owns retries, can
 * wait for the Retry-After and record the failure, and other failures get one short retry.
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
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
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
