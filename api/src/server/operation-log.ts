import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Actor } from '../modules/identity/actor.js';
import type { Logger } from '../shared/logger.js';
import type { Context } from './context.js';
import type { ApiMetrics, Transport } from './metrics.js';

/** One GraphQL operation as it is logged and counted: ids and codes only, never content. */
export interface FinishedOperation {
  readonly transport: Transport;
  readonly requestId: string | undefined;
  /** The client's operation name, as sent (labels use a bounded form of it). */
  readonly operationName: string | null | undefined;
  /** query, mutation, subscription; `unknown` when the document did not parse. */
  readonly type: string;
  readonly actor: Actor | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
  readonly startedAt: bigint;
  /** The query cost, once the cost analysis computes one. */
  readonly cost?: number;
}

function errorCodes(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((error) => {
    const code = error.extensions?.['code'];
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  });
}

/**
 * The one place an operation is logged and counted, for HTTP and WebSocket alike. The log line
 * names the operation, the actor's id and role and the outcome code: never variables, names or
 * clinical data.
 */
export function finishOperation(logger: Logger, metrics: ApiMetrics, operation: FinishedOperation): void {
  const seconds = Number(process.hrtime.bigint() - operation.startedAt) / 1e9;
  const codes = errorCodes(operation.errors);
  const label = metrics.operationLabel(operation.operationName);
  metrics.recordOperation({
    operation: label,
    type: operation.type,
    transport: operation.transport,
    seconds,
    errorCodes: codes,
  });
  if (!logger.isLevelEnabled('info')) {
    return;
  }
  const actor = operation.actor;
  logger.info(
    {
      requestId: operation.requestId,
      transport: operation.transport,
      operation: label,
      operationType: operation.type,
      actorId: actor?.kind === 'user' ? actor.userId : undefined,
      role: actor?.kind === 'user' ? actor.role : 'ANONYMOUS',
      outcome: codes[0] ?? 'OK',
      ...(codes.length > 1 ? { errorCodes: [...new Set(codes)] } : {}),
      ...(operation.cost !== undefined ? { cost: operation.cost } : {}),
      ms: Math.round(seconds * 1000),
    },
    'graphql operation',
  );
}

/** Apollo plugin: every HTTP GraphQL operation through {@link finishOperation}. */
export function operationLogPlugin(logger: Logger, metrics: ApiMetrics): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      const startedAt = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse({ contextValue, operation, operationName, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          finishOperation(logger, metrics, {
            transport: 'http',
            // Unset when the context could not be made (a bad token): the formatted error says so.
            requestId: (contextValue as Partial<Context> | undefined)?.requestId,
            operationName: operationName ?? operation?.name?.value,
            type: operation?.operation ?? 'unknown',
            actor: (contextValue as Partial<Context> | undefined)?.access?.actor,
            errors,
            startedAt,
          });
          return Promise.resolve();
        },
      });
    },
  };
}

interface RunningOperation {
  readonly startedAt: bigint;
  operationName: string | null | undefined;
  type: string;
  requestId: string | undefined;
  actor: Actor | undefined;
  readonly errors: GraphQLFormattedError[];
}

/**
 * The WebSocket side of {@link finishOperation}: graphql-ws hooks call these with the
 * connection's state; each operation is logged and counted once, when it completes or fails.
 */
export class WebSocketOperations {
  private readonly running = new WeakMap<object, Map<string, RunningOperation>>();

  constructor(
    private readonly logger: Logger,
    private readonly metrics: ApiMetrics,
  ) {}

  private of(connection: object): Map<string, RunningOperation> {
    let operations = this.running.get(connection);
    if (!operations) {
      operations = new Map();
      this.running.set(connection, operations);
    }
    return operations;
  }

  /** `onSubscribe`: the operation arrived. */
  started(connection: object, id: string, operationName: string | null | undefined): void {
    this.of(connection).set(id, {
      startedAt: process.hrtime.bigint(),
      operationName,
      type: 'unknown',
      requestId: undefined,
      actor: undefined,
      errors: [],
    });
  }

  /** `onOperation`: it parsed, validated and has a context; the document names the operation. */
  executing(
    connection: object,
    id: string,
    definition: { operation: string; name?: { value: string } | undefined } | undefined,
    context: Context | undefined,
  ): void {
    const operation = this.of(connection).get(id);
    if (operation) {
      operation.type = definition?.operation ?? 'unknown';
      operation.operationName ??= definition?.name?.value;
      operation.requestId = context?.requestId;
      operation.actor = context?.access.actor;
    }
  }

  /** `onNext`: a result went out; its errors count towards the outcome. */
  result(connection: object, id: string, errors: readonly GraphQLFormattedError[] | undefined): void {
    this.of(connection)
      .get(id)
      ?.errors.push(...(errors ?? []));
  }

  /** `onError` or `onComplete`: the operation ended. */
  finished(connection: object, id: string, errors: readonly GraphQLFormattedError[] = []): void {
    const operations = this.of(connection);
    const operation = operations.get(id);
    if (!operation) {
      return;
    }
    operations.delete(id);
    finishOperation(this.logger, this.metrics, {
      transport: 'ws',
      requestId: operation.requestId,
      operationName: operation.operationName,
      type: operation.type,
      actor: operation.actor,
      errors: [...operation.errors, ...errors],
      startedAt: operation.startedAt,
    });
  }
}
