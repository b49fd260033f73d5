import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  GraphQLError,
  OperationTypeNode,
  separateOperations,
  visit,
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Response } from 'express';
import type { Settings } from '../config/settings.js';
import { AppError, HTTP_STATUS } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { callerKey } from './caller.js';
import type { Context } from './context.js';
import { describeFailure } from './errors.js';
import { checkIdempotencyKey, requestHash, type IdempotencyStore } from './idempotency.js';
import { assertCost } from './query-cost.js';
import {
  writeRateLimitHeaders,
  type CostRateLimiter,
  type RateLimitState,
  type RateLimitVerdict,
} from './rate-limit.js';
import { assertScopes } from './scope-check.js';

export interface LimitsDependencies {
  readonly schema: GraphQLSchema;
  readonly settings: Settings;
  readonly limiter: CostRateLimiter;
  readonly idempotency: IdempotencyStore;
  readonly logger: Logger;
}

export interface Operation {
  readonly document: DocumentNode;
  readonly operationName: string | null | undefined;
  readonly variables: Record<string, unknown> | undefined;
}

/** Whether the chosen operation reads the schema (`__schema`, `__type`; `__typename` is data). */
export function readsSchema(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operations = separateOperations(document);
  const chosen = operationName ? operations[operationName] : Object.values(operations)[0];
  let found = false;
  if (chosen) {
    visit(chosen, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
  }
  return found;
}

/**
 * What every operation passes before it runs, over HTTP and WebSocket alike: introspection only
 * for signed-in callers in production, a partner's scopes, and the cost limit. Answers the cost.
 */
export function checkOperation(dependencies: LimitsDependencies, operation: Operation, context: Context): number {
  const actor = context.access.actor;
  if (
    dependencies.settings.env === 'production' &&
    actor.kind === 'anonymous' &&
    readsSchema(operation.document, operation.operationName)
  ) {
    throw new AppError('UNAUTHENTICATED', 'Sign in (or use an API client token) to read the schema.');
  }
  assertScopes(dependencies.schema, operation.document, operation.operationName, actor);
  return assertCost(
    dependencies.schema,
    operation.document,
    operation.operationName,
    operation.variables,
    dependencies.settings.queryCostLimit,
  );
}

/**
 * Takes the operation's cost from the caller's budget; TOO_MANY_REQUESTS (with its state) when
 * spent. At once (thrown, not rejected) when the process's lease decides it; else a promise.
 */
export function spendBudget(
  dependencies: LimitsDependencies,
  context: Context,
  cost: number,
): RateLimitState | undefined | Promise<RateLimitState | undefined> {
  const verdict = dependencies.limiter.consume(callerKey(context.access.actor, context.clientAddress), cost);
  return verdict instanceof Promise ? verdict.then(spent) : spent(verdict);
}

function spent(verdict: RateLimitVerdict | undefined): RateLimitState | undefined {
  if (verdict && !verdict.allowed) {
    throw new RateLimitedError(verdict.state);
  }
  return verdict?.state;
}

export class RateLimitedError extends AppError {
  constructor(readonly state: RateLimitState) {
    super(
      'TOO_MANY_REQUESTS',
      `Too many requests: this caller's budget of ${state.limit} cost points is spent. Try again in ${state.resetSeconds} s.`,
      {
        extensions: { retryAfterSeconds: state.resetSeconds },
      },
    );
  }
}

/** What a request outside GraphQL costs, in the same points as an operation's cost. */
export const ROUTE_COST = {
  /**
   * A whole chart read at once ("Download my record" as PDF or FHIR Bundle, `$everything`): as
   * much as a large chart query.
   */
  wholeChart: 500,
  /** A bulk export kick-off: every chart the caller may see is read (in the background). */
  exportKickOff: 1_000,
  /**
   * One FHIR resource read or returned by a search (a search is charged for its page size):
   * about what GraphQL charges for an object with its ten or so fields.
   */
  fhirResource: 10,
} as const;

/** Takes a route's cost from the caller's budget (see {@link requestCharge}). */
export type RequestCharge = (context: Context, response: Response, cost: number) => Promise<void>;

/**
 * The rate limit of requests outside GraphQL: the same budget as operations (one caller, one
 * budget), RateLimit-* headers on the answer, and when spent TOO_MANY_REQUESTS (429 with
 * Retry-After) thrown for the route's own error answer.
 */
export function requestCharge(dependencies: LimitsDependencies): RequestCharge {
  const windowSeconds = dependencies.settings.rateLimitWindowSeconds;
  return async (context, response, cost) => {
    const setHeader = (name: string, value: string) => response.setHeader(name, value);
    try {
      writeRateLimitHeaders(await spendBudget(dependencies, context, cost), windowSeconds, setHeader);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        writeRateLimitHeaders(error.state, windowSeconds, setHeader);
        response.setHeader('Retry-After', String(error.state.resetSeconds));
      }
      throw error;
    }
  };
}

/** An error found before execution, as Apollo wants it: a GraphQLError with its HTTP status and headers. */
export function beforeExecution(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) {
    // Variables that do not fit the document, found while costing it: the caller's mistake.
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400, headers: new HeaderMap() } },
    });
  }
  if (error instanceof AppError) {
    const headers = new HeaderMap();
    if (error instanceof RateLimitedError) {
      headers.set('retry-after', String(error.state.resetSeconds));
    }
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: error.code, http: { status: HTTP_STATUS[error.code], headers } },
    });
  }
  return new GraphQLError('Something went wrong on our side.', {
    originalError: error instanceof Error ? error : undefined,
  });
}

/** The caller's budget as the answer reports it: as spent (at once), else as it stands (when the limiter is on). */
export function finalRateLimitState(
  dependencies: LimitsDependencies,
  context: Context,
  state: RateLimitState | undefined,
): RateLimitState | undefined | Promise<RateLimitState | undefined> {
  if (state || !dependencies.limiter.enabled) {
    return state;
  }
  return dependencies.limiter.peek(callerKey(context.access.actor, context.clientAddress));
}

function setHeaders(
  request: GraphQLRequestContextWillSendResponse<Context>,
  state: RateLimitState | undefined,
  windowSeconds: number,
): void {
  writeRateLimitHeaders(state, windowSeconds, (name, value) => request.response.http.headers.set(name, value));
}

/**
 * The limits over HTTP: the checks above after the operation is known, the caller's budget
 * (RateLimit-* headers on every answer), and Idempotency-Key on mutations.
 */
export function limitsPlugin(dependencies: LimitsDependencies): ApolloServerPlugin<Context> {
  const { idempotency, settings, logger } = dependencies;
  return {
    requestDidStart() {
      let state: RateLimitState | undefined;
      let claimed: { caller: string; key: string } | undefined;
      let idempotencyKey: string | undefined;
      return Promise.resolve({
        async didResolveOperation({ document, operationName, request, contextValue, operation }) {
          try {
            const cost = checkOperation(
              dependencies,
              { document, operationName, variables: request.variables },
              contextValue,
            );
            const header = request.http?.headers.get('idempotency-key');
            if (header !== undefined && operation?.operation === OperationTypeNode.MUTATION) {
              idempotencyKey = checkIdempotencyKey(header);
            }
            state = await spendBudget(dependencies, contextValue, cost);
          } catch (error) {
            if (error instanceof RateLimitedError) {
              state = error.state;
            }
            throw beforeExecution(error);
          }
        },
        async responseForOperation({ request, contextValue }) {
          if (idempotencyKey === undefined) {
            return null;
          }
          const caller = callerKey(contextValue.access.actor, contextValue.clientAddress);
          const outcome = await idempotency.begin(
            caller,
            idempotencyKey,
            requestHash(request.query, request.operationName, request.variables),
          );
          const refusal = (status: number, message: string, reason: string) => ({
            http: { status, headers: new HeaderMap() },
            body: {
              kind: 'single' as const,
              singleResult: { errors: [{ message, extensions: { code: 'CONFLICT', reason } }] },
            },
          });
          switch (outcome.kind) {
            case 'first':
              claimed = { caller, key: idempotencyKey };
              return null;
            case 'replay':
              return {
                http: { status: outcome.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
                body: { kind: 'single', singleResult: outcome.body as Record<string, unknown> },
              };
            case 'mismatch':
              return refusal(
                422,
                'This Idempotency-Key was used with another request; use a new key.',
                'IDEMPOTENCY_KEY_REUSED',
              );
            case 'in-progress':
              return refusal(
                409,
                'A request with this Idempotency-Key is still running; retry shortly.',
                'IDEMPOTENCY_KEY_IN_USE',
              );
          }
        },
        async willSendResponse(requestContext) {
          state = await finalRateLimitState(dependencies, requestContext.contextValue, state);
          setHeaders(requestContext, state, settings.rateLimitWindowSeconds);
          if (claimed) {
            const { caller, key } = claimed;
            claimed = undefined;
            const { body, http } = requestContext.response;
            const result = body.kind === 'single' ? body.singleResult : undefined;
            const failedOnOurSide = result?.errors?.some(
              (error) => error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR',
            );
            try {
              if (!result || failedOnOurSide) {
                await idempotency.abandon(caller, key);
              } else {
                await idempotency.complete(caller, key, http.status ?? 200, result);
              }
            } catch (error) {
              logger.error({ err: describeFailure(error) }, 'could not keep an idempotent answer');
            }
          }
        },
      });
    },
  };
}
