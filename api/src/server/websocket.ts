import type { MikroORM } from '@mikro-orm/postgresql';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Settings } from '../config/settings.js';
import { parseSessionsEnded, SESSIONS_ENDED_CHANNEL } from '../modules/identity/sessions-ended.js';
import type { PgBus } from '../shared/pg-bus.js';
import { resolveCaller } from './caller.js';
import { contextOf, requestIdFrom, type Context, type ContextDependencies } from './context.js';
import type { ErrorFormatter } from './errors.js';
import { checkOperation, spendBudget, type LimitsDependencies } from './limits.js';
import { withoutSuggestions } from './validation-rules.js';
import type { CompiledDocuments } from './compiled-documents.js';
import { knownDocuments } from './known-documents.js';
import { LiveFanOut } from './live-fanout.js';
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
  /** Cost, scopes and the caller's budget, as over HTTP. */
  readonly limits: LimitsDependencies;
  /** Channels whose payload is a user or API client id whose sockets are to close (revocations). */
  readonly revocationChannels?: readonly string[];
  readonly metrics: ApiMetrics;
  /** Logs and counts each operation when it ends. */
  readonly operations: WebSocketOperations;
  /** The process's compiled documents (shared with HTTP). */
  readonly compiled: CompiledDocuments;
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
  /** The user or API client whose deactivation or revocation closes this socket. */
  userId?: string;
  expiryTimer?: NodeJS.Timeout;
  /** The TCP connection under the socket (the upgrade request's). */
  connection?: Socket;
  /** The upgrade request's address and User-Agent: all an operation needs of the request. */
  clientAddress?: string;
  userAgent?: string;
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
  const known = knownDocuments(schema, options.validationRules);
  const wsServer = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: 64 * 1024 });
  const connectionsByUser = new Map<string, Set<WebSocket>>();
  const socketSessions = new WeakMap<WebSocket, string>();

  const requestIdOf = (state: ConnectionState, id: string) => state.operations?.get(id)?.requestId;
  // Appointment events: one execution per event for every group of identical subscriptions.
  const fanOut = new LiveFanOut(dependencies, options.compiled);
  metrics.countLiveSubscriptionGroups(() => fanOut.stats.groups);

  const cleanup = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      subscribe: fanOut.subscribe,
      // Authenticate once, in connection_init; close the socket when the token expires.
      onConnect: async (ctx) => {
        // What operations need of the upgrade request is kept, not the request: its headers,
        // parser and stream state (about 1.4 KB) would stay as long as the socket stays open.
        const { request } = ctx.extra;
        ctx.extra.connection = request.socket;
        ctx.extra.clientAddress = request.socket.remoteAddress;
        ctx.extra.userAgent = request.headers['user-agent'];
        (ctx.extra as { request?: unknown }).request = undefined;
        const authorization = ctx.connectionParams?.['authorization'];
        try {
          const actor = await resolveCaller(orm.em.fork(), settings.jwtSecret, authorization);
          if (actor.kind !== 'anonymous') {
            const socket = ctx.extra.socket;
            const owner = actor.kind === 'user' ? actor.userId : actor.clientId;
            ctx.extra.authorization = String(authorization);
            ctx.extra.userId = owner;
            const sockets = connectionsByUser.get(owner) ?? new Set();
            sockets.add(socket);
            if (actor.kind === 'user') {
              socketSessions.set(socket, actor.sessionId);
            }
            connectionsByUser.set(owner, sockets);
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
        // Parsed and validated once per distinct text: its subscribers share one syntax tree.
        const { document, errors } = known(payload.query);
        if (!document) {
          return errors;
        }
        if (errors.length > 0) {
          return settings.env === 'production' ? errors.map(withoutSuggestions) : [...errors];
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
          // The caller is checked through an entity manager the context does not keep: a
          // subscription's context lives as long as it does (about 4 KB an entity manager), and
          // forks one when it first needs it.
          const actor = await resolveCaller(orm.em.fork(), settings.jwtSecret, ctx.extra.authorization);
          operation.context = contextOf(
            dependencies,
            { requestId: operation.requestId, clientAddress: ctx.extra.clientAddress, userAgent: ctx.extra.userAgent },
            actor,
          );
          // The same checks as over HTTP: introspection, the partner's scopes, the cost limit, the budget.
          const cost = checkOperation(
            options.limits,
            { document, operationName: payload.operationName, variables: payload.variables ?? undefined },
            operation.context,
          );
          await spendBudget(options.limits, operation.context, cost);
        } catch (error) {
          return [new GraphQLError('The operation was refused.', { originalError: asError(error) })];
        }
        operations.executing(ctx.extra, id, definition, operation.context);
        if (definition.operation === OperationTypeNode.SUBSCRIPTION) {
          fanOut.register(operation.context, {
            socket: ctx.extra.socket,
            connection: ctx.extra.connection!,
            id,
            query: payload.query,
            context: operation.context,
            resultErrors: (errors) => {
              const formatted = errors.map((error) => formatError(error, operation.requestId));
              operations.result(ctx.extra, id, formatted);
              return formatted;
            },
          });
        }
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

  // Deactivation (or an API client's revocation) on any process closes its sockets on every process.
  for (const channel of ['user_deactivated', ...(options.revocationChannels ?? [])]) {
    await options.bus.subscribe(channel, (ownerId) => {
      for (const socket of connectionsByUser.get(ownerId) ?? []) {
        socket.close(4403, channel === 'user_deactivated' ? 'Account deactivated' : 'Access revoked');
      }
    });
  }

  // An ended session (revoked, signed out, password reset) closes its sockets on every process.
  await options.bus.subscribe(SESSIONS_ENDED_CHANNEL, (payload) => {
    const ended = parseSessionsEnded(payload);
    if (!ended) {
      return;
    }
    for (const socket of connectionsByUser.get(ended.userId) ?? []) {
      if (!ended.sessionId || socketSessions.get(socket) === ended.sessionId) {
        socket.close(
          ended.reason === 'deactivated' ? 4403 : 4401,
          ended.reason === 'deactivated' ? 'Account deactivated' : 'Session ended',
        );
      }
    }
  });

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
