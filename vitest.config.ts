import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS (main) and ESM (module). Node loads the former for type-graphql;
// Vite would pick the latter for our code, and two copies break `instanceof` checks.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  test: {
    projects: [
      {
        // Decorators (MikroORM, type-graphql) need legacy decorators with metadata, which
        // Vite's transform reads from api/tsconfig.json.
        root: 'api',
        resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
        test: {
          name: 'api',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // The dashboards: components in jsdom, the network mocked. No database, so none of the
        // API project's global setup.
        root: 'dashboards',
        test: {
          name: 'dashboards',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
