/**
 * The web pages on the Fastify server: in local mode (no chat platform) the rep view and the
 * command box at `/`, and in every mode the manager's dashboard at `/dashboard` (locally open to
 * the loopback user; with a chat platform only through a signed personal link).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { actorForRep } from "../app/actors.js";
import type { AppContext } from "../app/ports.js";
import { loadReps, repsInScope } from "../app/reports/book-scope.js";
import { loadDashboard } from "../app/reports/dashboard.js";
import { getWorkspace } from "../storage/workspaces.js";
import type { LocalSession } from "./local-session.js";
import { secure } from "./security.js";
import { verifyLink } from "./signed-link.js";

export interface WebOptions {
  ctx: AppContext;
  /** Local mode's session; undefined when a chat platform is configured (no rep view, no command box). */
  local?: LocalSession | undefined;
  /** Default workspace of the local dashboard. */
  workspaceId: number;
  /** Secret of the signed dashboard links. */
  linkSecret: string;
}

const publicDir = new URL("./public/", import.meta.url);
// chart.js exports no path to its UMD bundle: it sits next to the main file in dist/.
const chartJs = join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");
const assets: Record<string, { file: URL | string; type: string }> = {
  "blocks.js": { file: new URL("blocks.js", publicDir), type: "text/javascript" },
  "local.js": { file: new URL("local.js", publicDir), type: "text/javascript" },
  "dashboard.js": { file: new URL("dashboard.js", publicDir), type: "text/javascript" },
  "style.css": { file: new URL("style.css", publicDir), type: "text/css" },
  "chart.js": { file: chartJs, type: "text/javascript" },
};

const repId = z.coerce.number().int().positive().max(2_147_483_647);
const clickBody = z.object({ rep: repId, actionId: z.string().max(100), value: z.string().max(200) });
const commandBody = z.object({ rep: repId, text: z.string().max(4000) });
const formBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("note"), rep: repId, pickId: repId, note: z.string().trim().min(1).max(2000) }),
  z.object({
    kind: z.literal("promise"),
    rep: repId,
    pickId: repId,
    what: z.string().trim().min(1).max(2000),
    due: z.iso.datetime({ offset: true, local: true }),
  }),
]);

export async function registerWeb(app: FastifyInstance, options: WebOptions): Promise<void> {
  await secure(app);
  const { ctx, local } = options;

  app.get<{ Params: { name: string } }>("/assets/:name", async (request, reply) => {
    const asset = assets[request.params.name];
    if (!asset) return reply.code(404).send({ error: "not found", code: "NOT_FOUND" });
    reply.header("cache-control", "no-cache");
    return reply.type(asset.type).send(await readFile(asset.file));
  });
  app.get("/dashboard", async (_request, reply) => page(reply, "dashboard.html"));
  app.get<{ Querystring: { t?: string } }>("/dashboard/data", async (request, reply) => {
    const now = ctx.clock();
    let workspaceId = options.workspaceId;
    let managerId: number | undefined;
    if (request.query.t !== undefined || !local) {
      const check = verifyLink(options.linkSecret, request.query.t ?? "", now);
      if (!check.ok) {
        const expired = check.reason === "expired";
        return reply.code(expired ? 410 : 403).send({
          error: expired
            ? "this dashboard link has expired: ask for a new one with /retention dashboard"
            : "this dashboard link is not valid",
          code: expired ? "LINK_EXPIRED" : "LINK_INVALID",
        });
      }
      workspaceId = check.claims.workspaceId;
      managerId = check.claims.repId;
    }
    const workspace = await getWorkspace(ctx.db, workspaceId);
    if (!workspace) return reply.code(404).send({ error: "not found", code: "NOT_FOUND" });
    const all = await loadReps(ctx.db, workspaceId, workspace.settings);
    let scope = { reps: all, scope: "whole workspace" };
    if (managerId !== undefined) {
      const actor = await actorForRep(ctx.db, workspaceId, managerId);
      if (!actor)
        return reply.code(403).send({ error: "this dashboard link is not valid", code: "LINK_INVALID" });
      scope = repsInScope(actor, all);
    }
    return loadDashboard(ctx.db, workspaceId, workspace.settings, now, scope.reps, scope.scope);
  });

  if (!local) return;
  app.get("/", async (_request, reply) => page(reply, "index.html"));
  app.get("/local/state", async () => local.state());
  app.get<{ Querystring: { rep?: string } }>("/local/nudge", async (request) =>
    local.nudge(repId.parse(request.query.rep)),
  );
  app.post("/local/demo", async () => {
    await local.loadDemo();
    return local.state();
  });
  app.post("/local/next-day", async (request) => {
    const { days } = z
      .object({ days: z.coerce.number().int().min(1).max(31).default(1) })
      .parse(request.body ?? {});
    await local.advance(days);
    return local.state();
  });
  app.post("/local/click", async (request) => {
    const body = clickBody.parse(request.body);
    return local.click(body.rep, body.actionId, body.value);
  });
  app.post("/local/form", async (request) => {
    const body = formBody.parse(request.body);
    return local.submit(
      body.rep,
      body.pickId,
      body.kind === "note"
        ? { type: "note", note: body.note }
        : { type: "promise", what: body.what, dueAt: new Date(body.due) },
    );
  });
  app.post("/local/command", async (request) => {
    const body = commandBody.parse(request.body);
    return local.command(body.rep, body.text);
  });
}

async function page(reply: FastifyReply, name: string): Promise<FastifyReply> {
  return reply.type("text/html; charset=utf-8").send(await readFile(new URL(name, publicDir)));
}
