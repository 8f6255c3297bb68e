import { defineConfig } from "vitest/config";

// The fault suite (`npm run test:faults`): the service as a real process on a throwaway
// PostgreSQL cluster, with fake Slack and Teams APIs. One file at a time: each starts processes.
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
