import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config/settings.js';

const MAIN = join(REPO_ROOT, 'api', 'dist', 'api', 'src', 'main.js');

function start(environment: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...environment },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('starting the server with bad settings', () => {
  it('is built before the tests run (npm test builds it)', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('stops with one clear line naming the missing production secret', () => {
    const result = start({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://localhost:1/none' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Invalid setting JWT_SECRET: required when NODE_ENV=production\n');
    expect(result.stdout).toBe('');
  });

  it('stops with one clear line naming a malformed value', () => {
    const result = start({ PORT: 'not-a-port' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Invalid setting PORT: must be a port number']);
  });
});
