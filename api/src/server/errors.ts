import { GraphQLError, Kind, parse, visit, type ASTNode, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Response } from 'express';
import {
  AppError,
  fromDatabaseError,
  InvalidValueError,
  HTTP_STATUS,
  isErrorCode,
  type ErrorCode,
  type FieldProblem,
} from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

function validationProblems(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

interface ClientError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** What the caller sees for a thrown error: a known code and a message, never internals. */
export function toClientError(error: unknown): ClientError | undefined {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      extensions: {
        ...(error.options.fields ? { fields: error.options.fields } : {}),
        ...(error.options.reason ? { reason: error.options.reason } : {}),
        ...error.options.extensions,
      },
    };
  }
  if (error instanceof ArgumentValidationError) {
    const fields = validationProblems(error.extensions.validationErrors);
    return {
      code: 'BAD_USER_INPUT',
      message: `Invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`,
      extensions: { fields },
    };
  }
  if (error instanceof AuthenticationError) {
    return { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' };
  }
  if (error instanceof AuthorizationError) {
    return { code: 'FORBIDDEN', message: 'You are not allowed to do this.' };
  }
  const fromDatabase = fromDatabaseError(error);
  return fromDatabase ? toClientError(fromDatabase) : undefined;
}

/**
 * Codes of GraphQL's own errors (and Apollo's) that are the caller's fault, mapped to the
 * contract's codes; `detail` keeps the original for clients that care.
 */
const CLIENT_CODES: Readonly<Record<string, ErrorCode>> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_FOUND: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_SUPPORTED: 'BAD_USER_INPUT',
  PERSISTED_QUERY_HASH_MISMATCH: 'BAD_USER_INPUT',
  PERSISTED_QUERY_VERSION_UNSUPPORTED: 'BAD_USER_INPUT',
  SUBSCRIPTION_OVER_HTTP: 'BAD_USER_INPUT',
};

/** Apollo's refusals that carry no code of their own, by message. */
const LIBRARY_DETAILS: Readonly<Record<string, string>> = {
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
  'Unsupported persisted query version': 'PERSISTED_QUERY_VERSION_UNSUPPORTED',
};

/** `Variable "$input" got invalid value … at "input.startsAt"; …` → the path it names. */
const VARIABLE_PROBLEM =
  /^Variable "\$([^"]+)" (?:got invalid value|of (?:required|non-null) type)[^]*?(?: at "([^"]+)")?;/;

/**
 * The argument path (`input.startsAt`) of a literal value GraphQL refused, found by position in
 * the document the error came from.
 */
function literalPath(error: GraphQLError): string | undefined {
  const node = error.nodes?.[0];
  const body = error.source?.body;
  if (!node?.loc || !body) {
    return undefined;
  }
  let found: string | undefined;
  try {
    visit(parse(body, { noLocation: false }), {
      enter(candidate: ASTNode, _key, parent, _path, ancestors) {
        if (found !== undefined || candidate.loc?.start !== node.loc?.start || candidate.kind !== node.kind) {
          return undefined;
        }
        const names = [...ancestors, parent ?? [], candidate].flatMap((ancestor) =>
          !Array.isArray(ancestor) &&
          ((ancestor as ASTNode).kind === Kind.ARGUMENT || (ancestor as ASTNode).kind === Kind.OBJECT_FIELD)
            ? [(ancestor as { name: { value: string } }).name.value]
            : [],
        );
        found = names.length ? names.join('.') : undefined;
        return undefined;
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

/** The field a refused value belongs to, when GraphQL's own error says which. */
function coercionFields(error: GraphQLError, reason: string): FieldProblem[] | undefined {
  const variable = VARIABLE_PROBLEM.exec(error.message);
  if (variable) {
    return [{ field: variable[2] ?? variable[1]!, message: reason }];
  }
  if (/^(Expected value of type|Argument "[^"]+" of (required|non-null) type)/.test(error.message)) {
    const argument = /^Argument "([^"]+)"/.exec(error.message)?.[1] ?? literalPath(error);
    return argument ? [{ field: argument, message: reason }] : undefined;
  }
  return undefined;
}

const UNEXPECTED_MESSAGE = 'Something went wrong on our side. It has been logged; please try again.';

/** Formats one error for the caller; `requestId` ties a logged failure to its request. */
export type ErrorFormatter = (error: unknown, requestId?: string) => GraphQLFormattedError;

/**
 * The one formatter, for HTTP, WebSocket and file routes alike: known errors keep their code
 * (and `reason`, `fields`); GraphQL's own (parse, validation, variable coercion) become
 * BAD_USER_INPUT naming the field where they can; anything else is logged with the request id
 * and answered as a masked INTERNAL_SERVER_ERROR. Messages never carry stack traces, SQL or
 * medical data.
 */
export function createErrorFormatter(logger: Logger): ErrorFormatter {
  return (error, requestId) => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const thrown = graphqlError?.originalError ?? error;
    const location = {
      ...(graphqlError?.locations ? { locations: graphqlError.locations } : {}),
      ...(graphqlError?.path ? { path: graphqlError.path } : {}),
    };
    const known = toClientError(thrown);
    if (known) {
      return { message: known.message, ...location, extensions: { code: known.code, ...known.extensions } };
    }
    // GraphQL's own errors (and Apollo's, and a scalar's refusal of a value): about the document
    // or the input, written by the library, safe to show.
    const documentError =
      graphqlError && (thrown === graphqlError || thrown instanceof GraphQLError || thrown instanceof InvalidValueError)
        ? graphqlError
        : undefined;
    if (documentError) {
      const { http: _http, code: ownCode, ...rest } = documentError.extensions;
      const innerCode = thrown instanceof GraphQLError ? thrown.extensions['code'] : undefined;
      const rawCode = ownCode ?? innerCode ?? LIBRARY_DETAILS[documentError.message] ?? 'BAD_USER_INPUT';
      const code = typeof rawCode === 'string' ? rawCode : 'BAD_USER_INPUT';
      const contractCode: ErrorCode = isErrorCode(code) ? code : (CLIENT_CODES[code] ?? 'BAD_USER_INPUT');
      // Already masked and logged where the request id was known (a failed context).
      const masked = contractCode === 'INTERNAL_SERVER_ERROR' && documentError.message === UNEXPECTED_MESSAGE;
      if (contractCode !== 'INTERNAL_SERVER_ERROR' || masked) {
        const reason = thrown instanceof Error && thrown !== documentError ? thrown.message : 'is invalid';
        const fields =
          (rest['fields'] as FieldProblem[] | undefined) ??
          (contractCode === 'BAD_USER_INPUT' ? coercionFields(documentError, reason) : undefined);
        return {
          message: documentError.message,
          ...location,
          extensions: {
            ...(isErrorCode(code) ? rest : {}),
            code: contractCode,
            ...(contractCode === code ? {} : { detail: code }),
            ...(fields ? { fields } : {}),
          },
        };
      }
    }
    logger.error({ requestId, err: describeFailure(thrown), path: graphqlError?.path }, 'unexpected error');
    return {
      message: UNEXPECTED_MESSAGE,
      ...location,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    };
  };
}

/** The HTTP status of a formatted error, from the one table. */
export function httpStatusOf(formatted: GraphQLFormattedError): number {
  const code = formatted.extensions?.['code'];
  return isErrorCode(code) ? HTTP_STATUS[code] : 500;
}

/**
 * Answers a failed file route: the error through the one formatter, with the body GraphQL uses;
 * once bytes have gone out, only logged (by the formatter) and the connection cut.
 */
export function failRoute(response: Response, formatError: ErrorFormatter, error: unknown, requestId: string): void {
  const formatted = formatError(error, requestId);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendError(response, formatted);
}

/** Answers a request outside GraphQL (a file, a refused body) with the body GraphQL uses. */
export function sendError(
  response: Response,
  formatted: GraphQLFormattedError,
  status = httpStatusOf(formatted),
): void {
  if (formatted.extensions?.['code'] === 'UNAUTHENTICATED') {
    response.setHeader('WWW-Authenticate', 'Bearer');
  }
  response.setHeader('Cache-Control', 'no-store');
  response.status(status).json({ errors: [formatted] });
}

/** One stack frame: `at fn (file:///…:1:2)`, `at node:internal/…:1:2`, `at async Promise.all (index 0)`. */
const FRAME =
  /^at (?:async )?(?:new )?(?:[^\s()]+(?: \[as [^\]]+\])? \()?(?:file:\/\/|node:|\/|<anonymous>)[^()\s]*?(?::\d+:\d+)?\)?$|^at (?:async )?(?:new )?[\w$.<>]+ \((?:index \d+|native|<anonymous>)\)$/;

/**
 * What may be logged of an unexpected failure: its type, driver code and the stack's frames.
 * Not its message, nor any line of the stack that is not a frame: a driver's message (often
 * several lines) quotes the SQL and its values, and none of it may reach a log line.
 */
export function describeFailure(failure: unknown): Record<string, unknown> {
  if (!(failure instanceof Error)) {
    return { type: typeof failure };
  }
  const code = (failure as { code?: unknown }).code;
  const header = `${failure.name}: ${failure.message}`;
  const stack = failure.stack?.startsWith(header) ? failure.stack.slice(header.length) : (failure.stack ?? '');
  return {
    type: failure.name,
    ...(typeof code === 'string' && /^[\w-]{1,40}$/.test(code) ? { code } : {}),
    frames: stack
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => FRAME.test(line))
      .slice(0, 11),
  };
}
