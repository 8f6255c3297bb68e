/**
 * A fake Slack Web API on 127.0.0.1: answers the methods the bot calls the way Slack does,
 * records every call (form or JSON bodies, with nested JSON fields parsed), and can be told to
 * answer 429 with Retry-After, 500, or a Slack error for the next calls of a method. It also
 * receives `response_url` posts (under /respond/…), recorded as method "response_url".
 */
import http from "node:http";

export interface RecordedCall {
  method: string;
  /** The request body, with `blocks`, `view` and other JSON-encoded form fields parsed. */
  body: Record<string, unknown>;
  token: string | undefined;
  /** The path of a response_url post. */
  path: string;
  /** When it arrived (performance.now()), and whether it was refused by the rate limit. */
  at: number;
  rateLimited: boolean;
}

type Failure = { status: 429; retryAfterSeconds: number } | { status: 500 } | { error: string };

export interface SlackUser {
  id: string;
  email: string;
  name?: string;
}

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL / `slackApiUrl` (ends with a slash). */
  apiUrl: string;
  /** A response_url the bot may post to; each is unique. */
  responseUrl(): string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** The next `times` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  addUser(user: SlackUser): void;
  /** Waits until `count` calls of `method` were recorded (or fails after `timeoutMs`). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  /**
   * Enforce a rate limit on one method as Slack does: a token bucket of `perSecond` with `burst`;
   * a call above it is answered 429 with Retry-After (whole seconds until a token is back).
   */
  rateLimit?: { method: string; perSecond: number; burst: number };
  /** Keep the bodies of recorded calls (default true); benchmarks with many calls turn it off. */
  keepBodies?: boolean;
}

const JSON_FIELDS = new Set(["blocks", "view", "attachments", "metadata"]);

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const teamId = options.teamId ?? "T0TEAM";
  const botUserId = options.botUserId ?? "U0BOT";
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  const users = new Map<string, SlackUser>();
  const waiters = new Set<() => void>();
  let ts = 1_700_000_000;
  let responses = 0;
  const limit = options.rateLimit;
  let tokens = limit?.burst ?? 0;
  let refilledAt = performance.now();
  /** Seconds to wait when the limited method has no token now; 0 when the call may go. */
  const overLimit = (method: string, at: number): number => {
    if (!limit || method !== limit.method) return 0;
    tokens = Math.min(limit.burst, tokens + ((at - refilledAt) / 1000) * limit.perSecond);
    refilledAt = at;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
  };

  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          team_id: teamId,
          team: options.teamName ?? "Test Team",
          user_id: botUserId,
          bot_id: "B0BOT",
        };
      case "chat.postMessage": {
        const channel = String(body.channel ?? "");
        return {
          ok: true,
          channel: channel.startsWith("U") ? `D${channel.slice(1)}` : channel,
          ts: `${++ts}.000100`,
        };
      }
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${++ts}.000200` };
      case "views.open":
      case "views.publish":
      case "views.update":
        return { ok: true, view: { id: `V${++ts}` } };
      case "users.info": {
        const user = users.get(String(body.user ?? ""));
        return user ? { ok: true, user: slackUser(user) } : { ok: false, error: "user_not_found" };
      }
      case "users.lookupByEmail": {
        const email = String(body.email ?? "").toLowerCase();
        const user = [...users.values()].find((u) => u.email.toLowerCase() === email);
        return user ? { ok: true, user: slackUser(user) } : { ok: false, error: "users_not_found" };
      }
      case "oauth.v2.access":
        return {
          ok: true,
          app_id: "A0APP",
          access_token: "xoxb-installed-token",
          token_type: "bot",
          scope: "chat:write,commands",
          bot_user_id: botUserId,
          team: { id: teamId, name: options.teamName ?? "Test Team" },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: "U0INSTALLER" },
        };
      default:
        return { ok: true };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = parseBody(raw, String(req.headers["content-type"] ?? ""));
      const auth = String(req.headers.authorization ?? "");
      const token = auth.startsWith("Bearer ")
        ? auth.slice(7)
        : typeof body.token === "string"
          ? body.token
          : undefined;
      const method = url.pathname.startsWith("/respond/")
        ? "response_url"
        : url.pathname.replace(/^\/api\//, "");
      const at = performance.now();
      const waitSeconds = overLimit(method, at);
      calls.push({
        method,
        body: options.keepBodies === false ? {} : body,
        token,
        path: url.pathname,
        at,
        rateLimited: waitSeconds > 0,
      });
      for (const wake of [...waiters]) wake();

      const queued = failures.get(method);
      const failure: Failure | undefined =
        waitSeconds > 0 ? { status: 429, retryAfterSeconds: waitSeconds } : queued?.shift();
      if (failure && "status" in failure) {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (failure.status === 429) headers["retry-after"] = String(failure.retryAfterSeconds);
        res.writeHead(failure.status, headers);
        res.end(
          JSON.stringify({ ok: false, error: failure.status === 429 ? "ratelimited" : "internal_error" }),
        );
        return;
      }
      const payload = failure
        ? { ok: false, error: failure.error }
        : method === "response_url"
          ? { ok: true }
          : answer(method, body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;

  const callsOf = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `${base}/api/`,
    responseUrl: () => `${base}/respond/${++responses}`,
    calls,
    callsOf,
    failNext: (method, failure, times = 1) => {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    addUser: (user) => users.set(user.id, user),
    waitFor: (method, count = 1, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = callsOf(method);
          if (found.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} ${method} call(s), got ${callsOf(method).length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    reset: () => {
      calls.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function slackUser(user: SlackUser) {
  return {
    id: user.id,
    name: user.name ?? user.email,
    profile: { email: user.email, real_name: user.name ?? "" },
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
