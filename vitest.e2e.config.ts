import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the built product in Debian's Chromium, driven by playwright-core. */
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['dashboards/e2e/**/*.spec.ts'],
    globalSetup: ['dashboards/e2e/server.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
