/**
 * Every environment variable the service reads, documented and validated once at start.
 * A missing or wrong value stops the process with a message that names the variable.
 */
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const onOff = z
  .enum(["on", "off", "true", "false", "1", "0"])
  .default("on")
  .transform((v) => v === "on" || v === "true" || v === "1");

export const configSchema = z
  .object({
    /** HTTP port of the service. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /**
     * Address the service listens on. Default: 127.0.0.1 when no chat platform is configured
     * (nothing outside needs to reach it), 0.0.0.0 when Slack over HTTP or Teams is.
     */
    HOST: optionalText.pipe(
      z
        .string()
        .max(255)
        .regex(/^[0-9A-Za-z.:_-]+$/, "must be an IP address or a host name")
        .optional(),
    ),
    /** PostgreSQL connection string; when unset, the embedded PGlite database under DATA_DIR is used. */
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    /** Folder of the embedded database. */
    DATA_DIR: z.string().min(1).default("./data"),
    /** Connections in the pool (PostgreSQL only). */
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Milliseconds before a query is cancelled (PostgreSQL only). */
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** Milliseconds to wait for a connection (PostgreSQL only). */
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    /** `off` disables the in-process tick (run `retention tick` from an external scheduler instead). */
    SCHEDULER: onOff,
    /** Cron expression of the in-process tick (six fields allow seconds); every minute by default. */
    SCHEDULER_CRON: optionalText,
    /** Milliseconds before the first retry of a nudge that failed with a 5xx (doubled after each). */
    NUDGE_RETRY_BASE_MS: z.coerce.number().int().min(100).default(60_000),
    /** Milliseconds a replica holds a claimed nudge before another may take it over. */
    NUDGE_LEASE_MS: z.coerce.number().int().min(1_000).default(120_000),
    /** pino log level. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Slack: signing secret of the app (required when any Slack variable is set). */
    SLACK_SIGNING_SECRET: optionalText,
    /** Slack: bot token for a single workspace (xoxb-…). */
    SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith("xoxb-", "must start with xoxb-").optional()),
    /** Slack: app-level token (xapp-…) to use Socket Mode instead of HTTP. */
    SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith("xapp-", "must start with xapp-").optional()),
    /** Slack OAuth (multi-workspace): client id, client secret and state secret. */
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    /** Slack Web API base URL, ending with a slash (tests point it at a local fake). */
    SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /**
     * Secret of the signed dashboard links (`/retention dashboard`); at least 32 characters. When
     * unset, a random one is made at start, and links stop working at the next restart.
     */
    DASHBOARD_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    /** The service's public base URL, for links it sends (e.g. https://retention.example.com). */
    PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /** Slack: chat.postMessage calls per second per workspace (Slack publishes no figure; 1/s per DM applies too). */
    SLACK_SEND_RATE: z.coerce.number().min(0.1).max(1000).default(5),
    /** Bearer token of `POST /api/activities` (docs/activities.md); the route is off when unset. */
    ACTIVITY_API_TOKEN: optionalText.pipe(z.string().min(16, "use at least 16 characters").optional()),
    /**
     * HubSpot private-app access token (docs/activities.md): turns the HubSpot connector on, synced
     * every HUBSPOT_SYNC_MINUTES by the service and on demand by `retention sync hubspot`.
     */
    HUBSPOT_ACCESS_TOKEN: optionalText,
    /** HubSpot API base URL (tests point it at a local fake); https://api.hubapi.com by default. */
    HUBSPOT_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /** Minutes between two HubSpot sync passes of the service. */
    HUBSPOT_SYNC_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    /** Microsoft Teams bot registration. */
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
    /** Teams: Bot Connector calls per second per tenant (published: 50 per app per tenant). */
    TEAMS_SEND_RATE: z.coerce.number().min(0.1).max(1000).default(50),
    /** `on` serves Teams' `/api/messages` without an app id, to loopback callers only (Agents Playground). */
    TEAMS_LOCAL: z
      .enum(["on", "off", "true", "false", "1", "0"])
      .default("off")
      .transform((v) => v === "on" || v === "true" || v === "1"),
  })
  .superRefine((c, ctx) => {
    const slackOauth = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
    if (slackOauth.some(Boolean) && !slackOauth.every(Boolean)) {
      for (const [k, v] of [
        ["SLACK_CLIENT_ID", c.SLACK_CLIENT_ID],
        ["SLACK_CLIENT_SECRET", c.SLACK_CLIENT_SECRET],
        ["SLACK_STATE_SECRET", c.SLACK_STATE_SECRET],
      ] as const) {
        if (!v)
          ctx.addIssue({ code: "custom", path: [k], message: "required for Slack OAuth (set all three)" });
      }
    }
    const slackOn = c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID || c.SLACK_APP_TOKEN;
    if (slackOn && !c.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "required when Slack is configured",
      });
    }
    if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN && !c.SLACK_CLIENT_ID) {
      ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "required with SLACK_APP_TOKEN" });
    }
    if (c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_PASSWORD && c.MICROSOFT_APP_TYPE !== "UserAssignedMSI") {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_PASSWORD"],
        message: "required with MICROSOFT_APP_ID",
      });
    }
    if (c.MICROSOFT_APP_TYPE === "SingleTenant" && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_TENANT_ID"],
        message: "required when MICROSOFT_APP_TYPE is SingleTenant",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** The address to listen on: HOST, else loopback unless a chat platform must reach the service. */
export function listenHost(config: Config): string {
  if (config.HOST) return config.HOST;
  const slackOverHttp = Boolean(config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID) && !config.SLACK_APP_TOKEN;
  return slackOverHttp || config.MICROSOFT_APP_ID ? "0.0.0.0" : "127.0.0.1";
}

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

/** Parses the environment; throws a ConfigError listing every bad variable by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = String(i.path[0] ?? "configuration");
    const got = env[name];
    return `  ${name}: ${i.message}${got === undefined ? "" : ` (got ${JSON.stringify(redact(name, got))})`}`;
  });
  return failConfig(`Invalid configuration:\n${lines.join("\n")}`);
}

function failConfig(message: string): never {
  throw new ConfigError(message);
}

function redact(name: string, value: string): string {
  return /SECRET|PASSWORD|TOKEN/.test(name) ? "…" : value;
}
