import type { Database } from "../storage/database.js";
import { type Route, sendJson } from "./server.js";

/** `GET /healthz`: 200 when the database answers, 503 otherwise. */
export function healthRoute(database: Pick<Database, "ping">): Route {
  return {
    method: "GET",
    path: "/healthz",
    handle: async (_req, res) => {
      const ok = await database.ping();
      sendJson(
        res,
        ok ? 200 : 503,
        ok ? { status: "ok" } : { status: "unavailable", database: "not answering" },
      );
    },
  };
}
