import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { createCache } from './cache';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode, type DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { from, mergeMap, tap, throwError } from 'rxjs';
import { authEndpointsFor, CSRF_HEADERS } from '../features/auth/auth-endpoints';
import type { SessionStore, SessionTokens } from '../features/auth/session';
import { isAuthFailure } from '../shared/graphql-errors';
import { ResumableWsLink, type RefreshSession } from './resumable-ws-link';

declare module '@apollo/client' {
  interface DefaultContext {
    /** The access token this attempt was sent with (tells a stale failure from a fresh one). */
    sentAccessToken?: string;
    /** Set on the one retry after a refresh, so a second UNAUTHENTICATED does not loop. */
    retriedAfterRefresh?: boolean;
  }
}

/** Refresh a little before the access token runs out rather than wait for a refusal. */
const EXPIRY_MARGIN_MS = 30_000;

/** Identity operations: sent without a token and never answered by a refresh. */
const SESSION_FIELDS = new Set([
  'login',
  'refreshSession',
  'logout',
  'registerPatient',
  'completeMfaLogin',
  'requestPasswordReset',
  'resetPassword',
]);

export interface ApolloSetup {
  readonly session: SessionStore;
  /** GraphQL over HTTP; the API serves the dashboards, so the same origin by default. */
  readonly uri?: string;
  /** GraphQL over WebSocket; derived from `window.location` by default. */
  readonly wsUrl?: string;
  readonly fetch?: typeof fetch;
  /** Replaces both transports (tests pass a `MockLink`); the auth links still run in front of it. */
  readonly transport?: ApolloLink;
}

/**
 * The Apollo client: every operation carries the access token (HTTP header or WebSocket
 * `connectionParams`); an UNAUTHENTICATED answer triggers one `refreshSession`, shared by every
 * operation that failed meanwhile, then a single retry. A refused refresh ends the session, which
 * sends the router back to `/login`.
 */
export function createApolloClient(setup: ApolloSetup): ApolloClient {
  const { session } = setup;
  const uri = setup.uri ?? '/graphql';
  const fetchImpl = setup.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const refresh = createSessionRefresher(session, authEndpointsFor(uri).refresh, fetchImpl);

  const ensureFreshToken = async (): Promise<string | undefined> => {
    if (session.signedInHere && session.accessTokenExpiresWithin(EXPIRY_MARGIN_MS)) {
      await refresh();
    }
    return session.accessToken;
  };

  const authLink = new SetContextLink(async (previous, operation) => {
    const { authorization: _stale, ...headers } = (previous.headers ?? {}) as Record<string, string>;
    if (isSessionOperation(operation.query)) {
      return { headers, sentAccessToken: undefined };
    }
    const token = await ensureFreshToken();
    return { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers, sentAccessToken: token };
  });

  const endExpired = () => {
    if (session.state === 'signed-in') {
      session.end('expired');
    }
  };

  const refreshOnUnauthenticated = new ErrorLink(({ error, operation, forward }) => {
    if (!isAuthFailure(error) || isSessionOperation(operation.query)) {
      return;
    }
    const { sentAccessToken, retriedAfterRefresh } = operation.getContext();
    if (retriedAfterRefresh || !session.signedInHere) {
      // Nothing to refresh with (another tab signed out), or already retried once.
      endExpired();
      return;
    }
    // Another operation may have refreshed while this one was in flight: then just retry.
    const renewed = session.accessToken !== undefined && session.accessToken !== sentAccessToken;
    return from(renewed ? Promise.resolve('refreshed' as const) : refresh()).pipe(
      mergeMap((outcome) => {
        if (outcome !== 'refreshed') {
          return throwError(() => error);
        }
        operation.setContext({ retriedAfterRefresh: true });
        // The retry's answer bypasses this handler: a refusal now means the session is over.
        return forward(operation).pipe(
          tap({
            next: (result) => {
              if (result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
                endExpired();
              }
            },
            error: (retryError: unknown) => {
              if (isAuthFailure(retryError)) {
                endExpired();
              }
            },
          }),
        );
      }),
    );
  });

  const transport =
    setup.transport ??
    ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      createWsLink(setup.wsUrl ?? defaultWsUrl(), session, ensureFreshToken, refresh),
      new HttpLink({ uri, fetch: fetchImpl }),
    );

  return new ApolloClient({
    link: ApolloLink.from([refreshOnUnauthenticated, authLink, transport]),
    cache: createCache(),
    // A refetch (after a change, a live event, a new message) goes through the paged lists' merge,
    // which keeps the pages loaded after the first; Apollo's default overwrites them with one page.
    defaultOptions: { watchQuery: { refetchWritePolicy: 'merge' } },
  });
}

export type RefreshOutcome = 'refreshed' | 'refused' | 'unreachable';

/**
 * One refresh at a time, however many operations ask: concurrent callers share the promise. The
 * refresh token is the HttpOnly cookie, sent by the browser to `POST /auth/refresh` (never seen
 * by script). Across tabs a Web Lock serialises refreshes, because the cookie is single-use and
 * replaying a spent one (two tabs racing) revokes the whole sign-in.
 */
export function createSessionRefresher(
  session: SessionStore,
  refreshUri: string,
  fetchImpl: typeof fetch,
): () => Promise<RefreshOutcome> {
  let inFlight: Promise<RefreshOutcome> | undefined;

  const refreshNow = async (): Promise<RefreshOutcome> => {
    if (!session.signedInHere) {
      return 'refused';
    }
    let response: Response;
    let body: RefreshResponse;
    try {
      response = await fetchImpl(refreshUri, { method: 'POST', credentials: 'same-origin', headers: CSRF_HEADERS });
      body = (await response.json()) as RefreshResponse;
    } catch {
      return 'unreachable'; // offline or not JSON: keep the session, the caller sees its own error
    }
    if (response.ok && body.accessToken && body.expiresAt) {
      session.save({ accessToken: body.accessToken, expiresAt: body.expiresAt });
      return 'refreshed';
    }
    const code = body.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' || code === 'FORBIDDEN') {
      session.end('expired');
      return 'refused';
    }
    return 'unreachable';
  };

  return () => {
    inFlight ??= withRefreshLock(refreshNow).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

interface RefreshResponse extends Partial<SessionTokens> {
  errors?: { extensions?: { code?: string } }[];
}

async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) {
    return task();
  }
  let result!: T;
  await locks.request('hc.session-refresh', async () => {
    result = await task();
  });
  return result;
}

function isSessionOperation(query: DocumentNode): boolean {
  const definition = getMainDefinition(query);
  return definition.selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && SESSION_FIELDS.has(selection.name.value),
  );
}

function defaultWsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * Subscriptions over graphql-ws. The token travels in `connectionParams` when the socket opens,
 * so when it changes (refresh, sign-in, sign-out) the socket is restarted and its subscriptions
 * resume with the new identity — from the last event's cursor (ResumableWsLink), as after any
 * reconnect; a 4401 close (the token expired on a quiet socket) refreshes the session first.
 */
function createWsLink(
  url: string,
  session: SessionStore,
  freshToken: () => Promise<string | undefined>,
  refresh: RefreshSession,
): ApolloLink {
  let socket: WebSocket | undefined;
  const client = createClient({
    url,
    lazy: true,
    // Reconnect after any non-fatal close (a server restart, a dropped network) for as long as
    // the page is open; subscriptions resume from their cursors.
    retryAttempts: Number.POSITIVE_INFINITY,
    connectionParams: async () => {
      const token = await freshToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: (connected) => {
        socket = connected as WebSocket;
      },
      closed: () => {
        socket = undefined;
      },
    },
  });
  let token = session.accessToken;
  session.subscribe(() => {
    if (session.accessToken === token) {
      return;
    }
    token = session.accessToken;
    if (socket?.readyState === WebSocket.OPEN) {
      // 4205 is not one of graphql-ws's fatal codes: the client reconnects and resubscribes.
      socket.close(4205, 'Client Restart');
    }
  });
  return new ResumableWsLink(client, refresh);
}
