import type { Readable } from "node:stream";
import cliProgress from "cli-progress";

/** A progress bar over the bytes of a file being read, on a terminal only (never in pipes or logs). */
export function startFileProgress(label: string, totalBytes: number, input: Readable): { stop(): void } {
  if (!process.stderr.isTTY || totalBytes === 0) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | ETA {eta}s`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes, 0);
  let read = 0;
  input.on("data", (chunk: Buffer | string) => {
    read += chunk.length;
    bar.update(read);
  });
  return { stop: () => bar.stop() };
}
