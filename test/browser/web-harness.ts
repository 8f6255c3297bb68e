/**
 * The service's web side on a port, as `npm start` composes it: in local mode (no chat platform,
 * the browser is the client) or as with Slack/Teams configured (dashboard by signed link only).
 */
import pino from "pino";
import type { AppContext } from "../../src/app/ports.js";
import { createLogChannel } from "../../src/channels/log/log-channel.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import type { Database } from "../../src/storage/database.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { LocalClock } from "../../src/web/local-clock.js";
import { LocalSession } from "../../src/web/local-session.js";
import { registerWeb } from "../../src/web/routes.js";
import { openTestDatabase } from "../support/database.js";

export const LINK_SECRET = "a-test-secret-of-at-least-32-characters!";

export interface WebHarness {
  database: Database;
  ctx: AppContext;
  workspaceId: number;
  session: LocalSession;
  url: string;
  close(): Promise<void>;
}

export async function startWeb(mode: "local" | "production"): Promise<WebHarness> {
  const logger = pino({ level: "silent" });
  // In-memory PGlite, or a fresh database on TEST_DATABASE_URL in the postgres test project.
  const opened = await openTestDatabase();
  const { database } = opened;
  const workspace = await ensureDefaultWorkspace(database.db);
  const clock = new LocalClock();
  const ctx: AppContext = { db: database.db, clock: () => clock.now(), logger, channels: [] };
  ctx.channels.push(createLogChannel(logger));
  const session = new LocalSession(ctx, clock, workspace.id);
  const http: HttpServer = createHttpServer([], logger, {
    register: (app) =>
      registerWeb(app, {
        ctx,
        local: mode === "local" ? session : undefined,
        workspaceId: workspace.id,
        linkSecret: LINK_SECRET,
      }),
  });
  const port = await http.listen(0, "127.0.0.1");
  return {
    database,
    ctx,
    workspaceId: workspace.id,
    session,
    url: `http://localhost:${port}`,
    close: async () => {
      await http.close();
      await opened.drop();
    },
  };
}
