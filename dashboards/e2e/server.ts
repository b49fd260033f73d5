import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the real server (API + built dashboards) answers, with the demo clinic seeded. */
    baseUrl: string;
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A running product server (API + built dashboards) with its own data, and how to stop it. */
export interface ProductServer {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the product as `npm start` would after a build: one API process serving the dashboards,
 * its own embedded PostgreSQL in a throw-away directory, the demo clinic seeded. `environment`
 * adds settings (a spec that needs its own, e.g. a short token lifetime, starts its own server).
 */
export async function startProductServer(environment: Record<string, string> = {}): Promise<ProductServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hc-e2e-'));
  chmodSync(dataDir, 0o755);
  const [port, pgPort] = await Promise.all([freePort(), freePort()]);
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'api/dist/api/src/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      BCRYPT_COST: '4',
      DATABASE_URL: '',
      // The specs' scripted admin books and reads far faster than a person at the front desk; the
      // per-caller budget has its own tests (api/src/server/limits.int.test.ts), so here it is wide.
      RATE_LIMIT_POINTS: '10000000',
      ...environment,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  server.unref();
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    const ready = await fetch(`${baseUrl}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      break;
    }
    if (attempt > 300 || server.exitCode !== null) {
      throw new Error('the server did not become ready');
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    baseUrl,
    async stop() {
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((done) => (timer = setTimeout(done, 15_000)))]);
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server every spec shares (vitest global setup). */
export default async function startServer(project: TestProject): Promise<() => Promise<void>> {
  const server = await startProductServer();
  project.provide('baseUrl', server.baseUrl);
  return () => server.stop();
}
