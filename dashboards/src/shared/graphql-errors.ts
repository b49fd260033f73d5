import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';

/** The codes the API puts in `extensions.code` (see the contract). */
export const API_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'MFA_REQUIRED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An API code, `NETWORK_ERROR` (no usable answer: offline, proxy, 5xx page) or `UNKNOWN`. */
export type ErrorCode = ApiErrorCode | 'NETWORK_ERROR' | 'UNKNOWN';

interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The GraphQL errors inside an Apollo error, including those of a 4xx answer (a rejected token). */
export function graphQLErrors(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors;
  }
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      return Array.isArray(body.errors) ? body.errors : [];
    } catch {
      return [];
    }
  }
  return [];
}

/**
 * Does this error mean "your token is no good" (as opposed to "you may not")? Covers a 401 answer
 * and a WebSocket the API closed because its token expired (4401).
 */
export function isAuthFailure(error: unknown): boolean {
  if (graphQLErrors(error).some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    return true;
  }
  if (ServerError.is(error) && error.statusCode === 401) {
    return true;
  }
  return error instanceof Error && /^Socket closed with event 4401\b/.test(error.message);
}

/** The code of the first error, or undefined when there is no error. */
export function errorCode(error: unknown): ErrorCode | undefined {
  if (!error) {
    return undefined;
  }
  const [first] = graphQLErrors(error);
  if (!first) {
    return 'NETWORK_ERROR';
  }
  const code = first.extensions?.code;
  return (API_ERROR_CODES as readonly unknown[]).includes(code) ? (code as ApiErrorCode) : 'UNKNOWN';
}

/**
 * The API's field problems (`extensions.fields`: `[{ field, message }]`), the one mapper every form
 * uses; first message per key. By default a problem is keyed by the field's last path segment, so
 * `input.items.0.dosage` lands on the `dosage` input; forms with repeated groups (emergency
 * contacts) pass `{ by: 'path' }` to key by the whole path without `input.`
 * (`emergencyContacts.0.phone`), so a contact's phone never lands on the person's own.
 */
export function fieldErrors(error: unknown, { by = 'name' }: { by?: 'name' | 'path' } = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const graphQLError of graphQLErrors(error)) {
    const fields = graphQLError.extensions?.fields;
    if (!Array.isArray(fields)) {
      continue;
    }
    for (const problem of fields as FieldProblem[]) {
      const path = String(problem.field);
      const key = by === 'path' ? path.replace(/^input\./, '') : (path.split('.').pop() ?? '');
      if (key && !(key in result)) {
        result[key] = String(problem.message);
      }
    }
  }
  return result;
}

/** Whole minutes to wait after TOO_MANY_REQUESTS (from `extensions.retryAfterSeconds`), at least 1. */
export function retryAfterMinutes(error: unknown): number | undefined {
  const seconds = graphQLErrors(error).find((e) => e.extensions?.code === 'TOO_MANY_REQUESTS')?.extensions
    ?.retryAfterSeconds;
  return typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds / 60)) : undefined;
}

/** Seconds to wait after TOO_MANY_REQUESTS (from `extensions.retryAfterSeconds`), at least 1. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const seconds = graphQLErrors(error).find((e) => e.extensions?.code === 'TOO_MANY_REQUESTS')?.extensions
    ?.retryAfterSeconds;
  return typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds)) : undefined;
}

/**
 * A throttled read or change outside sign-in: the caller's per-minute budget is spent, which is
 * no failed attempt of theirs, so say what happened and when it works again.
 */
export function slowDownMessage(seconds: number | undefined): string {
  const when =
    seconds === undefined ? 'in a minute' : seconds < 60 ? `in ${seconds} s` : `in ${Math.ceil(seconds / 60)} min`;
  return `You’re going faster than the server allows for now — try again ${when}.`;
}

/**
 * plainMessage for sign-in screens (password, reset, authenticator codes): there a refusal for
 * speed means too many attempts.
 */
export function plainSignInMessage(error: unknown): string {
  return errorCode(error) === 'TOO_MANY_REQUESTS'
    ? tooManyAttemptsMessage(retryAfterMinutes(error) ?? 1)
    : plainMessage(error);
}

/** What to tell a person about this error, in plain words. */
export function plainMessage(error: unknown): string {
  const code = errorCode(error);
  const serverMessage = graphQLErrors(error)[0]?.message;
  switch (code) {
    case undefined:
      return '';
    case 'NETWORK_ERROR':
      return 'We could not reach the clinic’s server. Check your connection and try again.';
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      return 'You do not have access to this.';
    case 'NOT_FOUND':
      return serverMessage ?? 'We could not find this. It may have been removed.';
    case 'BAD_USER_INPUT':
      return Object.keys(fieldErrors(error)).length > 0
        ? 'Some details need correcting. Please check the highlighted fields.'
        : (serverMessage ?? 'Some details need correcting.');
    case 'CONFLICT':
      return serverMessage ?? 'This clashes with a change made elsewhere. Please reload and try again.';
    case 'TOO_MANY_REQUESTS':
      return slowDownMessage(retryAfterSeconds(error));
    case 'MFA_REQUIRED':
      return 'Enter the code from your authenticator app to finish signing in.';
    case 'QUERY_TOO_COMPLEX':
      return 'This asks for too much at once. Narrow it down and try again.';
    case 'INTERNAL_SERVER_ERROR':
    case 'UNKNOWN':
      return 'Something went wrong on our side. Please try again in a moment.';
  }
}

export function tooManyAttemptsMessage(minutes: number): string {
  return `Too many attempts — try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** The domain reason of the first error (`extensions.reason`, e.g. `ALLERGY_CONFLICT`), if any. */
export function errorReason(error: unknown): string | undefined {
  const reason = graphQLErrors(error)[0]?.extensions?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** One more detail of the first error's `extensions` (e.g. `conflicts`, `appointmentIds`). */
export function errorExtension(error: unknown, key: string): unknown {
  return graphQLErrors(error)[0]?.extensions?.[key];
}
