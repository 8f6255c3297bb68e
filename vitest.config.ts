import { defineConfig } from "vitest/config";

// Every test runs on the embedded database; files named *.db.test.ts run again on a real
// PostgreSQL server when TEST_DATABASE_URL is set.
const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: { name: "postgres", include: ["test/**/*.db.test.ts"], env: { TEST_DB_KIND: "postgres" } },
      },
    ]
  : [];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        // Browser tests have their own config (vitest.browser.config.ts, `npm run test:browser`).
        test: {
          name: "pglite",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", "node_modules/**"],
        },
      },
      ...postgres,
    ],
  },
});
