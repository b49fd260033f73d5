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
