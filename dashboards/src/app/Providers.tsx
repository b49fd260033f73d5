import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { ChakraProvider } from '@chakra-ui/react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { AuthProvider } from '../features/auth/AuthProvider';
import { SessionStore } from '../features/auth/session';
import { createApolloClient } from './apollo';
import { system } from './theme';

/** The session and the Apollo client built on it; tests pass their own (in-memory, `MockLink`). */
export interface AppServices {
  readonly session: SessionStore;
  readonly client: ApolloClient;
  /** What `/auth/*` calls go through (tests record them). */
  readonly fetch?: typeof fetch;
}

export function createAppServices(): AppServices {
  const session = new SessionStore();
  return { session, client: createApolloClient({ session }) };
}

export function Providers({ services, children }: { services?: AppServices; children: ReactNode }) {
  const [{ session, client, fetch }] = useState(() => services ?? createAppServices());
  return (
    <ChakraProvider value={system}>
      <ApolloProvider client={client}>
        <AuthProvider session={session} {...(fetch ? { fetchImpl: fetch } : {})}>
          {children}
        </AuthProvider>
      </ApolloProvider>
    </ChakraProvider>
  );
}
