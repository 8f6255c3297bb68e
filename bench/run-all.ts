/**
 * `npm run bench`: every benchmark in turn (import, planning, Slack acknowledgements, the load run, delivery at the platform's pace), each in its
 * own process so that one's memory does not colour the next one's figures.
 */
import { spawnSync } from "node:child_process";

const benches = ["bench/import.ts", "bench/plan.ts", "bench/slack.ts", "bench/load.ts", "bench/send.ts"];
const extra = process.argv.slice(2);
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", file, ...extra], { stdio: "inherit" });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
