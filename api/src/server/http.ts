import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Settings } from '../config/settings.js';
import type { AppointmentEventHub } from '../modules/appointments/appointment-events.js';
import { API_CLIENT_REVOKED_CHANNEL } from '../modules/partners/api-client.service.js';
import { oauthTokenRoute } from '../modules/partners/oauth-token.route.js';
import { prescriptionPdfRoute } from '../modules/prescriptions/prescription-pdf.route.js';
import { AppError } from '../shared/errors.js';
import type { PgBus } from '../shared/pg-bus.js';
import express, { type Request } from 'express';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { REPO_ROOT } from '../config/settings.js';
import type { Logger } from '../shared/logger.js';
import { resolveCaller } from './caller.js';
import { createContext, requestIdFrom, type Context } from './context.js';
import { corsMiddleware } from './cors.js';
import { createErrorFormatter, describeFailure, toClientError } from './errors.js';
import { IdempotencyStore } from './idempotency.js';
import { checkOperation, limitsPlugin, spendBudget, type LimitsDependencies } from './limits.js';
import { CostRateLimiter } from './rate-limit.js';
import { aliasLimit, depthLimit, withoutSuggestions } from './validation-rules.js';

export interface HttpServerOptions {
  readonly schema: GraphQLSchema;
  readonly orm: MikroORM;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly bus: PgBus;
  readonly events: AppointmentEventHub;
  readonly dashboardsDir?: string;
}

/** What a WebSocket connection keeps between operations. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  /** The context of each running operation, by operation id. */
  contexts?: Map<string, Context>;
  authorization?: string;
  /** The user or API client whose revocation closes this socket. */
  userId?: string;
  expiryTimer?: NodeJS.Timeout;
}

/** Context errors (a bad token) reach the client as GraphQL errors with an HTTP status. */
function asTransportError(error: unknown): unknown {
  if (error instanceof AppError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, http: { status: error.code === 'UNAUTHENTICATED' ? 401 : 400 } },
    });
  }
  return error;
}

export interface RunningHttpServer {
  readonly server: Server;
  listen(port: number): Promise<number>;
  /** Stop accepting, let in-flight requests finish (up to the grace period), close subscriptions. */
  stop(): Promise<void>;
}

const MAX_BODY = '256kb';
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

function clientAddress(request: Request): string | undefined {
  return request.ip ?? request.socket.remoteAddress;
}

export async function createHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { schema, orm, logger, settings } = options;
  const dependencies = { em: orm.em, logger, settings, events: options.events };
  const limits: LimitsDependencies = {
    schema,
    settings,
    logger,
    limiter: new CostRateLimiter(orm.em, settings.rateLimitPoints, settings.rateLimitWindowSeconds, logger),
    idempotency: new IdempotencyStore(orm.em),
  };
  const production = settings.env === 'production';
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const server = createServer(app);
  let stopping = false;

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
      logger.info(
        {
          requestId,
          method: request.method,
          path,
          status: response.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        },
        'request',
      );
    });
    next();
  });

  app.use(corsMiddleware(settings.corsOrigins));

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const ready = !stopping && (await databaseAnswers(orm));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const connectionsByUser = new Map<string, Set<WebSocket>>();
  const wsCleanup = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      validate: (wsSchema, document) =>
        validate(wsSchema, document, [...specifiedRules, ...queryLimits]).map((error) =>
          production ? withoutSuggestions(error) : error,
        ),
      // Authenticate once, in connection_init; close the socket when the token expires.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.['authorization'];
        try {
          const actor = await resolveCaller(orm.em.fork(), settings.jwtSecret, authorization);
          if (actor.kind !== 'anonymous') {
            const socket = ctx.extra.socket;
            const id = actor.kind === 'user' ? actor.userId : actor.clientId;
            ctx.extra.authorization = String(authorization);
            ctx.extra.userId = id;
            const sockets = connectionsByUser.get(id) ?? new Set();
            sockets.add(socket);
            connectionsByUser.set(id, sockets);
            ctx.extra.expiryTimer = setTimeout(
              () => socket.close(4401, 'Token expired'),
              Math.max(0, actor.tokenExpiresAt.getTime() - Date.now()),
            );
            ctx.extra.expiryTimer.unref();
          }
          return true;
        } catch {
          return false;
        }
      },
      onDisconnect: (ctx) => {
        clearTimeout(ctx.extra.expiryTimer);
        if (ctx.extra.userId) {
          connectionsByUser.get(ctx.extra.userId)?.delete(ctx.extra.socket);
        }
      },
      // Each operation gets a fresh context; the actor is re-read, so a deactivated user is refused.
      // Each operation gets a fresh context; the actor is re-read, so a deactivated user or an
      // ended session is refused with UNAUTHENTICATED rather than a broken socket.
      // The same checks as HTTP (validation, introspection, scopes, cost, the caller's budget),
      // each failure answered for this one operation: the socket stays open.
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        try {
          const context = await createContext(dependencies, {
            requestId: requestIdFrom(undefined),
            clientAddress: ctx.extra.request.socket.remoteAddress,
            authorization: ctx.extra.authorization,
          });
          let document: DocumentNode;
          try {
            document = parse(payload.query);
          } catch (error) {
            return [error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed.')];
          }
          const invalid = validate(schema, document, [...specifiedRules, ...queryLimits]);
          if (invalid.length > 0) {
            return invalid.map((error) => (production ? withoutSuggestions(error) : error));
          }
          if (!getOperationAST(document, payload.operationName)) {
            return [new GraphQLError('Name the operation to run (operationName).')];
          }
          const operation = {
            document,
            operationName: payload.operationName,
            variables: payload.variables ?? undefined,
          };
          await spendBudget(limits, context, checkOperation(limits, operation, context));
          (ctx.extra.contexts ??= new Map()).set(id, context);
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: context,
          };
        } catch (error) {
          const known = toClientError(error);
          if (known) {
            return [new GraphQLError(known.message, { extensions: { code: known.code, ...known.extensions } })];
          }
          logger.error({ err: describeFailure(error) }, 'could not start a WebSocket operation');
          return [
            new GraphQLError('Something went wrong on our side. It has been logged; please try again.', {
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            }),
          ];
        }
      },
      context: (ctx, id) => ctx.extra.contexts?.get(id),
      onComplete: (ctx, id) => {
        ctx.extra.contexts?.delete(id);
      },
      onNext: async (_ctx, _id, _payload, args) => {
        const context = args.contextValue as Context | undefined;
        await context?.audit.flush(context.em);
      },
    },
    wsServer,
  );
  // Deactivation on any process closes the user's sockets on every process.
  await options.bus.subscribe('user_deactivated', (userId) => {
    for (const socket of connectionsByUser.get(userId) ?? []) {
      socket.close(4403, 'Account deactivated');
    }
  });
  // So does an API client's revocation.
  await options.bus.subscribe(API_CLIENT_REVOKED_CHANNEL, (clientId) => {
    for (const socket of connectionsByUser.get(clientId) ?? []) {
      socket.close(4403, 'API client revoked');
    }
  });

  const closeSubscriptions: ApolloServerPlugin = {
    serverWillStart() {
      return Promise.resolve({
        async drainServer() {
          await wsCleanup.dispose();
        },
      });
    },
  };

  // Chart reads of the request, one insert, before the response leaves.
  const writeAuditTrail: ApolloServerPlugin<Context> = {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ contextValue }) {
          await contextValue.audit.flush(contextValue.em);
        },
      });
    },
  };

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter(logger),
    // No "did you mean" hints about the schema in production.
    hideSchemaDetailsFromClientErrors: production,
    validationRules: queryLimits,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    // main.ts owns shutdown: drain HTTP, close subscriptions, then the pool and the database.
    stopOnTerminationSignals: false,
    logger: {
      debug: () => undefined,
      info: (message: string) => logger.info(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: settings.shutdownGraceMs }),
      closeSubscriptions,
      writeAuditTrail,
      limitsPlugin(limits),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          return await createContext(dependencies, {
            requestId: String(res.locals['requestId']),
            clientAddress: clientAddress(req),
            authorization: req.headers.authorization,
          });
        } catch (error) {
          throw asTransportError(error);
        }
      },
    }),
  );

  app.get('/prescriptions/:file', prescriptionPdfRoute(dependencies));

  app.post('/oauth/token', ...oauthTokenRoute(dependencies));
  app.all('/oauth/token', (_request, response) => {
    response.setHeader('Allow', 'POST');
    response.status(405).json({ error: 'invalid_request', error_description: 'Use POST.' });
  });

  const dashboardsDir = options.dashboardsDir ?? join(REPO_ROOT, 'dashboards', 'dist');
  if (existsSync(join(dashboardsDir, 'index.html'))) {
    app.use(express.static(dashboardsDir, { index: false, maxAge: '1h' }));
    // Client-side routes of the dashboards all load the same page.
    app.get(/^\/(?!graphql|health|ready|prescriptions\/|oauth\/).*/, (_request, response) => {
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(join(dashboardsDir, 'index.html'));
    });
  }

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
      await apollo.stop();
    },
  };
}
