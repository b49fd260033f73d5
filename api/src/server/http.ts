import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { Settings } from '../config/settings.js';
import type { AppointmentEventHub } from '../modules/appointments/appointment-events.js';
import type { Logger } from '../shared/logger.js';
import type { PgBus } from '../shared/pg-bus.js';
import { createGraphQLOverHttp } from './apollo.js';
import { requestIdFrom } from './context.js';
import { createErrorFormatter } from './errors.js';
import { prescriptionPdfRoute } from './prescription-pdf.route.js';
import { attachmentRoutes } from './attachment.routes.js';
import { createFileStorage } from '../modules/files/file-storage.js';
import { refusedRequestHandler } from './refused-requests.js';
import { serveDashboards } from './static-files.js';
import { aliasLimit, depthLimit } from './validation-rules.js';
import { createGraphQLOverWebSocket } from './websocket.js';

export interface HttpServerOptions {
  readonly schema: GraphQLSchema;
  readonly orm: MikroORM;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly bus: PgBus;
  readonly events: AppointmentEventHub;
  readonly dashboardsDir?: string;
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

/** Gives every request an id (echoed in `x-request-id`) and logs one line when it ends. */
function requestLog(app: Express, logger: Logger): void {
  app.use((request, response, next) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.locals['requestId'] = requestId;
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const path = request.originalUrl.split('?')[0];
      if (path === '/health' || path === '/ready') {
        return;
      }
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      logger.info({ requestId, method: request.method, path, status: response.statusCode, ms }, 'request');
    });
    next();
  });
}

/** Liveness answers while the process runs; readiness also needs the database and no shutdown. */
function healthChecks(app: Express, orm: MikroORM, stopping: () => boolean): void {
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const ready = !stopping() && (await databaseAnswers(orm));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
}

/**
 * The HTTP server: request ids and the access log, health checks, GraphQL over HTTP (Apollo)
 * and over WebSocket (graphql-ws) on the same port, the prescription PDF, the dashboards' files,
 * and one error formatter for all of them.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { schema, orm, logger, settings } = options;
  const dependencies = { em: orm.em, logger, settings, events: options.events };
  const formatError = createErrorFormatter(logger);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const server = createServer(app);
  let stopping = false;

  requestLog(app, logger);
  healthChecks(app, orm, () => stopping);

  const webSocket = await createGraphQLOverWebSocket({
    server,
    schema,
    orm,
    settings,
    bus: options.bus,
    dependencies,
    formatError,
    validationRules: queryLimits,
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
  });
  app.use('/graphql', ...graphql.middleware);
  app.get('/prescriptions/:file', prescriptionPdfRoute(dependencies, formatError));
  app.use(attachmentRoutes(dependencies, createFileStorage(settings), formatError));
  serveDashboards(app, options.dashboardsDir);
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
    },
  };
}
