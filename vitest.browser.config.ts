import { defineConfig } from "vitest/config";

// End-to-end tests in a real headless Chromium (`npm run test:browser`); skipped with a message
// when /usr/bin/chromium is absent.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["test/browser/**/*.browser.test.ts"],
    fileParallelism: false,
  },
});
