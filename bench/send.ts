/**
 * `npm run bench:send`: one morning pass delivers a nudge to each of 10,000 reps through the real
 * Slack channel (token bucket included) to a fake Slack Web API on 127.0.0.1 that enforces a rate
 * limit on chat.postMessage (a token bucket; above it, 429 with Retry-After). Prints the achieved
 * share of the allowed rate and the count of 429s. Targets: >= 90% of the rate, < 1% 429s.
 *
 *   BENCH_DATABASE_URL     PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
 *                          a database of its own is created and dropped.
 *   BENCH_REPS             nudges to deliver (default 10000)
 *   BENCH_SEND_RATE        the fake's allowed chat.postMessage rate per second (default 100)
 *   BENCH_SEND_BURST       the fake's tolerated burst (default 10)
 *   BENCH_SEND_CONFIGURED  the rate the bot is configured with, SLACK_SEND_RATE (default: the
 *                          allowed rate, as published); set it higher to watch the bucket adapt
 *   BENCH_CONCURRENCY      nudges in flight (the scheduler's default, 4, unless set)
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import { runMorning } from "../src/app/morning/run-morning.js";
import type { AppContext } from "../src/app/ports.js";
import { createSlackAdapter } from "../src/channels/slack/index.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REPS = Number(process.env.BENCH_REPS ?? 10_000);
const RATE = Number(process.env.BENCH_SEND_RATE ?? 100);
const BURST = Number(process.env.BENCH_SEND_BURST ?? 10);
const CONFIGURED = Number(process.env.BENCH_SEND_CONFIGURED ?? RATE);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const TEAM = "T0BENCHSEND";
/** A Tuesday at 09:05 in the workspace's zone (UTC): every rep is due. */
const MORNING = new Date("2026-12-01T09:05:00Z");

async function main(): Promise<void> {
  const dbName = `rt_bench_send_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  const fake = await startFakeSlackApi({
    teamId: TEAM,
    rateLimit: { method: "chat.postMessage", perSecond: RATE, burst: BURST },
    keepBodies: false,
  });
  try {
    await database.migrate();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    await database.db.execute(sql`
      insert into reps (workspace_id, email, name, slack_user_id)
      select ${workspaceId}, 'rep' || g || '@bench.test', 'Rep ' || g, 'UREP' || g
      from generate_series(1, ${REPS}) g`);
    await database.db.execute(sql`
      insert into accounts (workspace_id, external_id, name, owner_rep_id, annual_revenue)
      select ${workspaceId}, 'ACC-' || r.id || '-' || g, 'Account ' || r.id || '-' || g, r.id, 1000 * g
      from reps r, generate_series(1, 3) g where r.workspace_id = ${workspaceId}`);
    process.stdout.write(`seeded ${REPS} reps with 3 never-contacted accounts each on PostgreSQL\n`);

    const logger = pino({ level: "warn" }, process.stderr);
    const ctx: AppContext = { db: database.db, clock: () => new Date(), logger, channels: [] };
    const config = loadConfig({
      SLACK_SIGNING_SECRET: "bench-signing-secret",
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_API_URL: fake.apiUrl,
      SLACK_SEND_RATE: String(CONFIGURED),
    });
    const adapter = await createSlackAdapter(config, ctx);
    if (!adapter) throw new Error("the Slack adapter was not created");
    ctx.channels = [adapter.channel];

    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 250);
    const started = performance.now();
    const summary = await runMorning(ctx, MORNING, {
      leaseMs: 30 * 60_000,
      ...(CONCURRENCY ? { concurrency: CONCURRENCY } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const posts = fake.callsOf("chat.postMessage");
    const accepted = posts.filter((c) => !c.rateLimited);
    const refused = posts.length - accepted.length;
    const first = posts[0]?.at ?? 0;
    const last = accepted.at(-1)?.at ?? first;
    // n messages at the allowed rate need (n - burst) / rate seconds after the first one.
    const ideal = Math.max(0, accepted.length - BURST) / RATE;
    const span = (last - first) / 1000;
    const achieved = span > 0 ? (accepted.length - 1) / span : 0;
    const share = span > 0 ? Math.min(1, ideal / span) : 1;
    const [counts] = await queryRows<{ sent: number; other: number }>(
      database.db,
      sql`select count(*) filter (where status = 'sent')::int as sent,
                 count(*) filter (where status <> 'sent')::int as other from nudges`,
    );
    process.stdout.write(
      `${[
        `${REPS} nudges, one morning pass, fake Slack allowing ${RATE} chat.postMessage/s (burst ${BURST}); bot configured at ${CONFIGURED}/s; concurrency ${CONCURRENCY ?? 4}`,
        `  pass: ${seconds.toFixed(1)} s; summary ${JSON.stringify(summary)}; nudges sent in the database: ${counts?.sent}, not sent: ${counts?.other}`,
        `  delivered ${accepted.length} messages in ${span.toFixed(1)} s from the first call: ${achieved.toFixed(1)}/s = ${(100 * share).toFixed(1)}% of the allowed rate (target >= 90%)`,
        `  429s: ${refused} of ${posts.length} calls = ${((100 * refused) / Math.max(1, posts.length)).toFixed(2)}% (target < 1%)`,
        `  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
      ].join("\n")}\n`,
    );
    await adapter.stop?.();
  } finally {
    await fake.close();
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:send failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
