/**
 * `npm run bench:slack`: signed button clicks against the running service pieces (HTTP server,
 * Bolt, the Slack adapter) on PostgreSQL, with a fake Slack Web API, fired by autocannon on
 * loopback at a fixed rate. The service runs in a child process of its own (as in production,
 * where neither Slack nor the load shares its event loop); this process seeds, fakes Slack and
 * fires. Every click names a different open pick, so each does real work
 * (check-in, nudge re-rendered with chat.update, App Home published). Prints the acknowledgement
 * latency (what Slack waits for; its limit is 3 s) and the throughput.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
 *                       a database of its own is created and dropped.
 *   BENCH_RATE          requests per second (default 100)
 *   BENCH_SECONDS       duration (default 20)
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";
import { buildBlockActionBody, signSlackBody } from "../test/support/slack-requests.js";
import { admin, BASE_URL, REPS, SECRET, seed, startService, TEAM } from "./slack-service.js";

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const clicksNeeded = RATE * SECONDS + 200;
const PICKS_PER_REP = Math.ceil(clicksNeeded / REPS);

async function main(): Promise<void> {
  const dbName = `rt_bench_slack_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  const fake = await startFakeSlackApi({ teamId: TEAM });
  try {
    await database.migrate();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const clicks = await seed(database.db, workspaceId, PICKS_PER_REP);
    process.stdout.write(`seeded ${REPS} reps with ${clicks.length} open picks on PostgreSQL\n`);

    const service = await startService(url.toString(), fake.apiUrl);
    const port = service.port;

    const loadLag = monitorEventLoopDelay({ resolution: 10 });
    loadLag.enable();
    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/slack/events`,
      method: "POST",
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            const click = clicks[next++ % clicks.length]!;
            const body = buildBlockActionBody(
              { teamId: TEAM, userId: click.slackUserId },
              { actionId: "pick_call", value: String(click.pickId), message: click.message },
            );
            const timestamp = Math.floor(Date.now() / 1000);
            return {
              ...req,
              body,
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "x-slack-request-timestamp": String(timestamp),
                "x-slack-signature": signSlackBody(SECRET, timestamp, body),
              },
            };
          },
        },
      ],
    });

    loadLag.disable();
    // The work after each acknowledgement goes on (check-in, then chat.update): wait for it.
    const settleStart = Date.now();
    const accepted = result.requests.total - result.non2xx;
    let logged = 0;
    let seen = "";
    let stableSince = Date.now();
    while (Date.now() - settleStart < 60_000) {
      logged = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from checkins`))[0]!
        .n;
      // Renders of one nudge are coalesced, so updates may be fewer than clicks: wait for quiet.
      const now = `${logged}/${fake.calls.length}`;
      if (now !== seen) {
        seen = now;
        stableSince = Date.now();
      }
      if (logged >= accepted && Date.now() - stableSince > 1_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const updates = fake.callsOf("chat.update").length;
    await service.stop();

    const l = result.latency;
    process.stdout.write(
      `${[
        `signed button clicks at ${RATE} req/s for ${SECONDS} s (${result.connections} connections, loopback; load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(" ")} on ${cpus().length} CPUs)`,
        `  acknowledgement latency: p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms (target p99 < 100 ms)`,
        `  throughput: ${result.requests.average.toFixed(1)} req/s average, ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
        `  check-ins logged: ${logged}; chat.update calls: ${updates}; failures logged by the service: ${service.failures()}; work settled ${((Date.now() - settleStart) / 1000).toFixed(1)} s after the last request`,
        `  inside the service (request in → acknowledgement out): ${service.inside()}`,
        `  service event-loop delay: ${service.lag()}`,
        `  load generator + fake Slack event-loop delay: p99 ${(loadLag.percentile(99) / 1e6).toFixed(0)} ms, max ${(loadLag.max / 1e6).toFixed(0)} ms`,
        `  p99 ${l.p99 < 100 ? "meets" : "MISSES"} the 100 ms target`,
      ].join("\n")}\n`,
    );
  } finally {
    await fake.close();
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:slack failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
