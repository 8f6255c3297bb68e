/**
 * A fake Bot Connector (the service a Teams activity's `serviceUrl` names) on 127.0.0.1: records
 * what the bot sends (replies, proactive messages), updates and created conversations, answers
 * roster look-ups from a table of members, and can be told to answer the next sends with 429.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedActivity {
  conversationId: string;
  /** Set when the bot replied to an activity (POST …/activities/{replyToId}). */
  replyToId: string | undefined;
  /** The id this fake gave the activity. */
  id: string;
  activity: Record<string, unknown>;
}

export interface RecordedUpdate {
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeBotConnector {
  /** The `serviceUrl` to put in activities (ends with a slash, as Teams sends it). */
  readonly url: string;
  readonly sent: RecordedActivity[];
  readonly updated: RecordedUpdate[];
  readonly createdConversations: unknown[];
  /** Every request, in order: "POST /v3/conversations/…". */
  readonly requests: string[];
  /** Roster entries answered to GET …/members/{id}. */
  readonly members: Map<string, Member>;
  /** The next sends and updates (POST/PUT of activities) get these answers, one each, in order. */
  failNext(...answers: ScriptedAnswer[]): void;
  /** From now on every `every429`-th send (POST of an activity) answers 429, every `every500`-th 500. */
  setChaos(chaos: { every429: number; every500: number; retryAfterSeconds: number } | undefined): void;
  /** Cards of the sent activities, in order. */
  sentCards(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const sent: RecordedActivity[] = [];
  const updated: RecordedUpdate[] = [];
  const createdConversations: unknown[] = [];
  const requests: string[] = [];
  const members = new Map<string, Member>();
  const failures: ScriptedAnswer[] = [];
  let nextId = 0;
  let chaos: { every429: number; every500: number; retryAfterSeconds: number } | undefined;
  let chaosCount = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      requests.push(`${req.method} ${path}`);
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      };
      const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
      // v3 / conversations / {id} / activities [/ {activityId}]
      if (parts[0] !== "v3" || parts[1] !== "conversations")
        return answer(404, { error: { code: "NotFound" } });
      if (parts.length === 2 && req.method === "POST") {
        createdConversations.push(body);
        return answer(200, { id: `a:created-${++nextId}` });
      }
      const conversationId = parts[2] ?? "";
      if (parts[3] === "activities" && (req.method === "POST" || req.method === "PUT")) {
        let failure = failures.shift();
        if (!failure && chaos && req.method === "POST") {
          chaosCount++;
          if (chaosCount % chaos.every500 === 0)
            failure = { status: 500, body: { error: { code: "ServiceError" } } };
          else if (chaosCount % chaos.every429 === 0)
            failure = { status: 429, headers: { "retry-after": String(chaos.retryAfterSeconds) } };
        }
        if (failure)
          return answer(failure.status, failure.body ?? { error: { code: "Throttled" } }, failure.headers);
        if (req.method === "PUT") {
          updated.push({ conversationId, activityId: parts[4] ?? "", activity: body });
          return answer(200, { id: parts[4] });
        }
        const id = `activity-${++nextId}`;
        sent.push({ conversationId, replyToId: parts[4], id, activity: body });
        return answer(200, { id });
      }
      if (parts[3] === "members" && req.method === "GET") {
        const member = parts[4] ? members.get(parts[4]) : undefined;
        if (parts[4] && !member) {
          return answer(404, { error: { code: "MemberNotFoundInConversation", message: "no such member" } });
        }
        return answer(200, parts[4] ? member : [...members.values()]);
      }
      return answer(404, { error: { code: "NotFound" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    updated,
    createdConversations,
    requests,
    members,
    setChaos: (next) => {
      chaos = next;
      chaosCount = 0;
    },
    failNext: (...answers) => {
      failures.push(...answers);
    },
    sentCards: () => sent.flatMap((s) => readCards(s.activity)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The Adaptive Cards attached to an activity. */
export function readCards(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = activity.attachments;
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((a: { contentType?: string; content?: Record<string, unknown> }) =>
    a.contentType === "application/vnd.microsoft.card.adaptive" && a.content ? [a.content] : [],
  );
}
