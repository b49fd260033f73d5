import jwt from 'jsonwebtoken';
import { expect } from 'vitest';
import { sessionCacheOf } from '../src/modules/identity/session-cache.js';
import type { Application } from '../src/server/bootstrap.js';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; fields?: { field: string; message: string }[]; [key: string]: unknown };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  token?: string;
  /** Pretend to come from another client address (the server trusts loopback proxies). */
  clientAddress?: string;
  headers?: Record<string, string>;
}

/** Sends one GraphQL operation over HTTP, as a partner or a dashboard would. */
export async function gql<T = Record<string, unknown>>(
  app: Application,
  query: string,
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/**
 * Sends one GraphQL operation over HTTP and returns the answer as sent (status and body text, not
 * parsed), for tests that compare two answers byte for byte. `apollo`: with an empty `extensions`
 * object, which the direct path leaves to Apollo (graphql-js resolving every field).
 */
export async function postRaw(
  app: Application,
  query: string,
  variables: Record<string, unknown>,
  options: { token: string; apollo: boolean; requestId?: string },
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${options.token}`,
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify({ query, variables, ...(options.apollo ? { extensions: {} } : {}) }),
  });
  return { status: response.status, body: await response.text() };
}

/** Asserts the response failed with `code` (and returns the first error for more checks). */
export function expectGraphQLError(response: GraphQLResponse<unknown>, code: string): GraphQLErrorShape {
  expect(response.errors, `expected ${code}, got data ${JSON.stringify(response.data)}`).toBeDefined();
  const error = response.errors![0]!;
  expect(error.extensions.code, error.message).toBe(code);
  return error;
}

/** Asserts the response succeeded and returns its data. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.data).toBeTruthy();
  return response.data!;
}

/**
 * Uses `token` on `app` until the process remembers its session check, so a test that counts
 * statements afterwards sees none of the check. (The sign-in's own change notices may reach the
 * process after its first check, which is then rightly not remembered.)
 */
export async function sessionRemembered(app: Application, token: string): Promise<void> {
  const { sub, sid } = jwt.decode(token) as { sub: string; sid: string };
  const cache = sessionCacheOf(app.orm.em);
  await expect
    .poll(
      async () => {
        expectData(await gql(app, '{ me { id } }', { token }));
        return cache === undefined || cache.lookup(sub, sid) !== undefined;
      },
      { timeout: 5_000, interval: 10 },
    )
    .toBe(true);
}

/**
 * What a change sets off in the background (its outbox's drain, jobs such as e-mails and the
 * webhooks' fan-out, notices, events) and the audit's writes.
 */
const BACKGROUND = /audit_event|transaction_outbox|graphile_worker|\bnotification\b|\bwebhook|appointment_event/;

/**
 * The statements a request sent, out of all the process logged meanwhile: without the audit's
 * writes, transactions' own begin and commit, and the background work an earlier change set off,
 * which may run while a request is counted (a booking's e-mails on a busy machine). For a read:
 * it sends no transaction of its own.
 */
export function requestStatements(statements: readonly string[]): string[] {
  return statements.filter((sql) => {
    // eslint-disable-next-line no-control-regex -- the query log's colours
    const text = sql.replace(/\u001b\[\d+m/g, '').replace(/^\[query\] /, '');
    return !BACKGROUND.test(text) && !/^(begin|commit|rollback)\b/.test(text);
  });
}
