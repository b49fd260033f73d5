import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config/settings.js';

const MAIN = join(REPO_ROOT, 'api', 'dist', 'api', 'src', 'main.js');

// Records every module the process resolves (import and require alike) and writes them down as it exits.
const directory = mkdtempSync(join(tmpdir(), 'startup-modules-'));
const HOOK = join(directory, 'hook.mjs');
writeFileSync(
  HOOK,
  `import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
const seen = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    seen.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => writeFileSync(process.env.MODULES_FILE, JSON.stringify([...seen])));
`,
);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/**
 * The modules the server loads on its way up: it is started against a database that does not
 * answer, so it imports the whole application, fails to connect and exits.
 */
function modulesLoaded(environment: Record<string, string>): string[] {
  const file = join(directory, `modules-${randomUUID()}.json`);
  const result = spawnSync(process.execPath, ['--import', HOOK, MAIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: 'postgresql://127.0.0.1:1/none',
      MODULES_FILE: file,
      ...environment,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(existsSync(file), result.stderr).toBe(true);
  return JSON.parse(readFileSync(file, 'utf8')) as string[];
}

const loads = (modules: string[], fragment: string) => modules.some((url) => url.includes(fragment));

describe('what the API process loads when it starts', () => {
  it('leaves out the tracing SDK without a collector and nodemailer until an e-mail is sent', () => {
    const modules = modulesLoaded({});
    // The application itself was loaded (the hook sees it)…
    expect(loads(modules, '/@mikro-orm/core/')).toBe(true);
    expect(loads(modules, '/dist/api/src/server/bootstrap.js')).toBe(true);
    // …but not what this process never uses: each stays out of its heap for as long as it runs.
    expect(loads(modules, '/@opentelemetry/sdk-trace/')).toBe(false);
    expect(loads(modules, '/@opentelemetry/exporter-trace-otlp-http/')).toBe(false);
    expect(loads(modules, '/@opentelemetry/instrumentation-')).toBe(false);
    expect(loads(modules, '/nodemailer/')).toBe(false);
    expect(loads(modules, '/@aws-sdk/')).toBe(false);
    expect(loads(modules, '/pdfkit/')).toBe(false);
  });

  it('loads the tracing SDK, before the application, when a collector is named', () => {
    const modules = modulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' });
    const sdk = modules.findIndex((url) => url.includes('/@opentelemetry/sdk-trace/'));
    const application = modules.findIndex((url) => url.includes('/dist/api/src/server/bootstrap.js'));
    expect(sdk).toBeGreaterThanOrEqual(0);
    expect(application).toBeGreaterThan(sdk);
  });
});
