import { createRequire } from "node:module";
import pino, { type Logger } from "pino";

/**
 * The service's structured logger: JSON lines on stdout, or readable lines (pino-pretty) when
 * stdout is a terminal and pino-pretty is installed (it is a development dependency).
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  const options = {
    level,
    base: { service: "retention-bot" },
    redact: { paths: ["*.token", "*.botToken", "*.password", "req.headers.authorization"], remove: true },
  };
  if (process.stdout.isTTY && hasPrettyPrinter()) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service" },
      },
    });
  }
  return pino(options);
}

function hasPrettyPrinter(): boolean {
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}
