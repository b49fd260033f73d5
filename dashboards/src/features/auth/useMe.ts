import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../gql';
import { MeQuery, SessionUserFragment } from './operations';
import type { SessionUser } from './session-user';

/** The signed-in user (`me`); skipped while there is no session. */
export function useMe({ skip }: { skip: boolean }) {
  const { data, loading, error, refetch } = useQuery(MeQuery, { skip });
  const user: SessionUser | undefined = data ? getFragmentData(SessionUserFragment, data.me) : undefined;
  return { user, loading, error, refetch };
}

/**
 * Reads `me` from the server again after something changed it there (an address confirmed): the
 * answer reaches every `me` reader. Not joined to a `me` already on its way, which left before the
 * change; a failure leaves it for the next load.
 */
export async function readMeAgain(client: ApolloClient): Promise<void> {
  await client
    .query({ query: MeQuery, fetchPolicy: 'network-only', context: { queryDeduplication: false } })
    .catch(() => undefined);
}
