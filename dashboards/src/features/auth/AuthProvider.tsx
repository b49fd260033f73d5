import type { ErrorLike } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { RegisterPatientInput } from '../../gql/graphql';
import { isAuthFailure } from '../../shared/graphql-errors';
import { authEndpointsFor, endServerSession } from './auth-endpoints';
import { MeQuery } from './operations';
import type { SessionState, SessionStore } from './session';
import type { SessionUser } from './session-user';
import { useMe } from './useMe';
import { useSignIn } from './useSignIn';

export type AuthStatus = 'loading' | 'signed-in' | 'anonymous' | 'error';

export interface Auth {
  /** The signed-in user, once `me` has answered. */
  readonly user: SessionUser | undefined;
  readonly status: AuthStatus;
  /** `expired` after the session ran out (the sign-in page says so), `signed-out` after "Sign out". */
  readonly sessionState: SessionState;
  /** Why `me` failed when `status` is `error` (the API could not be reached). */
  readonly error: ErrorLike | undefined;
  readonly retry: () => void;
  readonly signIn: (email: string, password: string) => Promise<SessionUser>;
  /** Finishes a sign-in that answered MFA_REQUIRED, with its challenge and a code. */
  readonly completeMfa: (challenge: string, code: string) => Promise<SessionUser>;
  /** A new patient's sign-up, signed in as after `signIn`. */
  readonly register: (input: RegisterPatientInput) => Promise<SessionUser>;
  readonly signOut: () => Promise<void>;
  /**
   * The current access token, refreshed first when it is about to expire: for the few requests
   * outside GraphQL (the prescription PDF), which must carry it in their own header.
   */
  readonly accessToken: () => Promise<string | undefined>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

const defaultFetch: typeof fetch = (...args) => globalThis.fetch(...args);

export function AuthProvider({
  session,
  children,
  graphqlUri = '/graphql',
  fetchImpl = defaultFetch,
}: {
  session: SessionStore;
  children: ReactNode;
  graphqlUri?: string;
  fetchImpl?: typeof fetch;
}) {
  const client = useApolloClient();
  const sessionState = useSyncExternalStore(session.subscribe, session.getState);
  const signedIn = sessionState === 'signed-in';
  const me = useMe({ skip: !signedIn });
  const { signIn, completeMfa, register } = useSignIn(session);

  // When a session ends, forget everything the previous user's queries put in the cache.
  const wasSignedIn = useRef(signedIn);
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) {
      void client.clearStore();
    }
    wasSignedIn.current = signedIn;
  }, [client, signedIn]);

  const signOut = useCallback(async () => {
    session.end('signed-out');
    // Best effort: the access token is already gone from this tab; this ends the sign-in and
    // clears the refresh cookie.
    await endServerSession(fetchImpl, authEndpointsFor(graphqlUri));
  }, [fetchImpl, graphqlUri, session]);

  const accessToken = useCallback(async () => {
    if (session.accessTokenExpiresWithin(30_000)) {
      // Any authenticated query runs the auth link, which refreshes the session first.
      await client.query({ query: MeQuery, fetchPolicy: 'network-only' }).catch(() => undefined);
    }
    return session.accessToken;
  }, [client, session]);

  const { refetch } = me;
  const retry = useCallback(() => {
    void refetch().catch(() => undefined);
  }, [refetch]);

  let status: AuthStatus;
  if (!signedIn) {
    status = 'anonymous';
  } else if (me.user) {
    status = 'signed-in';
  } else if (me.error && !isAuthFailure(me.error)) {
    status = 'error';
  } else {
    status = 'loading';
  }

  const value = useMemo<Auth>(
    () => ({
      user: signedIn ? me.user : undefined,
      status,
      sessionState,
      error: me.error,
      retry,
      signIn,
      completeMfa,
      register,
      signOut,
      accessToken,
    }),
    [signedIn, me.user, me.error, status, sessionState, retry, signIn, completeMfa, register, signOut, accessToken],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Who is signed in, and how to sign in and out. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) {
    throw new Error('useAuth() needs an <AuthProvider> above it.');
  }
  return auth;
}
