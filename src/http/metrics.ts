/**
 * `GET /metrics` in Prometheus text format: nudges by outcome, clicks by outcome, request latency
 * by route, the database pool's use, and the age of the oldest click acknowledged but not yet
 * worked. One set per process (`serviceMetrics`); adapters record into it, main serves it.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { type Route, sendError } from "./server.js";

/** The pass summary fields counted as nudge outcomes (run-morning's MorningSummary). */
export type NudgeOutcomes = Record<"sent" | "empty" | "missed" | "paused" | "failed" | "retried", number>;

export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

/** Something holding acknowledged clicks not yet worked (the click inbox). */
export interface ClickBacklog {
  /** Milliseconds the oldest click not yet worked has waited; 0 when none. */
  oldestAgeMs(): number | Promise<number>;
}

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly backlogs = new Set<ClickBacklog>();
  private poolUse: (() => PoolUse | undefined) | undefined;

  readonly nudges = new Counter({
    name: "retention_nudges_total",
    help: "Nudges worked by scheduler passes, by outcome (planned = sent + empty + failed + retried).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly clicks = new Counter({
    name: "retention_clicks_total",
    help: "Pick actions (button clicks, modal submissions) by platform and outcome.",
    labelNames: ["platform", "outcome"] as const,
    registers: [this.registry],
  });

  readonly requestSeconds = new Histogram({
    name: "retention_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route, method and status.",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    const metrics = this;
    new Gauge({
      name: "retention_db_pool_connections",
      help: "Database pool connections by state (PostgreSQL only): total, idle, waiting.",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const use = metrics.poolUse?.();
        if (!use) return;
        this.set({ state: "total" }, use.total);
        this.set({ state: "idle" }, use.idle);
        this.set({ state: "waiting" }, use.waiting);
      },
    });
    new Gauge({
      name: "retention_oldest_unworked_click_seconds",
      help: "Age of the oldest click acknowledged but not yet worked (0 when none).",
      registers: [this.registry],
      async collect() {
        let oldest = 0;
        for (const backlog of metrics.backlogs) {
          oldest = Math.max(oldest, await Promise.resolve(backlog.oldestAgeMs()).catch(() => 0));
        }
        this.set(oldest / 1000);
      },
    });
  }

  /** Counts one scheduler pass's outcomes. */
  recordPass(summary: NudgeOutcomes): void {
    const planned = summary.sent + summary.empty + summary.failed + summary.retried;
    if (planned > 0) this.nudges.inc({ outcome: "planned" }, planned);
    for (const outcome of ["sent", "failed", "missed", "paused", "retried", "empty"] as const) {
      if (summary[outcome] > 0) this.nudges.inc({ outcome }, summary[outcome]);
    }
  }

  /** Counts one click; `outcome` is `ok`, a refusal's code in lower case, or `error`. */
  recordClick(platform: "slack" | "teams", outcome: string): void {
    this.clicks.inc({ platform, outcome: outcome.toLowerCase().slice(0, 32) });
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requestSeconds.observe({ route, method, status: String(status) }, seconds);
  }

  watchPool(use: () => PoolUse | undefined): void {
    this.poolUse = use;
  }

  /** Watches a click backlog; returns the function that stops watching it. */
  watchClickBacklog(backlog: ClickBacklog): () => void {
    this.backlogs.add(backlog);
    return () => this.backlogs.delete(backlog);
  }

  /** `GET /metrics`. */
  route(): Route {
    return {
      method: "GET",
      path: "/metrics",
      handle: async (_req, res) => {
        try {
          const text = await this.registry.metrics();
          res.writeHead(200, {
            "content-type": this.registry.contentType,
            "content-length": Buffer.byteLength(text),
          });
          res.end(text);
        } catch {
          sendError(res, 500, "METRICS_FAILED", "metrics could not be collected");
        }
      },
    };
  }
}

/** The process's metrics. */
export const serviceMetrics = new ServiceMetrics();
