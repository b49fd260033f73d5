import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { getFragmentData } from '../../gql';
import { LoginMutation, MeQuery, SessionUserFragment } from './operations';
import type { SessionStore } from './session';
import type { SessionUser } from './session-user';

/**
 * Signs in and starts the session. The answer's user goes into the cache as `me`, so the app
 * knows who signed in without another request. Rejects with the Apollo error on failure.
 */
export function useSignIn(session: SessionStore) {
  const client = useApolloClient();
  const [login, { loading }] = useMutation(LoginMutation);

  const signIn = useCallback(
    async (email: string, password: string): Promise<SessionUser> => {
      const { data } = await login({ variables: { email, password } });
      if (!data) {
        throw new Error('The sign-in answer was empty.');
      }
      const { accessToken, refreshToken, expiresAt, user } = data.login;
      client.writeQuery({ query: MeQuery, data: { me: user } });
      session.save({ accessToken, refreshToken, expiresAt });
      return getFragmentData(SessionUserFragment, user);
    },
    [client, login, session],
  );

  return { signIn, loading };
}
