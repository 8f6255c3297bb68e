/**
 * The real service pieces for Slack tests: the HTTP server with the Slack adapter's routes on
 * 127.0.0.1 (port 0), a fake Slack Web API, and a test database. Requests are signed like Slack's.
 */
import pino from "pino";
import { vi } from "vitest";
import type { AppContext } from "../../../src/app/ports.js";
import { createSlackAdapter } from "../../../src/channels/slack/index.js";
import { loadConfig } from "../../../src/config.js";
import { createHttpServer } from "../../../src/http/server.js";
import type { Db } from "../../../src/storage/database.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import {
  type ActionInput,
  buildAppHomeOpenedBody,
  buildBlockActionBody,
  buildSlashCommandBody,
  buildViewSubmissionBody,
  postSigned,
  type SendOptions,
  type SlackResponse,
} from "../../support/slack-requests.js";

export const SECRET = "test-signing-secret";
export const TEAM = "T0TEAM";

export interface SlackHarness {
  fake: FakeSlackApi;
  ctx: AppContext;
  /** Moves the service's clock (the signature check keeps using real time, as Slack does). */
  setNow(now: Date): void;
  eventsUrl: string;
  baseUrl: string;
  command(
    userId: string,
    text: string,
    options?: Partial<SendOptions>,
  ): Promise<{ res: SlackResponse; responseUrl: string }>;
  action(userId: string, input: ActionInput, options?: Partial<SendOptions>): Promise<SlackResponse>;
  submitView(
    userId: string,
    view: {
      callbackId: string;
      privateMetadata: string;
      values: Record<string, Record<string, unknown>>;
      id?: string;
    },
  ): Promise<SlackResponse>;
  homeOpened(userId: string, options?: Partial<SendOptions>): Promise<SlackResponse>;
  /**
   * Waits until the work that follows every request answered so far is done: after it, what did
   * not happen (no second check-in, no call to Slack) will not happen.
   */
  settled(): Promise<void>;
  /** Waits until the service has answered every response_url post made for `responseUrl`. */
  responsesTo(responseUrl: string, count?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Multi-workspace OAuth instead of one bot token. */
  oauth?: boolean;
}

export async function startSlackHarness(
  db: Db,
  now?: Date,
  options: HarnessOptions = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlackApi({ teamId: TEAM });
  let clock = now;
  const logger = pino({ level: "silent" });
  const ctx: AppContext = { db, clock: () => clock ?? new Date(), logger, channels: [] };
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...(options.oauth
      ? {
          SLACK_CLIENT_ID: "111.222",
          SLACK_CLIENT_SECRET: "client-secret",
          SLACK_STATE_SECRET: "state-secret",
        }
      : { SLACK_BOT_TOKEN: "xoxb-test-token" }),
  });
  const adapter = await createSlackAdapter(config, ctx);
  if (!adapter) throw new Error("the Slack adapter was not created");
  ctx.channels.push(adapter.channel);
  const http = createHttpServer(adapter.routes, logger);
  const port = await http.listen(0, "127.0.0.1");
  await adapter.start?.();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const form = "application/x-www-form-urlencoded" as const;
  const sign = (options?: Partial<SendOptions>): SendOptions => ({ secret: SECRET, ...options });

  return {
    fake,
    ctx,
    setNow: (next) => {
      clock = next;
    },
    eventsUrl,
    baseUrl: `http://127.0.0.1:${port}`,
    command: async (userId, text, options) => {
      const responseUrl = fake.responseUrl();
      const body = buildSlashCommandBody({ teamId: TEAM, userId }, text, responseUrl);
      return { res: await postSigned(eventsUrl, body, form, sign(options)), responseUrl };
    },
    action: (userId, input, options) =>
      postSigned(eventsUrl, buildBlockActionBody({ teamId: TEAM, userId }, input), form, sign(options)),
    submitView: (userId, view) =>
      postSigned(eventsUrl, buildViewSubmissionBody({ teamId: TEAM, userId }, view), form, sign()),
    homeOpened: (userId, options) =>
      postSigned(
        eventsUrl,
        buildAppHomeOpenedBody({ teamId: TEAM, userId }),
        "application/json",
        sign(options),
      ),
    settled: async () => {
      await adapter.settled?.();
    },
    responsesTo: (responseUrl, count = 1) => {
      const path = new URL(responseUrl).pathname;
      return vi.waitFor(
        () => {
          const found = fake.calls
            .filter((c) => c.method === "response_url" && c.path === path)
            .map((c) => c.body);
          if (found.length < count)
            throw new Error(`expected ${count} answer(s) on ${path}, got ${found.length}`);
          return found;
        },
        { timeout: 5_000, interval: 10 },
      );
    },
    close: async () => {
      await adapter.stop?.();
      await http.close();
      await fake.close();
    },
  };
}

/** Every text of a Block Kit message or answer, joined, for "the user sees …" assertions. */
export function visibleText(message: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") return;
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "text" && typeof v === "string") out.push(v);
        else walk(v);
      }
    }
  };
  walk(message.blocks ?? []);
  if (typeof message.text === "string") out.push(message.text);
  return out.join("\n");
}

interface ElementLike {
  action_id?: string;
  value?: string;
  options?: { value: string }[];
}

/** The interactive elements of a message's blocks (buttons, overflow menus). */
export function elementsOf(blocks: unknown): ElementLike[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: { type?: string; elements?: ElementLike[] }) =>
    b.type === "actions" ? (b.elements ?? []) : [],
  );
}

/** A sent nudge of `repId` for `localDate` holding one open pick per account; returns the pick ids. */
export async function seedNudge(
  db: Db,
  workspaceId: number,
  repId: number,
  accountIds: number[],
  localDate = "2026-03-10",
): Promise<{ nudgeId: number; pickIds: number[]; message: { channel: string; ts: string } }> {
  const message = { channel: `D${repId}`, ts: `${1_700_000_000 + repId}.000100` };
  const [nudge] = await db
    .insert(nudges)
    .values({
      workspaceId,
      repId,
      localDate,
      status: "sent",
      sentAt: new Date(),
      messageRef: { platform: "slack", ...message },
    })
    .returning({ id: nudges.id });
  const rows = await db
    .insert(picks)
    .values(
      accountIds.map((accountId, position) => ({
        workspaceId,
        nudgeId: nudge!.id,
        accountId,
        position,
        kind: "due" as const,
        reason: "Due for a call",
      })),
    )
    .returning({ id: picks.id });
  return { nudgeId: nudge!.id, pickIds: rows.map((r) => r.id), message };
}
