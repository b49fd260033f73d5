import { describe, expect, it } from 'vitest';
import { LoginMutation, MeQuery } from '../features/auth/operations';
import { SessionStore } from '../features/auth/session';
import { MemoryStorage } from '../test/memory-storage';
import { createApolloClient } from './apollo';

const inFifteenMinutes = () => new Date(Date.now() + 15 * 60_000).toISOString();

const me = {
  __typename: 'User',
  id: 'u1',
  email: 'doctor@clinic.test',
  emailVerified: true,
  role: 'DOCTOR',
  mfaEnabled: false,
  mfaEnrollmentRequired: false,
  patient: null,
  doctor: { __typename: 'Doctor', id: 'd1', firstName: 'Dana', lastName: 'Reyes', timezone: 'Europe/London' },
};

interface SentRequest {
  readonly operationName: string;
  readonly authorization: string | undefined;
  readonly variables: Record<string, unknown>;
}

/**
 * A stand-in for the API: accepts only the access token `accepted`, answers anything else with the
 * API's 401 (UNAUTHENTICATED), and at `POST /auth/refresh` (the browser sends the HttpOnly cookie;
 * the client must send the CSRF header) issues `issued`.
 */
function fakeApi({ accepted = 'access-2', issued = 'access-2', refreshWorks = true } = {}) {
  const sent: SentRequest[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/graphql-response+json; charset=utf-8' },
    });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if ((input instanceof Request ? input.url : input.toString()) === 'http://api.test/auth/refresh') {
      sent.push({
        operationName: 'RefreshSession',
        authorization: headers.get('authorization') ?? undefined,
        variables: {},
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (refreshWorks && headers.get('x-csrf-protection') === '1' && init?.credentials === 'same-origin') {
        return json(200, { accessToken: issued, expiresAt: inFifteenMinutes() });
      }
      return json(401, {
        errors: [{ message: 'Not signed in on this browser.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    const body = JSON.parse(init?.body as string) as { operationName: string; variables: Record<string, unknown> };
    sent.push({
      operationName: body.operationName,
      authorization: headers.get('authorization') ?? undefined,
      variables: body.variables,
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // let concurrent requests overlap

    if (body.operationName === 'Login') {
      return json(200, {
        data: null,
        errors: [{ message: 'The email or password is incorrect.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    if (headers.get('authorization') !== `Bearer ${accepted}`) {
      return json(401, { errors: [{ message: 'Sign in to continue.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    return json(200, { data: { me } });
  };

  return { fetch, sent, refreshes: () => sent.filter((r) => r.operationName === 'RefreshSession') };
}

function signedInSession(accessToken: string, expiresAt = inFifteenMinutes()) {
  const session = new SessionStore(new MemoryStorage());
  session.save({ accessToken, expiresAt });
  return session;
}

function clientFor(session: SessionStore, fetch: typeof globalThis.fetch) {
  return createApolloClient({ session, fetch, uri: 'http://api.test/graphql', wsUrl: 'ws://api.test/graphql' });
}

/** Two different network requests for `me` at once (Apollo would otherwise merge them). */
function twoConcurrentQueries(client: ReturnType<typeof clientFor>) {
  const ask = () =>
    client.query({ query: MeQuery, fetchPolicy: 'network-only', context: { queryDeduplication: false } });
  return Promise.all([ask(), ask()]);
}

describe('Apollo auth links', () => {
  it('refreshes once for concurrent UNAUTHENTICATED answers, then retries each with the new token', async () => {
    const api = fakeApi();
    const session = signedInSession('access-1');
    const client = clientFor(session, api.fetch);

    const results = await twoConcurrentQueries(client);

    expect(results.map((r) => r.data?.me.id)).toEqual(['u1', 'u1']);
    expect(api.refreshes()).toHaveLength(1);
    expect(api.sent.map((r) => [r.operationName, r.authorization])).toEqual([
      ['Me', 'Bearer access-1'],
      ['Me', 'Bearer access-1'],
      ['RefreshSession', undefined],
      ['Me', 'Bearer access-2'],
      ['Me', 'Bearer access-2'],
    ]);
    expect(session.accessToken).toBe('access-2');
    expect(session.signedInHere).toBe(true);
    expect(session.state).toBe('signed-in');
  });

  it('ends the session when the refresh is refused, and fails the operations', async () => {
    const api = fakeApi({ refreshWorks: false });
    const session = signedInSession('access-1');
    const client = clientFor(session, api.fetch);

    await expect(twoConcurrentQueries(client)).rejects.toThrow();

    expect(api.refreshes()).toHaveLength(1);
    expect(session.state).toBe('expired');
    expect(session.accessToken).toBeUndefined();
    expect(session.signedInHere).toBe(false);
  });

  it('retries only once: when the refreshed token is refused too, the session ends', async () => {
    // E.g. an account deactivated between the refresh and the retry.
    const api = fakeApi({ accepted: 'nothing' });
    const session = signedInSession('access-1');
    const client = clientFor(session, api.fetch);

    await expect(client.query({ query: MeQuery })).rejects.toThrow();

    expect(api.sent.map((r) => [r.operationName, r.authorization])).toEqual([
      ['Me', 'Bearer access-1'],
      ['RefreshSession', undefined],
      ['Me', 'Bearer access-2'],
    ]);
    expect(session.state).toBe('expired');
  });

  it('refreshes before sending when the access token has run out or is not known yet (after a reload)', async () => {
    const api = fakeApi();
    const storage = new MemoryStorage();
    storage.setItem('hc.signedIn', '1'); // what a reload leaves: the cookie, and no access token in memory
    const session = new SessionStore(storage);
    const client = clientFor(session, api.fetch);

    const { data } = await client.query({ query: MeQuery });

    expect(data?.me.id).toBe('u1');
    expect(api.sent.map((r) => [r.operationName, r.authorization])).toEqual([
      ['RefreshSession', undefined],
      ['Me', 'Bearer access-2'],
    ]);
  });

  it('does not treat wrong credentials at sign-in as an expired session', async () => {
    const api = fakeApi();
    const session = new SessionStore(new MemoryStorage());
    const client = clientFor(session, api.fetch);

    await expect(
      client.mutate({ mutation: LoginMutation, variables: { email: 'a@b.test', password: 'nope' } }),
    ).rejects.toThrow('The email or password is incorrect.');

    expect(api.sent.map((r) => [r.operationName, r.authorization])).toEqual([['Login', undefined]]);
    expect(session.state).toBe('none');
  });
});
