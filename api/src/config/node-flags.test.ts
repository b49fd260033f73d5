import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NODE_FLAGS } from './node-flags.js';
import { REPO_ROOT } from './settings.js';

describe('the API process is started with API_NODE_FLAGS everywhere', () => {
  it("in the image's CMD", () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const cmd = dockerfile.split('\n').find((line) => line.startsWith('CMD '));
    expect(cmd).toBe(
      `CMD ${JSON.stringify(['node', ...API_NODE_FLAGS, 'api/dist/api/src/main.js'])}`.replaceAll(',', ', '),
    );
  });

  it('in npm start', () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts['start']).toContain(`node ${API_NODE_FLAGS.join(' ')} api/dist/api/src/main.js`);
  });
});
