/**
 * `npm run bench:load`: the load run of issue 9. autocannon on loopback fires a fixed rate of
 * mixed signed Slack requests (half button clicks on open picks, the rest slash commands: `log`
 * a contact, `today`) for a minute at one service process (in a child process of its own) on
 * PostgreSQL, in a fresh database of its own. Prints throughput, p50/p99 acknowledgement latency,
 * errors, and the service's memory: at the start of the load, at its end, and the peak.
 * Targets: zero errors, p99 under 100 ms, memory flat.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_RATE          requests per second (default 100)
 *   BENCH_DURATION      seconds (default 60)
 *   BENCH_DEBUG=1       print the service's log lines and a count of the answers given by response_url
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";
import {
  buildBlockActionBody,
  buildSlashCommandBody,
  signSlackBody,
} from "../test/support/slack-requests.js";
import { admin, BASE_URL, REPS, SECRET, seed, startService, TEAM } from "./slack-service.js";

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_DURATION ?? 60);
/** Half the requests are clicks, each on an open pick of its own. */
const PICKS_PER_REP = Math.ceil((RATE * SECONDS) / 2 / REPS) + 2;

async function main(): Promise<void> {
  const dbName = `rt_bench_load_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  const fake = await startFakeSlackApi({
    teamId: TEAM,
    keepBodies: process.env.BENCH_DEBUG === "1",
  });
  try {
    await database.migrate();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const clicks = await seed(database.db, workspaceId, PICKS_PER_REP);
    const accounts = await queryRows<{ accountId: number; slackUserId: string }>(
      database.db,
      sql`select a.id as "accountId", r.slack_user_id as "slackUserId"
          from accounts a join reps r on r.id = a.owner_rep_id order by a.id`,
    );
    process.stdout.write(`seeded ${REPS} reps, ${accounts.length} accounts, ${clicks.length} open picks\n`);

    const service = await startService(url.toString(), fake.apiUrl);
    const loadStartMs = service.rss().at(-1)?.[0] ?? 0;
    const kinds = { click: 0, log: 0, today: 0 };
    let n = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${service.port}/slack/events`,
      method: "POST",
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            const i = n++;
            let body: string;
            if (i % 2 === 0) {
              const click = clicks[(i / 2) % clicks.length]!;
              kinds.click++;
              body = buildBlockActionBody(
                { teamId: TEAM, userId: click.slackUserId },
                { actionId: "pick_call", value: String(click.pickId), message: click.message },
              );
            } else {
              const account = accounts[(i * 7919) % accounts.length]!;
              const who = { teamId: TEAM, userId: account.slackUserId };
              const text = i % 4 === 1 ? `log #${account.accountId} email load run` : "today";
              if (text === "today") kinds.today++;
              else kinds.log++;
              body = buildSlashCommandBody(who, text, fake.responseUrl());
            }
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
    // The work after the acknowledgements (check-ins, message updates) goes on: let it finish.
    const expected = kinds.click + kinds.log;
    const settleStart = Date.now();
    let logged = 0;
    // Every click must be worked (its inbox row done) and every `log` must add a contact. A click
    // on a pick that a `log` of the same account already closed adds no second contact.
    let worked = 0;
    let commandContacts = 0;
    while (Date.now() - settleStart < 60_000) {
      const [row] = await queryRows<{ logged: number; worked: number; commands: number }>(
        database.db,
        sql`select (select count(*)::int from checkins) as logged,
                   (select count(*)::int from click_inbox where done_at is not null) as worked,
                   (select count(*)::int from checkins where source = 'command') as commands`,
      );
      logged = row?.logged ?? 0;
      worked = row?.worked ?? 0;
      commandContacts = row?.commands ?? 0;
      if (worked + commandContacts >= expected) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const settled = (Date.now() - settleStart) / 1000;
    if (process.env.BENCH_DEBUG === "1") {
      const texts = new Map<string, number>();
      for (const c of fake.callsOf("response_url")) {
        const t = String(c.body.text ?? "").slice(0, 60);
        texts.set(t, (texts.get(t) ?? 0) + 1);
      }
      for (const [k, v] of texts) process.stdout.write(`DEBUG ${v} x ${k}\n`);
    }
    const samples = service.rss().filter(([ms]) => ms >= loadStartMs);
    await service.stop();

    const mb = samples.map(([, v]) => v);
    const window = (from: number, to: number) => {
      const inside = samples.filter(([ms]) => ms >= from && ms < to).map(([, v]) => v);
      return inside.length ? inside.reduce((a, b) => a + b, 0) / inside.length : Number.NaN;
    };
    const loadEndMs = loadStartMs + SECONDS * 1000;
    const firstTen = window(loadStartMs, loadStartMs + 10_000);
    const lastTen = window(loadEndMs - 10_000, loadEndMs);
    const l = result.latency;
    const errors = result.errors + result.non2xx + result.timeouts;
    process.stdout.write(
      `${[
        `mixed signed Slack requests at ${RATE} req/s for ${SECONDS} s: ${kinds.click} clicks, ${kinds.log} "log" and ${kinds.today} "today" commands (${result.connections} connections, loopback; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(" ")} on ${cpus().length} CPUs)`,
        `  throughput: ${result.requests.average.toFixed(1)} req/s average, ${result.requests.total} requests`,
        `  acknowledgement latency: p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms (target p99 < 100 ms: ${l.p99 < 100 ? "met" : "MISSED"})`,
        `  errors: ${errors} (${result.non2xx} non-2xx, ${result.errors} connection errors, ${result.timeouts} timeouts); warnings/errors logged by the service: ${service.failures()} (target 0: ${errors === 0 ? "met" : "MISSED"})`,
        `  clicks worked: ${worked} of ${kinds.click}; "log" contacts: ${commandContacts} of ${kinds.log}; contacts in all: ${logged} (a click on a pick a "log" already closed adds none); settled ${settled.toFixed(1)} s after the last request`,
        `  service RSS: ${mb[0]?.toFixed(0)} MB at the start of the load, ${mb.at(-1)?.toFixed(0)} MB at its end, peak ${Math.max(...mb).toFixed(0)} MB; mean of the first 10 s ${firstTen.toFixed(0)} MB, of the last 10 s ${lastTen.toFixed(0)} MB (${lastTen - firstTen > 0 ? "+" : ""}${(lastTen - firstTen).toFixed(0)} MB)`,
        `  inside the service (request in -> acknowledgement out): ${service.inside()}`,
        `  service event-loop delay: ${service.lag()}`,
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
    `bench:load failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
