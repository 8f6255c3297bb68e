import pino, { type Logger } from "pino";

/** The service's structured logger (JSON lines on stdout). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { service: "retention-bot" },
    redact: { paths: ["*.token", "*.botToken", "*.password", "req.headers.authorization"], remove: true },
  });
}
