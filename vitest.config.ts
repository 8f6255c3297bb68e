import { configDefaults, defineConfig } from "vitest/config";

// Every test runs on the embedded database; files named *.db.test.ts run again on a real
// PostgreSQL server when TEST_DATABASE_URL is set.
const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: "postgres",
          include: ["test/**/*.db.test.ts"],
          exclude: [...configDefaults.exclude, "test/faults/**", "test/browser/**"],
          env: { TEST_DB_KIND: "postgres" },
        },
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
        // The fault suite and the browser tests have their own configs (`npm run test:faults`,
        // `npm run test:browser`).
        test: {
          name: "pglite",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/faults/**", "test/browser/**"],
        },
      },
      ...postgres,
    ],
  },
});
