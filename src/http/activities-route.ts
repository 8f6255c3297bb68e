/**
 * `POST /api/activities`: calls, emails, meetings, notes and orders from a CRM or any other tool
 * (docs/activities.md). Bearer-token authenticated (compared in constant time); a body is one
 * activity or `{"activities": [...]}` up to 1,000; `?workspace=<id>` when there are several.
 * 200 `{inserted, already_known}`; 400 with every problem by index, field and reason (nothing
 * written); 401 without the token.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { activityWorkspace, recordActivityBatch } from "../app/activities/record-activities.js";
import type { AppContext } from "../app/ports.js";
import { parseActivities } from "../domain/activities/activity.js";
import { ERROR_CATALOGUE } from "../domain/errors.js";
import { BodyTooLargeError, type Route, readBody, refuseTooLarge, sendError, sendJson } from "./server.js";

export const ACTIVITIES_PATH = "/api/activities";

/** The route, or none when no token is configured (the API is off). */
export function activitiesRoutes(ctx: AppContext, token: string | undefined): Route[] {
  if (!token) return [];
  const expected = digest(token);
  return [
    {
      method: "POST",
      path: ACTIVITIES_PATH,
      handle: async (req, res) => {
        if (!authorized(req, expected)) {
          req.resume();
          res.setHeader("www-authenticate", 'Bearer realm="activities"');
          sendError(res, 401, "UNAUTHORIZED", ERROR_CATALOGUE.UNAUTHORIZED);
          return;
        }
        let body: unknown;
        try {
          body = JSON.parse((await readBody(req)).toString("utf8"));
        } catch (err) {
          if (err instanceof BodyTooLargeError) return refuseTooLarge(res);
          return sendError(res, 400, "INVALID", "the body is not JSON");
        }
        const workspaceId = await activityWorkspace(ctx, workspaceParam(req.url));
        if (workspaceId === undefined) {
          return sendError(res, 400, "INVALID", "name the workspace with ?workspace=<id> (an existing one)");
        }
        const parsed = parseActivities(body, ctx.clock());
        const outcome = parsed.ok
          ? await recordActivityBatch(ctx, workspaceId, parsed.activities, "api")
          : parsed;
        if (!outcome.ok) {
          sendJson(res, 400, {
            error: "the batch was refused and nothing was written; fix these activities",
            code: "INVALID",
            problems: outcome.problems,
          });
          return;
        }
        sendJson(res, 200, { inserted: outcome.inserted, already_known: outcome.alreadyKnown });
      },
    },
  ];
}

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return timingSafeEqual(digest(match?.[1]?.trim() ?? ""), expected) && match !== null;
}

function workspaceParam(url: string | undefined): number | undefined {
  const value = new URL(url ?? "/", "http://localhost").searchParams.get("workspace");
  if (value === null) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : -1;
}
