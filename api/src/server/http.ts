import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { Settings } from '../config/settings.js';
import type { AppointmentEventHub } from '../modules/appointments/appointment-events.js';
import type { MessageHub } from '../modules/messages/message-events.js';
import type { NotificationHub } from '../modules/notifications/notification-events.js';
import type { BedEventHub } from '../modules/organisation/bed-events.js';
import type { Logger } from '../shared/logger.js';
import type { PgBus } from '../shared/pg-bus.js';
import { API_CLIENT_REVOKED_CHANNEL } from '../modules/partners/api-client.service.js';
import { oauthTokenRoute } from '../modules/partners/oauth-token.route.js';
import { createGraphQLOverHttp } from './apollo.js';
import { CompiledDocuments } from './compiled-documents.js';
import { requestIdFrom } from './context.js';
import { corsMiddleware } from './cors.js';
import { createErrorFormatter } from './errors.js';
import { IdempotencyStore } from './idempotency.js';
import { requestCharge, type LimitsDependencies } from './limits.js';
import { invoicePdfRoute, receiptPdfRoute } from './billing-pdf.route.js';
import { fhirRoute } from './fhir.route.js';
import { smsInboundRoute } from './sms-inbound.route.js';
import { prescriptionPdfRoute } from './prescription-pdf.route.js';
import { recordBundleRoute, recordPdfRoute } from './record-download.route.js';
import { CostRateLimiter } from './rate-limit.js';
import { userCallerKey } from './caller.js';
import { attachmentRoutes } from './attachment.routes.js';
import type { FileStorage } from '../modules/files/file-storage.js';
import { refusedRequestHandler } from './refused-requests.js';
import { serveDashboards } from './static-files.js';
import { aliasLimit, depthLimit } from './validation-rules.js';
import { createGraphQLOverWebSocket } from './websocket.js';
import { authRoutes } from './auth-routes.js';
import { noStore, securityHeaders } from './security-headers.js';
import type { ApiMetrics } from './metrics.js';
import { WebSocketOperations } from './operation-log.js';

export interface HttpServerOptions {
  readonly schema: GraphQLSchema;
  readonly orm: MikroORM;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly bus: PgBus;
  readonly events: AppointmentEventHub;
  readonly messages: MessageHub;
  readonly notifications: NotificationHub;
  readonly bedEvents: BedEventHub;
  readonly dashboardsDir?: string;
  readonly metrics: ApiMetrics;
  /** Where uploaded files and export files are kept (the process's one store, shared with the jobs). */
  readonly storage: FileStorage;
  /** Parts besides PostgreSQL that must be up for this process to take traffic (by name). */
  readonly readiness: () => Record<string, boolean>;
}

export interface RunningHttpServer {
  readonly server: Server;
  listen(port: number): Promise<number>;
  /** Stop accepting, let in-flight requests finish (up to the grace period), close subscriptions. */
  stop(): Promise<void>;
}

/** The same limits over HTTP and WebSocket. */
const queryLimits = [depthLimit(12), aliasLimit(30)];
const READY_TIMEOUT_MS = 2_000;

async function databaseAnswers(orm: MikroORM): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READY_TIMEOUT_MS).unref());
  const check = orm.em
    .getConnection()
    .execute('select 1')
    .then(() => true)
    .catch(() => false);
  return Promise.race([check, timeout]);
}

/** A bounded label for a path: its first segment when it is one of ours, else `other`. */
function routeFamily(path: string | undefined): string {
  const first = path?.split('/')[1] ?? '';
  return ['graphql', 'health', 'ready', 'metrics', 'prescriptions', 'invoices', 'receipts', 'assets'].includes(first)
    ? first
    : 'other';
}

/** Gives every request an id (echoed in `x-request-id`) and logs one line when it ends. */
function requestLog(app: Express, logger: Logger, metrics: ApiMetrics): void {
  app.use((request, response, next) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.locals['requestId'] = requestId;
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const path = request.originalUrl.split('?')[0];
      metrics.httpRequests.inc({ route: routeFamily(path), status: `${Math.floor(response.statusCode / 100)}xx` });
      if (path === '/health' || path === '/ready' || path === '/metrics' || !logger.isLevelEnabled('info')) {
        return;
      }
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      logger.info({ requestId, method: request.method, path, status: response.statusCode, ms }, 'request');
    });
    next();
  });
}

/**
 * Liveness answers while the process runs; readiness also needs the database, the other parts
 * named by `readiness` (the LISTEN connection, the job runner) and no shutdown.
 */
function healthChecks(
  app: Express,
  orm: MikroORM,
  stopping: () => boolean,
  readiness: () => Record<string, boolean>,
): void {
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const checks = { database: await databaseAnswers(orm), ...readiness() };
    const ready = !stopping() && Object.values(checks).every(Boolean);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
}

/**
 * The HTTP server: security headers, request ids and the access log, health checks, GraphQL
 * over HTTP (Apollo) and over WebSocket (graphql-ws) on the same port, the prescription PDF, the
 * refresh-cookie endpoints (/auth), the dashboards' files, and one error formatter for all of them.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { schema, orm, logger, settings, metrics, storage } = options;
  // Cost, scopes, the shared rate limit and idempotency keys: the same for HTTP and WebSocket.
  const limiter = new CostRateLimiter(orm.em, settings.rateLimitPoints, settings.rateLimitWindowSeconds, logger);
  const dependencies = {
    em: orm.em,
    logger,
    settings,
    events: options.events,
    messages: options.messages,
    notifications: options.notifications,
    bedEvents: options.bedEvents,
    // A caller's first GraphQL request here: the lease taken with its session check, one round trip for both.
    sessionRiders: limiter.enabled ? (userId: string) => limiter.riderFor(userCallerKey(userId)) : undefined,
  };
  const formatError = createErrorFormatter(logger);
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: nothing here is fetched conditionally, and hashing every GraphQL answer
  // costs each request (the dashboards' static files keep theirs: express.static sets its own).
  app.set('etag', false);
  // Client addresses (rate limits, audit) come from X-Forwarded-For only through these proxies.
  app.set('trust proxy', settings.trustProxy);
  const server = createServer(app);
  let stopping = false;

  app.use(securityHeaders(settings));
  requestLog(app, logger, metrics);
  app.use(corsMiddleware(settings.corsOrigins));
  healthChecks(app, orm, () => stopping, options.readiness);
  if (settings.metricsPort === undefined) {
    app.get('/metrics', metrics.handler());
  }
  const limits: LimitsDependencies = {
    schema,
    settings,
    logger,
    limiter,
    idempotency: new IdempotencyStore(orm.em),
  };
  // Routes outside GraphQL that read whole charts spend the same budget.
  const charge = requestCharge(limits);

  // One compilation per distinct document for HTTP and WebSocket. With a trace collector named,
  // operations run through graphql-js, whose execution OpenTelemetry instruments (tracing.ts).
  const compiled = new CompiledDocuments(schema, undefined, settings.otlpEndpoint === undefined);
  const webSocket = await createGraphQLOverWebSocket({
    server,
    schema,
    orm,
    settings,
    bus: options.bus,
    dependencies,
    formatError,
    validationRules: queryLimits,
    limits,
    revocationChannels: [API_CLIENT_REVOKED_CHANNEL],
    metrics,
    operations: new WebSocketOperations(logger, metrics),
    compiled,
  });
  const graphql = await createGraphQLOverHttp({
    schema,
    httpServer: server,
    dependencies,
    logger,
    settings,
    formatError,
    validationRules: queryLimits,
    drain: () => webSocket.dispose(),
    limits,
    metrics,
    compiled,
  });
  app.use('/graphql', noStore, ...graphql.middleware);
  app.get('/prescriptions/:file', prescriptionPdfRoute(dependencies, formatError));
  app.use(authRoutes(dependencies, formatError));
  app.post('/oauth/token', ...oauthTokenRoute(dependencies));
  app.all('/oauth/token', (_request, response) => {
    response.setHeader('Allow', 'POST');
    response.status(405).json({ error: 'invalid_request', error_description: 'Use POST.' });
  });
  app.use(attachmentRoutes(dependencies, storage, formatError));
  app.get('/invoices/:file', invoicePdfRoute(dependencies, formatError));
  app.get(
    '/health-record/:file',
    recordBundleRoute(dependencies, formatError, charge),
    recordPdfRoute(dependencies, formatError, charge),
  );
  app.get('/receipts/:file', receiptPdfRoute(dependencies, formatError));
  app.use('/fhir/R4', fhirRoute(dependencies, formatError, storage, charge));
  app.post('/sms/inbound', ...smsInboundRoute(dependencies));
  serveDashboards(app, options.dashboardsDir);
  // Anything else (an unknown API path, a missing file) is a plain 404, never the dashboards.
  app.use((_request, response) => {
    response.status(404).json({ status: 'not found' });
  });
  app.use(refusedRequestHandler(formatError));

  return {
    server,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    async stop() {
      stopping = true;
      await graphql.stop();
      limiter.stop();
    },
  };
}
