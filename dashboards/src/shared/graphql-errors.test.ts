import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { errorCode, fieldErrors, isAuthFailure, plainMessage, plainSignInMessage } from './graphql-errors';

const graphQLError = (errors: object[]) => new CombinedGraphQLErrors({ data: null, errors: errors as never });

describe('GraphQL error helpers', () => {
  it('reads the code of the first error', () => {
    expect(errorCode(graphQLError([{ message: 'x', extensions: { code: 'CONFLICT' } }]))).toBe('CONFLICT');
    expect(errorCode(graphQLError([{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]))).toBe(
      'UNKNOWN',
    );
    expect(errorCode(new TypeError('Failed to fetch'))).toBe('NETWORK_ERROR');
    expect(errorCode(undefined)).toBeUndefined();
  });

  it('keys field problems by the last segment of their path', () => {
    const error = graphQLError([
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.items.0.dosage', message: 'dosage should not be empty' },
            { field: 'input.email', message: 'email must be an email' },
            { field: 'input.email', message: 'a second message is dropped' },
          ],
        },
      },
    ]);
    expect(fieldErrors(error)).toEqual({ dosage: 'dosage should not be empty', email: 'email must be an email' });
    expect(plainMessage(error)).toBe('Some details need correcting. Please check the highlighted fields.');
  });

  it('keys field problems by their whole path for forms with repeated groups', () => {
    const error = graphQLError([
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.emergencyContacts.1.phone', message: 'must be a phone number' },
            { field: 'input.phone', message: 'must be a phone number too' },
          ],
        },
      },
    ]);
    expect(fieldErrors(error, { by: 'path' })).toEqual({
      'emergencyContacts.1.phone': 'must be a phone number',
      phone: 'must be a phone number too',
    });
  });

  it('puts errors in plain words', () => {
    expect(plainMessage(graphQLError([{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]))).toBe(
      'Something went wrong on our side. Please try again in a moment.',
    );
    expect(
      plainMessage(graphQLError([{ message: 'x', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 61 } }])),
    ).toBe('You’re going faster than the server allows for now — try again in 2 min.');
    expect(
      plainMessage(
        graphQLError([{ message: 'x', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 12.2 } }]),
      ),
    ).toBe('You’re going faster than the server allows for now — try again in 13 s.');
    // Sign-in screens: a refusal for speed there means too many attempts.
    expect(
      plainSignInMessage(
        graphQLError([{ message: 'x', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 61 } }]),
      ),
    ).toBe('Too many attempts — try again in 2 minutes.');
    expect(plainMessage(new TypeError('Failed to fetch'))).toMatch(/could not reach/);
  });

  it('recognises a rejected token in a 401 answer and an expired socket', () => {
    const response = new Response('', { status: 401 });
    const body = JSON.stringify({
      errors: [{ message: 'Sign in to continue.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const serverError = new ServerError('Response not successful', { response, bodyText: body });
    expect(isAuthFailure(serverError)).toBe(true);
    expect(errorCode(serverError)).toBe('UNAUTHENTICATED');
    expect(isAuthFailure(new Error('Socket closed with event 4401 Token expired'))).toBe(true);
    expect(isAuthFailure(graphQLError([{ message: 'x', extensions: { code: 'FORBIDDEN' } }]))).toBe(false);
  });
});
