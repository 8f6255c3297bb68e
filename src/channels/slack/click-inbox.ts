/**
 * Durable Slack clicks (decision record 0007). A click is written to the inbox before Slack gets
 * its 200; then this process works it at once, and a sweep every few seconds works whatever is
 * due: clicks whose worker died (their lease ran out) and clicks whose attempt failed (backoff).
 * Any replica may finish any click; the use case's dedupe key makes a second run a no-op.
 */
import type { BlockAction, RespondFn, webApi } from "@slack/bolt";
import { userError } from "../../domain/errors.js";
import type { ClickBacklog } from "../../http/metrics.js";
import {
  claimDueClicks,
  deleteWorkedClicks,
  finishClick,
  type InboxClick,
  oldestUnworkedClick,
  recordClick,
  retryClickAt,
} from "../../storage/click-inbox.js";
import type { ClickInput, ClickReceiver, SlackDeps } from "./deps.js";
import { slackClickKey, workClick } from "./listeners/actions/run-pick-action.js";
import { tellError } from "./listeners/caller.js";

const PLATFORM = "slack";

export interface InboxOptions {
  /** How long a claimed click is left to its worker before another may take it. */
  leaseMs: number;
  /** How often due clicks are looked for. */
  sweepMs: number;
  /** Attempts before the clicker is told it failed. */
  maxAttempts: number;
  /** The most an acknowledgement waits for the inbox write (Slack allows 3 s in all). */
  recordTimeoutMs: number;
}

export const DEFAULT_INBOX_OPTIONS: InboxOptions = {
  leaseMs: 30_000,
  sweepMs: 2_000,
  maxAttempts: 6,
  recordTimeoutMs: 2_000,
};

/** A stored click: the payload as Slack sent it and what the listener read from it. */
interface StoredClick {
  body: BlockAction;
  input: ClickInput;
}

type Deps = Omit<SlackDeps, "inbox">;

export class SlackClickInbox implements ClickBacklog, ClickReceiver {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly options: InboxOptions = DEFAULT_INBOX_OPTIONS,
  ) {}

  /**
   * Records the click, acknowledges it, and works it. When the database does not take the click
   * in time, Slack is still acknowledged and the clicker is told to try again.
   */
  async receive(
    click: StoredClick,
    reply: { client: webApi.WebClient; respond: RespondFn | undefined; ack: () => Promise<void> },
  ): Promise<void> {
    const key = slackClickKey(click.body);
    let recorded: boolean;
    try {
      recorded = await withDeadline(
        recordClick(this.deps.ctx.db, { key, platform: PLATFORM, payload: click, at: this.deps.ctx.clock() }),
        this.options.recordTimeoutMs,
      );
    } catch (err) {
      await reply.ack();
      this.deps.ctx.logger.error({ err, code: "INTERNAL", key }, "a Slack click could not be recorded");
      const audience = {
        slackUserId: click.body.user.id,
        respond: reply.respond,
        channel: click.body.channel?.id,
      };
      await tellError(this.deps as SlackDeps, reply.client, audience, userError("INTERNAL")).catch(() => {});
      return;
    }
    await reply.ack();
    if (!recorded) return; // a retry of a click already recorded: that one is worked
    await this.deps.afterAck.run(async () => {
      const [claimed] = await claimDueClicks(this.deps.ctx.db, { ...this.claim(), limit: 1, key }).catch(
        () => [],
      );
      if (claimed) await this.work(claimed, reply.client, reply.respond);
    });
  }

  /** Works every click that is due now; resolves when they are done (one sweep at a time). */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  /** Sweeps every `sweepMs` until stopped. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) =>
        this.deps.ctx.logger.warn({ err }, "the click inbox sweep failed"),
      );
    }, this.options.sweepMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async oldestAgeMs(): Promise<number> {
    const oldest = await oldestUnworkedClick(this.deps.ctx.db);
    return oldest ? Math.max(0, this.deps.ctx.clock().getTime() - oldest.getTime()) : 0;
  }

  private claim() {
    return { platform: PLATFORM, now: this.deps.ctx.clock(), leaseMs: this.options.leaseMs };
  }

  private async sweepOnce(): Promise<void> {
    for (;;) {
      const due = await claimDueClicks(this.deps.ctx.db, { ...this.claim(), limit: 8 });
      if (due.length === 0) break;
      await Promise.all(
        due.map((click) =>
          this.deps.afterAck.run(async () => {
            const client = await this.clientFor(click.payload as StoredClick);
            if (!client) return this.giveUp(click, "no Slack client for this team");
            await this.work(click, client, respondVia((click.payload as StoredClick).body.response_url));
          }),
        ),
      );
    }
    const day = 24 * 60 * 60 * 1000;
    await deleteWorkedClicks(this.deps.ctx.db, new Date(this.deps.ctx.clock().getTime() - day));
  }

  private async work(click: InboxClick, client: webApi.WebClient, respond: RespondFn | undefined) {
    const { body, input } = click.payload as StoredClick;
    try {
      await workClick(this.deps as SlackDeps, client, body, input, respond);
      await finishClick(this.deps.ctx.db, click.id, this.deps.ctx.clock());
    } catch (err) {
      this.deps.ctx.logger.error(
        { err, code: "INTERNAL", pick: input.pickId, attempt: click.attempts },
        "a Slack pick action failed",
      );
      if (click.attempts >= this.options.maxAttempts) {
        await this.giveUp(click, String(err), client, respond);
        return;
      }
      // 1 s, 2 s, 4 s … then the sweep takes it again.
      const backoff = 1000 * 2 ** (click.attempts - 1);
      const retryAt = new Date(this.deps.ctx.clock().getTime() + backoff);
      await retryClickAt(this.deps.ctx.db, click.id, retryAt, String(err)).catch(() => {});
    }
  }

  private async giveUp(click: InboxClick, why: string, client?: webApi.WebClient, respond?: RespondFn) {
    const { body } = click.payload as StoredClick;
    await finishClick(this.deps.ctx.db, click.id, this.deps.ctx.clock(), why).catch(() => {});
    if (client) {
      const audience = { slackUserId: body.user.id, respond, channel: body.channel?.id };
      await tellError(this.deps as SlackDeps, client, audience, userError("INTERNAL")).catch(() => {});
    }
  }

  private async clientFor(click: StoredClick): Promise<webApi.WebClient | undefined> {
    const workspaceId = await this.deps.teams.workspaceOf(click.body.team?.id ?? click.body.user.team_id);
    return workspaceId === undefined ? undefined : this.deps.teams.clientFor(workspaceId);
  }
}

/** Answers through an interaction's response_url, as Bolt's `respond` does. */
function respondVia(url: string | undefined): RespondFn | undefined {
  if (!url) return undefined;
  const respond = async (message: Parameters<RespondFn>[0]) => {
    const payload = typeof message === "string" ? { text: message } : message;
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    return res;
  };
  return respond as unknown as RespondFn;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
