import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { MessageReceivedSubscription, UnreadMessageCountQuery } from './operations';

/**
 * Live messages for the signed-in patient or doctor: each new message refreshes the unread badge,
 * the inbox and (if it is open) the thread it belongs to. Mounted once per area.
 */
export function useLiveMessages(): number {
  const client = useApolloClient();
  const { data } = useQuery(UnreadMessageCountQuery, { fetchPolicy: 'cache-and-network' });
  useSubscription(MessageReceivedSubscription, {
    onData: () => {
      void client.refetchQueries({ include: ['UnreadMessageCount', 'MessageThreads', 'MessageThread'] });
    },
  });
  return data?.unreadMessageCount ?? 0;
}
