import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { getFragmentData } from '../../gql';
import type { LoginMutation as LoginMutationResult, RegisterPatientInput } from '../../gql/graphql';
import {
  CompleteMfaLoginMutation,
  LoginMutation,
  MeQuery,
  RegisterPatientMutation,
  SessionUserFragment,
} from './operations';
import type { SessionStore } from './session';
import type { SessionUser } from './session-user';

/**
 * Signs in and starts the session (an account with two-step sign-in rejects with MFA_REQUIRED;
 * `completeMfa` finishes it; a new patient's sign-up signs in the same way). The answer's user
 * goes into the cache as `me`, so the app knows who signed in without another request. Rejects
 * with the Apollo error on failure.
 */
export function useSignIn(session: SessionStore) {
  const client = useApolloClient();
  const [login, { loading }] = useMutation(LoginMutation);
  const [completeMfaLogin] = useMutation(CompleteMfaLoginMutation);
  const [registerPatient] = useMutation(RegisterPatientMutation);

  /**
   * Starts the session an answer opened. Its refresh token is for API clients; this browser got
   * it as an HttpOnly cookie.
   */
  const begin = useCallback(
    (answer: LoginMutationResult['login'] | undefined): SessionUser => {
      if (!answer) {
        throw new Error('The sign-in answer was empty.');
      }
      const { accessToken, expiresAt, user } = answer;
      client.writeQuery({ query: MeQuery, data: { me: user } });
      session.save({ accessToken, expiresAt });
      return getFragmentData(SessionUserFragment, user);
    },
    [client, session],
  );

  const signIn = useCallback(
    async (email: string, password: string): Promise<SessionUser> =>
      begin((await login({ variables: { email, password } })).data?.login),
    [begin, login],
  );

  /** The second step when sign-in answered MFA_REQUIRED: its challenge and a code. */
  const completeMfa = useCallback(
    async (challenge: string, code: string): Promise<SessionUser> =>
      begin((await completeMfaLogin({ variables: { challenge, code } })).data?.completeMfaLogin),
    [begin, completeMfaLogin],
  );

  /** A new patient's sign-up: the account is created and signed in, as after `signIn`. */
  const register = useCallback(
    async (input: RegisterPatientInput): Promise<SessionUser> =>
      begin((await registerPatient({ variables: { input } })).data?.registerPatient),
    [begin, registerPatient],
  );

  return { signIn, completeMfa, register, loading };
}
