import { defineConfig } from 'vitest/config';

// Three projects: `unit` needs nothing beyond npm (PGlite, committed fixtures); `server` runs the
// store conformance suite against a real PostgreSQL server (CATALOG_TEST_POSTGRES_URL);
// `services` is the smoke suite proving each real engine from scripts/services answers.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/build.ts'],
          exclude: ['test/**/*.server.test.ts', 'test/**/*.services.test.ts'],
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
      {
        test: {
          name: 'services',
          include: ['test/**/*.services.test.ts'],
          globalSetup: ['test/support/build.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
