import { configDefaults, defineConfig } from "vitest/config";

// Every test runs on the embedded database (the fault suite, test/faults, has its own config); files named *.db.test.ts run again on a real
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
        test: {
          name: "pglite",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/faults/**"],
        },
      },
      ...postgres,
    ],
  },
});
