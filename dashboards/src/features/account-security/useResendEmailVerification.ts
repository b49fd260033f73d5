import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { errorCode, plainMessage, retryAfterMinutes } from '../../shared/graphql-errors';
import { readMeAgain } from '../auth/useMe';
import { ResendEmailVerificationMutation } from './operations';

/** How asking for another confirmation link went. */
export type ResendOutcome =
  | { readonly status: 'sent' }
  /** The address was confirmed meanwhile (another tab, another device): `me` is read again. */
  | { readonly status: 'confirmed' }
  | { readonly status: 'refused'; readonly message: string };

/** "Several links already": when asking again will work. */
export function tooManyLinksMessage(minutes: number | undefined): string {
  const when =
    minutes === undefined || minutes >= 60 ? 'in about an hour' : `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `We have sent several links in the last hour. Look for them in your inbox (and spam folder), or ask again ${when}.`;
}

/** "Send the link again" for the signed-in person whose e-mail address is not confirmed yet. */
export function useResendEmailVerification() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(ResendEmailVerificationMutation);
  const [outcome, setOutcome] = useState<ResendOutcome>();

  const resend = useCallback(async () => {
    setOutcome(undefined);
    try {
      const { data } = await mutate();
      if (data?.resendEmailVerification) {
        setOutcome({ status: 'sent' });
        return;
      }
      setOutcome({ status: 'confirmed' });
      await readMeAgain(client); // the banner goes
    } catch (error) {
      setOutcome({
        status: 'refused',
        message:
          errorCode(error) === 'TOO_MANY_REQUESTS'
            ? tooManyLinksMessage(retryAfterMinutes(error))
            : plainMessage(error),
      });
    }
  }, [client, mutate]);

  return { resend, sending: loading, outcome };
}
