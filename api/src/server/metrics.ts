import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type RequestHandler } from 'express';
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JOB_SCHEMA } from '../modules/notifications/queue.js';

/** Where an operation came in. */
export type Transport = 'http' | 'ws';

/** Operation names are chosen by clients: only plain names become labels, and only so many. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 300;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The bits of tarn's pool (knex's) that tell how busy it is. */
interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

export interface MetricsSources {
  readonly orm: MikroORM;
  /** Live subscribers to appointment events on this process. */
  readonly liveSubscribers: () => number;
}

/**
 * This process's Prometheus metrics: process and event loop (prom-client's defaults), GraphQL
 * operations by name (never by query text), error codes, latency, the database pool, the job
 * queue, live subscribers and event delivery lag. One registry per application, so several
 * applications in one process (tests) do not share counters.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations finished, by operation name, type, transport and outcome code (OK or the first error code).',
    labelNames: ['operation', 'type', 'transport', 'code'] as const,
    registers: [this.registry],
  });

  readonly operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response (for a subscription: to its set-up).',
    labelNames: ['operation', 'type', 'transport'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors returned to clients, by operation name and extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route family and status class.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  readonly eventDeliveryLag = new Histogram({
    name: 'appointment_event_delivery_lag_seconds',
    help: 'Time from an appointment change being published (in its transaction) to its delivery to this process’s subscribers.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly webSocketConnections = new Gauge({
    name: 'websocket_connections',
    help: 'Open GraphQL WebSocket connections on this process.',
    registers: [this.registry],
  });

  private liveSubscriptionGroups: () => number = () => 0;

  /** Where `graphql_live_subscription_groups` is read (the WebSocket server's fan-out). */
  countLiveSubscriptionGroups(source: () => number): void {
    this.liveSubscriptionGroups = source;
  }

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const { orm } = sources;

    new Gauge({
      name: 'graphql_live_subscribers',
      help: 'Live subscribers to appointment events on this process.',
      registers: [this.registry],
      collect() {
        this.set(sources.liveSubscribers());
      },
    });

    const sharedGroups = () => this.liveSubscriptionGroups();
    new Gauge({
      name: 'graphql_live_subscription_groups',
      help: 'Groups of identical live appointment subscriptions (same caller, document and variables) on this process: each event is executed once per group.',
      registers: [this.registry],
      collect() {
        this.set(sharedGroups());
      },
    });

    const poolMax = Number(orm.config.get('pool')?.max ?? 10);
    new Gauge({
      name: 'db_pool_connections',
      help: 'The ORM connection pool: connections in use, idle, requests waiting for one, and the maximum.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = poolOf(orm);
        this.set({ state: 'used' }, pool?.numUsed() ?? 0);
        this.set({ state: 'free' }, pool?.numFree() ?? 0);
        this.set({ state: 'pending' }, pool?.numPendingAcquires() ?? 0);
        this.set({ state: 'max' }, poolMax);
      },
    });

    const queue = { ready: 0, scheduled: 0, failed: 0, oldest: 0 };
    const readQueue = async () => {
      const [row] = await orm.em
        .getConnection()
        .execute<{ ready: number; scheduled: number; failed: number; oldest: number }[]>(
          `select count(*) filter (where attempts < max_attempts and run_at <= now() and locked_at is null)::int as ready,
                count(*) filter (where attempts < max_attempts and run_at > now())::int as scheduled,
                count(*) filter (where attempts >= max_attempts)::int as failed,
                coalesce(extract(epoch from now() - min(run_at)
                  filter (where attempts < max_attempts and run_at <= now() and locked_at is null)), 0)::float8 as oldest
         from ${pg.escapeIdentifier(JOB_SCHEMA)}._private_jobs`,
        );
      Object.assign(queue, row);
    };
    new Gauge({
      name: 'job_queue_jobs',
      help: 'Jobs in the queue: ready to run now, scheduled for later, and failed for good (out of attempts).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        await readQueue().catch(() => undefined);
        this.set({ state: 'ready' }, queue.ready);
        this.set({ state: 'scheduled' }, queue.scheduled);
        this.set({ state: 'failed' }, queue.failed);
      },
    });
    new Gauge({
      name: 'audit_partitions_months_ahead',
      help: 'Months after the current one that already have an audit_event partition (alert below 2: run migrate up).',
      registers: [this.registry],
      async collect() {
        const rows = await orm.em
          .getConnection()
          .execute<{ ahead: number }[]>(
            `select count(*)::int - 1 as ahead from pg_inherits i join pg_class c on c.oid = i.inhrelid
             where i.inhparent = 'audit_event'::regclass
               and c.relname >= 'audit_event_y' || to_char(now() at time zone 'UTC', 'YYYY"m"MM')`,
          )
          .catch(() => [{ ahead: -1 }]);
        this.set(rows[0]?.ahead ?? -1);
      },
    });
    new Gauge({
      name: 'job_queue_oldest_ready_age_seconds',
      help: 'How long the oldest job that is due has waited to be picked up (0 when none waits).',
      registers: [this.registry],
      collect() {
        this.set(queue.oldest);
      },
    });
  }

  /** The label for an operation name: the name when plain and not one too many, else a bucket. */
  operationLabel(name: string | null | undefined): string {
    if (!name) {
      return 'anonymous';
    }
    if (!OPERATION_NAME.test(name)) {
      return 'invalid_name';
    }
    if (!this.operationNames.has(name)) {
      if (this.operationNames.size >= MAX_OPERATION_NAMES) {
        return 'other';
      }
      this.operationNames.add(name);
    }
    return name;
  }

  /** One finished operation: its count, latency and the codes of its errors. */
  recordOperation(entry: {
    operation: string;
    type: string;
    transport: Transport;
    seconds: number;
    errorCodes: readonly string[];
  }): void {
    const { operation, type, transport } = entry;
    this.operations.inc({ operation, type, transport, code: entry.errorCodes[0] ?? 'OK' });
    this.operationDuration.observe({ operation, type, transport }, entry.seconds);
    for (const code of entry.errorCodes) {
      this.errors.inc({ operation, code });
    }
  }

  /** `GET /metrics` in Prometheus' text format. */
  handler(): RequestHandler {
    return (_request, response, next) => {
      this.registry.metrics().then((text) => {
        response.setHeader('content-type', this.registry.contentType);
        response.setHeader('cache-control', 'no-store');
        response.send(text);
      }, next);
    };
  }
}

function poolOf(orm: MikroORM): PoolStats | undefined {
  const knex = orm.em.getConnection().getKnex() as unknown as { client?: { pool?: PoolStats } };
  return knex.client?.pool;
}

/** `/metrics` alone on its own port (METRICS_PORT), for the scraper; everything else there is 404. */
export async function serveMetrics(
  metrics: ApiMetrics,
  port: number,
): Promise<{ port: number; stop(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metrics.handler());
  app.use((_request, response) => {
    response.status(404).json({ status: 'not found' });
  });
  const server: Server = createServer(app);
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  return {
    port: bound,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
