import type { MikroORM } from '@mikro-orm/postgresql';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Settings } from '../config/settings.js';
import { resolveActor } from '../modules/identity/actor.js';
import type { PgBus } from '../shared/pg-bus.js';
import { createContext, requestIdFrom, type Context, type ContextDependencies } from './context.js';
import type { ErrorFormatter } from './errors.js';
import type { ApiMetrics } from './metrics.js';
import type { WebSocketOperations } from './operation-log.js';

export interface WebSocketOptions {
  readonly server: Server;
  readonly schema: GraphQLSchema;
  readonly orm: MikroORM;
  readonly settings: Settings;
  readonly bus: PgBus;
  readonly dependencies: ContextDependencies;
  readonly formatError: ErrorFormatter;
  readonly validationRules: readonly ValidationRule[];
  readonly metrics: ApiMetrics;
  /** Logs and counts each operation when it ends. */
  readonly operations: WebSocketOperations;
}

/** One running operation of a connection. */
interface Operation {
  readonly requestId: string;
  context?: Context;
}

/** What a WebSocket connection keeps between operations. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  /** Each running operation, by operation id. */
  operations?: Map<string, Operation>;
  authorization?: string;
  userId?: string;
  expiryTimer?: NodeJS.Timeout;
}

export interface GraphQLOverWebSocket {
  dispose(): Promise<void>;
}

/**
 * GraphQL over WebSocket (graphql-ws) at /graphql: authenticated once in connection_init, a
 * fresh context per operation, and every error — a document that does not parse or validate, a
 * refused context, a resolver's failure — answered for that operation only, through the same
 * formatter as HTTP. Nothing a client sends in a subscribe message closes the socket.
 */
export async function createGraphQLOverWebSocket(options: WebSocketOptions): Promise<GraphQLOverWebSocket> {
  const { schema, orm, settings, dependencies, formatError, metrics, operations } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  const wsServer = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: 64 * 1024 });
  const connectionsByUser = new Map<string, Set<WebSocket>>();

  const requestIdOf = (state: ConnectionState, id: string) => state.operations?.get(id)?.requestId;

  const cleanup = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      // Authenticate once, in connection_init; close the socket when the token expires.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.['authorization'];
        try {
          const actor = await resolveActor(orm.em.fork(), settings.jwtSecret, authorization);
          if (actor.kind === 'user') {
            const socket = ctx.extra.socket;
            ctx.extra.authorization = String(authorization);
            ctx.extra.userId = actor.userId;
            const sockets = connectionsByUser.get(actor.userId) ?? new Set();
            sockets.add(socket);
            connectionsByUser.set(actor.userId, sockets);
            ctx.extra.expiryTimer = setTimeout(
              () => socket.close(4401, 'Token expired'),
              Math.max(0, actor.tokenExpiresAt.getTime() - Date.now()),
            );
            ctx.extra.expiryTimer.unref();
          }
          metrics.webSocketConnections.inc();
          return true;
        } catch {
          return false;
        }
      },
      onDisconnect: (ctx) => {
        metrics.webSocketConnections.dec();
        clearTimeout(ctx.extra.expiryTimer);
        if (ctx.extra.userId) {
          connectionsByUser.get(ctx.extra.userId)?.delete(ctx.extra.socket);
        }
      },
      // Parse, validate and make the context here, so each failure is returned as this
      // operation's errors: anything thrown in onSubscribe would close the socket with 4500.
      // The actor is re-read for each operation: a deactivated user or an ended session is
      // refused with UNAUTHENTICATED rather than a broken socket.
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const operation: Operation = { requestId: requestIdFrom(undefined) };
        (ctx.extra.operations ??= new Map()).set(id, operation);
        operations.started(ctx.extra, id, payload.operationName);
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The query could not be read.')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) {
          return invalid;
        }
        const definition = getOperationAST(document, payload.operationName);
        if (!definition) {
          return [
            new GraphQLError('Name the operation to run: the document has none or several.', {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ];
        }
        try {
          operation.context = await createContext(dependencies, {
            requestId: operation.requestId,
            clientAddress: ctx.extra.request.socket.remoteAddress,
            authorization: ctx.extra.authorization,
          });
        } catch (error) {
          return [new GraphQLError('The operation was refused.', { originalError: asError(error) })];
        }
        operations.executing(ctx.extra, id, definition, operation.context);
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: operation.context,
        };
      },
      // The operation ends with its error: no onComplete follows.
      onError: (ctx, id, _payload, errors) => {
        const requestId = requestIdOf(ctx.extra, id);
        ctx.extra.operations?.delete(id);
        const formatted = errors.map((error) => formatError(error, requestId));
        operations.finished(ctx.extra, id, formatted);
        return formatted;
      },
      onNext: async (ctx, id, _payload, args, result) => {
        const context = args.contextValue as Context | undefined;
        await context?.audit.flush(context.em);
        if (!result.errors) {
          return undefined;
        }
        const requestId = requestIdOf(ctx.extra, id);
        const errors = result.errors.map((error) => formatError(error, requestId));
        operations.result(ctx.extra, id, errors);
        return { ...result, errors };
      },
      onComplete: (ctx, id) => {
        operations.finished(ctx.extra, id);
        ctx.extra.operations?.delete(id);
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

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
