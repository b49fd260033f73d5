import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  getOperationAST,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { refreshCookieJar } from '../modules/identity/refresh-cookie.js';
import type { Logger } from '../shared/logger.js';
import type { CompiledDocuments } from './compiled-documents.js';
import { knownDocuments } from './known-documents.js';
import { createContext, type Context, type ContextDependencies } from './context.js';
import type { ErrorFormatter } from './errors.js';
import {
  beforeExecution,
  checkOperation,
  finalRateLimitState,
  RateLimitedError,
  spendBudget,
  type LimitsDependencies,
} from './limits.js';
import { JsonReads } from './json-read.js';
import type { ApiMetrics } from './metrics.js';
import { finishOperation } from './operation-log.js';
import { writeRateLimitHeaders, type RateLimitState } from './rate-limit.js';
import { MAX_BODY_BYTES, verifyUtf8 } from './refused-requests.js';

/** Each HTTP request's context, once made (or refused): the direct path's, handed on to Apollo. */
const contexts = new WeakMap<Response, Promise<Context>>();

/**
 * The context of one GraphQL request over HTTP, the same for Apollo and the direct path, made
 * once per request: when the direct path leaves a request to Apollo after making it (a bad
 * token), Apollo gets the same context or the same refusal, not a second look-up of the caller.
 */
export function contextOfHttpRequest(
  dependencies: ContextDependencies,
  request: Request,
  response: Response,
): Promise<Context> {
  let made = contexts.get(response);
  if (!made) {
    made = createContext(dependencies, {
      requestId: String(response.locals['requestId']),
      clientAddress: request.ip ?? request.socket.remoteAddress,
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent'],
      refreshCookie: refreshCookieJar(request, response),
    });
    contexts.set(response, made);
  }
  return made;
}

/** A JSON body this path reads itself; anything else (chunked, compressed, other types) is left to `express.json`. */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;

/** The first character of a JSON body `express.json` accepts (its `strict` mode): an object or an array. */
const JSON_START = /^[ \t\n\r]*[{[]/;

function bodyError(type: string): Error {
  return Object.assign(new Error(type), { status: 400, type });
}

/**
 * Reads a plain JSON body (`Content-Type: application/json`, UTF-8, a `Content-Length` within
 * the limit, no `Content-Encoding`) without body-parser's per-request machinery, refusing what
 * `express.json` would with the same error types (refused-requests.ts answers them). Every other
 * body goes on to `express.json` unread, which sees a body already read as done.
 */
export const readJsonBody: RequestHandler = (request, response, next) => {
  const length = Number(request.headers['content-length']);
  const encoding = request.headers['content-encoding'];
  if (
    request.method !== 'POST' ||
    !JSON_TYPE.test(request.headers['content-type'] ?? '') ||
    (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
    !(length > 0 && length <= MAX_BODY_BYTES) ||
    request.readableEnded
  ) {
    next();
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = (error?: Error) => {
    if (done) {
      return;
    }
    done = true;
    if (error) {
      next(error);
      return;
    }
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
    if (received !== length) {
      next(bodyError('request.size.invalid'));
      return;
    }
    try {
      verifyUtf8(request, response, body);
    } catch (refused) {
      next(refused);
      return;
    }
    const text = body.toString('utf8');
    if (!JSON_START.test(text)) {
      next(bodyError('entity.parse.failed'));
      return;
    }
    try {
      request.body = JSON.parse(text) as unknown;
    } catch {
      next(bodyError('entity.parse.failed'));
      return;
    }
    next();
  };
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    chunks.push(chunk);
  });
  request.on('end', () => finish());
  request.on('aborted', () => finish(bodyError('request.aborted')));
  request.on('error', () => finish(bodyError('request.aborted')));
};

/** The response media types this path answers with, by the request's `Accept` (others go to Apollo). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '': 'application/json; charset=utf-8',
  '*/*': 'application/json; charset=utf-8',
  'application/json': 'application/json; charset=utf-8',
  // Apollo Client's default: the GraphQL-over-HTTP media type first, JSON second.
  'application/graphql-response+json,application/json;q=0.9': 'application/graphql-response+json; charset=utf-8',
};

export interface DirectGraphQLOptions {
  readonly schema: GraphQLSchema;
  readonly validationRules: readonly ValidationRule[];
  readonly dependencies: ContextDependencies;
  readonly formatError: ErrorFormatter;
  readonly limits: LimitsDependencies;
  readonly compiled: CompiledDocuments;
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
}

/** What a request must be for the direct path; undefined sends it to Apollo. */
interface Planned {
  readonly query: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | undefined;
  /**
   * One object per request, `{}` when none came: the cost check and the JSON path coerce it once
   * between them (query-cost.ts `coercedVariables` keeps the coercion by this object).
   */
  readonly variables: Record<string, unknown>;
  readonly contentType: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * GraphQL over HTTP for the everyday request — a POST of JSON with a valid query or mutation —
 * without Apollo's per-request machinery: each distinct document parsed and validated once (the
 * same rules as Apollo's), run by its graphql-jit compilation, and answered with the same body,
 * status and headers. It enforces what the Apollo path enforces, through the same functions: the
 * context (createContext), the cost, scope and introspection checks and the caller's budget
 * (limits.ts, RateLimit-* headers on every answer), the audit flush before the response, the one
 * error formatter, and the operation log and metrics (operation-log.ts).
 *
 * A refusal once the operation is known (cost, scope, introspection, the budget: limits.ts's
 * `beforeExecution`) and variables that do not fit (execution's answer) are answered here as
 * Apollo answers them, each check made once. Whatever it does not handle goes on to Apollo,
 * untouched and before anything was spent: GET, batches, persisted queries, `extensions`,
 * documents that do not parse or validate, a missing or unknown operation, subscriptions (refused
 * there), mutations with an Idempotency-Key, other `Accept` headers, and a context that cannot be
 * made (a bad token), which Apollo is handed as made here (contextOfHttpRequest), not made again.
 */
export function directGraphQL(options: DirectGraphQLOptions): RequestHandler {
  const { schema, dependencies, formatError, limits, compiled, logger, metrics } = options;
  const known = knownDocuments(schema, options.validationRules);
  const windowSeconds = limits.settings.rateLimitWindowSeconds;
  // Lists PostgreSQL writes as JSON (json-read.ts); not while tracing, which wants every resolver.
  const jsonReads = compiled.compiles ? new JsonReads(schema) : undefined;

  const plan = (request: Request): Planned | undefined => {
    const body: unknown = request.body;
    const contentType = CONTENT_TYPES[(request.headers.accept ?? '').replace(/\s+/g, '')];
    if (request.method !== 'POST' || !isRecord(body) || contentType === undefined || 'extensions' in body) {
      return undefined;
    }
    const { query, operationName, variables } = body;
    if (
      typeof query !== 'string' ||
      query === '' ||
      (operationName !== undefined && operationName !== null && typeof operationName !== 'string') ||
      (variables !== undefined && variables !== null && !isRecord(variables))
    ) {
      return undefined;
    }
    const { document, errors } = known(query);
    if (!document || errors.length > 0) {
      return undefined;
    }
    const operation = getOperationAST(document, operationName ?? undefined);
    if (
      !operation ||
      operation.operation === OperationTypeNode.SUBSCRIPTION ||
      (operation.operation === OperationTypeNode.MUTATION && request.headers['idempotency-key'] !== undefined)
    ) {
      return undefined;
    }
    return {
      query,
      document,
      operation,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      contentType,
    };
  };

  return (request: Request, response: Response, next: NextFunction) => {
    const planned = plan(request);
    if (!planned) {
      next();
      return;
    }
    answer(planned, request, response, next).catch(next);
  };

  async function answer(planned: Planned, request: Request, response: Response, next: NextFunction): Promise<void> {
    let context: Context;
    try {
      context = await contextOfHttpRequest(dependencies, request, response);
    } catch {
      // Apollo words the refusal, given the same one (contextOfHttpRequest): nothing was spent yet.
      next();
      return;
    }
    const startedAt = process.hrtime.bigint();
    let state: RateLimitState | undefined;
    let status = 200;
    const headers = new Map<string, string>();
    let body: { errors?: readonly GraphQLFormattedError[]; data?: unknown };
    /** `data` as the JSON path wrote it (then there are no errors). */
    let dataText: string | undefined;
    try {
      let result: ExecutionResult | undefined;
      try {
        const cost = checkOperation(
          limits,
          { document: planned.document, operationName: planned.operationName, variables: planned.variables },
          context,
        );
        const spent = spendBudget(limits, context, cost);
        state = spent instanceof Promise ? await spent : spent;
      } catch (error) {
        if (error instanceof RateLimitedError) {
          state = error.state;
        }
        // The same answer as Apollo's to a refusal before execution (limits.ts's plugin).
        const refusal = beforeExecution(error);
        const http = refusal.extensions['http'] as { status?: number; headers?: Map<string, string> } | undefined;
        status = http?.status ?? 500;
        for (const [name, value] of http?.headers ?? []) {
          headers.set(name, value);
        }
        result = { errors: [refusal] };
      }
      if (!result && jsonReads) {
        dataText = await jsonReads.run(planned.document, planned.operation, planned.variables, context);
      }
      result ??=
        dataText !== undefined
          ? {}
          : await compiled.executionOf(planned.query, planned.document, planned.operationName)(
              undefined,
              context,
              planned.variables,
            );
      if (status === 200 && result.errors) {
        // As Apollo merges an error's own `extensions.http` (none of ours sets one during
        // execution), and answers 400 when nothing ran.
        for (const error of result.errors) {
          const http = error.extensions?.['http'] as { status?: unknown; headers?: unknown } | undefined;
          if (typeof http?.status === 'number') {
            status = http.status;
          }
          if (http?.headers instanceof Map) {
            for (const [name, value] of http.headers as Map<string, string>) {
              headers.set(name, value);
            }
          }
        }
        if (status === 200 && result.data === undefined) {
          status = 400;
        }
      }
      body = {
        errors: result.errors?.map((error) => formatError(error, context.requestId)),
        data: result.data,
      };
      // Chart reads of the request, one insert, before the response leaves.
      await context.audit.flush(context.em);
      const final = finalRateLimitState(limits, context, state);
      state = final instanceof Promise ? await final : final;
    } catch (error) {
      // A failure of our own (logged and masked by the formatter), as Apollo answers one.
      status = 500;
      dataText = undefined;
      headers.clear();
      body = { errors: [formatError(error, context.requestId)] };
    }
    finishOperation(logger, metrics, {
      transport: 'http',
      requestId: context.requestId,
      operationName: planned.operationName ?? planned.operation.name?.value,
      type: planned.operation.operation,
      actor: context.access.actor,
      errors: body.errors,
      startedAt,
    });
    writeRateLimitHeaders(state, windowSeconds, (name, value) => response.setHeader(name, value));
    for (const [name, value] of headers) {
      response.setHeader(name, value);
    }
    // Apollo's order and ending: errors, then data; a newline after the JSON.
    const text =
      dataText !== undefined
        ? `{"data":${dataText}}\n`
        : `${JSON.stringify({ errors: body.errors, data: body.data })}\n`;
    response.setHeader('content-type', planned.contentType);
    response.setHeader('content-length', Buffer.byteLength(text));
    response.statusCode = status;
    // Written as the string it is, not through `response.send` (which copies a long answer into a
    // buffer, so that the headers and the body leave as two chunks): Node sends both in one write.
    response.end(text);
  }
}
