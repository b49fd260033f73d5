import { ApolloServer, type ApolloServerOptionsWithGateway, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import express from 'express';
import { GraphQLError, OperationTypeNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Server } from 'node:http';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../shared/logger.js';
import type { CompiledDocuments } from './compiled-documents.js';
import type { Context, ContextDependencies } from './context.js';
import { httpStatusOf, type ErrorFormatter } from './errors.js';
import { contextOfHttpRequest, directGraphQL, readJsonBody } from './graphql-http.js';
import { limitsPlugin, type LimitsDependencies } from './limits.js';
import type { ApiMetrics } from './metrics.js';
import { operationLogPlugin } from './operation-log.js';
import { MAX_BODY_BYTES, verifyUtf8 } from './refused-requests.js';

export interface ApolloOptions {
  readonly schema: GraphQLSchema;
  readonly httpServer: Server;
  readonly dependencies: ContextDependencies;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly formatError: ErrorFormatter;
  readonly validationRules: readonly ValidationRule[];
  /** Called while draining, after HTTP stops accepting: closes the subscriptions. */
  readonly drain: () => Promise<void>;
  /** Cost, scopes, the caller's budget and idempotency keys (limits.ts). */
  readonly limits: LimitsDependencies;
  /** Every operation is counted here (and logged: operation-log.ts). */
  readonly metrics: ApiMetrics;
  /** The process's compiled documents (shared with WebSocket; graphql-js only while tracing). */
  readonly compiled: CompiledDocuments;
}

export interface GraphQLOverHttp {
  readonly middleware: RequestHandler[];
  stop(): Promise<void>;
}

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];

/**
 * Apollo's way to run documents with another executor (its migration guide's replacement for the
 * `executor` option): the schema as it is, and each validated document run by its graphql-jit
 * compilation (compiled-documents.ts), compiled once per distinct text and operation. Everything
 * before execution (parsing, validation, the plugins' checks) and after it (errors through the one
 * formatter, the response) stays Apollo's.
 */
function compiledExecution(schema: GraphQLSchema, compiled: CompiledDocuments): Gateway {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: () =>
      Promise.resolve({
        executor: async ({ source, document, request, context }) =>
          compiled.executionOf(source, document, request.operationName)(undefined, context, request.variables),
      }),
    stop: () => Promise.resolve(),
  };
}

/**
 * GraphQL over HTTP: the everyday POST of a valid query straight to its compiled execution
 * (graphql-http.ts), everything else through Apollo; both with our context, limits, audit flush,
 * operation log and the one error formatter.
 */
export async function createGraphQLOverHttp(options: ApolloOptions): Promise<GraphQLOverHttp> {
  const { schema, httpServer, dependencies, logger, settings, formatError, metrics, compiled } = options;
  // Apollo's formatError sees no context: the request id of each error is noted on the way.
  const requestIdOf = new WeakMap<object, string>();

  const closeSubscriptions: ApolloServerPlugin = {
    serverWillStart() {
      return Promise.resolve({ drainServer: options.drain });
    },
  };

  const perRequest: ApolloServerPlugin<Context> = {
    requestDidStart({ contextValue }) {
      return Promise.resolve({
        didResolveOperation({ operation }) {
          // Subscriptions stream over WebSocket only; over HTTP they would run as a broken query.
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError('Subscriptions run over WebSocket (graphql-ws) at /graphql, not over HTTP.', {
              extensions: { code: 'SUBSCRIPTION_OVER_HTTP', http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
        didEncounterErrors({ errors }) {
          for (const error of errors) {
            requestIdOf.set(error, contextValue.requestId);
          }
          return Promise.resolve();
        },
        // Chart reads of the request, one insert, before the response leaves.
        async willSendResponse() {
          await contextValue.audit.flush(contextValue.em);
        },
      });
    },
  };

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema, compiled),
    formatError: (_formatted, error) => formatError(error, requestIdOf.get(error as object)),
    validationRules: [...options.validationRules],
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // No "did you mean" hints about the schema in production.
    hideSchemaDetailsFromClientErrors: settings.env === 'production',
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
      // The product sets no cache hints; the default cache-control plugin would otherwise hook
      // every field's resolution (Apollo wraps each resolver as soon as one plugin asks to).
      ApolloServerPluginCacheControlDisabled(),
      // Nothing about operations leaves for Apollo's cloud, even with APOLLO_KEY set by mistake.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: settings.shutdownGraceMs }),
      closeSubscriptions,
      perRequest,
      limitsPlugin(options.limits),
      operationLogPlugin(logger, metrics),
    ],
  });
  await apollo.start();

  const graphql = expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      try {
        return await contextOfHttpRequest(dependencies, req, res);
      } catch (error) {
        // A bad token, or an outage: formatted (and logged) here, where the request id is known.
        const formatted = formatError(error, String(res.locals['requestId']));
        throw new GraphQLError(formatted.message, {
          extensions: { ...formatted.extensions, http: { status: httpStatusOf(formatted) } },
        });
      }
    },
  });
  const direct = directGraphQL({
    schema,
    validationRules: options.validationRules,
    dependencies,
    formatError,
    limits: options.limits,
    compiled,
    logger,
    metrics,
  });

  return {
    middleware: [readJsonBody, direct, express.json({ limit: MAX_BODY_BYTES, verify: verifyUtf8 }), graphql],
    stop: () => apollo.stop(),
  };
}
