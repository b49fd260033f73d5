import {
  DriverException,
  ForeignKeyConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AppError, ERROR_CODES, type ErrorCode, type FieldProblem } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

function validationProblems(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

/** What the caller sees for an error: a known code and a message, never internals. */
export function toClientError(
  error: unknown,
): { code: ErrorCode; message: string; extensions?: Record<string, unknown> } | undefined {
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
  if (error instanceof UniqueConstraintViolationException) {
    return { code: 'CONFLICT', message: 'This conflicts with something that already exists.' };
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return { code: 'CONFLICT', message: 'This refers to something that does not exist or is still in use.' };
  }
  if (error instanceof AuthenticationError) {
    return { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' };
  }
  if (error instanceof AuthorizationError) {
    return { code: 'FORBIDDEN', message: 'You are not allowed to do this.' };
  }
  if (error instanceof DriverException && error.code === '22P02') {
    return { code: 'BAD_USER_INPUT', message: 'A value has the wrong format (an ID must be a UUID).' };
  }
  if (error instanceof DriverException && error.code === '23P01') {
    return { code: 'CONFLICT', message: 'This time overlaps another booking.', extensions: { reason: 'SLOT_TAKEN' } };
  }
  return undefined;
}

/**
 * Apollo's `formatError`: known errors keep their code; GraphQL's own (parse, validation,
 * variable coercion) pass through; anything else is logged with the request id and answered as
 * a masked INTERNAL_SERVER_ERROR. Messages never carry stack traces, SQL or medical data.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const thrown = error instanceof GraphQLError ? error.originalError : error;
    const location = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    const known = toClientError(thrown);
    if (known) {
      return { message: known.message, ...location, extensions: { code: known.code, ...known.extensions } };
    }
    if (!thrown || thrown instanceof GraphQLError) {
      // GraphQL's own errors (parse, validation, variable coercion): the message is about the
      // document, safe to show. Codes outside the contract's list become BAD_USER_INPUT.
      const rawCode = formatted.extensions?.code;
      const code = typeof rawCode === 'string' ? rawCode : 'BAD_USER_INPUT';
      const contractCode = (ERROR_CODES as readonly string[]).includes(code) ? code : 'BAD_USER_INPUT';
      if (contractCode !== 'INTERNAL_SERVER_ERROR') {
        return {
          message: formatted.message,
          ...location,
          extensions: { code: contractCode, ...(contractCode === code ? {} : { detail: code }) },
        };
      }
    }
    logger.error({ err: describeFailure(thrown), path: formatted.path }, 'unexpected error');
    return {
      message: 'Something went wrong on our side. It has been logged; please try again.',
      ...location,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * What may be logged of an unexpected failure: its type, driver code and stack frames. Not its
 * message, which may quote the values that failed (a driver's message often does).
 */
export function describeFailure(failure: unknown): Record<string, unknown> {
  if (!(failure instanceof Error)) {
    return { type: typeof failure };
  }
  const code = (failure as { code?: unknown }).code;
  return {
    type: failure.name,
    ...(typeof code === 'string' ? { code } : {}),
    frames: failure.stack
      ?.split('\n')
      .slice(1, 12)
      .map((line) => line.trim()),
  };
}
