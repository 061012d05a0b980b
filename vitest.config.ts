import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing beyond npm (PGlite, committed fixtures);
// `server` runs the same store conformance suite against a real PostgreSQL server
// (CATALOG_TEST_POSTGRES_URL, started by scripts/services).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/build.ts'],
          exclude: ['test/**/*.server.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/**/*.server.test.ts'],
          globalSetup: ['test/support/build.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
