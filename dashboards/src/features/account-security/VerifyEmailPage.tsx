import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, HStack, Link, Spinner, Stack, Text } from '@chakra-ui/react';
import { useCallback, useEffect, useRef } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { errorCode, plainMessage } from '../../shared/graphql-errors';
import { BackToSignIn, PublicFrame } from '../../shared/layout/PublicFrame';
import { useAuth } from '../auth/AuthProvider';
import { readMeAgain } from '../auth/useMe';
import { VerifyEmailMutation } from './operations';
import { useResendEmailVerification, type ResendOutcome } from './useResendEmailVerification';

const TITLE = 'Confirm your e-mail address';

/** A new link for the signed-in person, and how asking for it went. */
function SendNewLink({ email }: { email: string }) {
  const { resend, sending, outcome } = useResendEmailVerification();
  const said: Record<ResendOutcome['status'], string> = {
    sent: `We sent a new link to ${email}. It works for 48 hours.`,
    confirmed: 'Your address is already confirmed: there is nothing more to do.',
    refused: outcome?.status === 'refused' ? outcome.message : '',
  };
  return (
    <Stack gap="3">
      {outcome?.status !== 'sent' && outcome?.status !== 'confirmed' ? (
        <Button colorPalette="brand" loading={sending} onClick={() => void resend()} alignSelf="flex-start">
          Send a new link
        </Button>
      ) : null}
      <Text role="status" color={outcome?.status === 'refused' ? 'fg.error' : undefined}>
        {outcome ? said[outcome.status] : ''}
      </Text>
    </Stack>
  );
}

/**
 * `/verify-email#token=…`: the link from the confirmation e-mail (the token rides in the fragment,
 * never sent to a server in the address). Confirms once, on arrival; works signed in or not, on
 * any device — when this browser is signed in, `me` is read again so the reminder goes.
 */
export function VerifyEmailPage() {
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const { user, sessionState } = useAuth();
  const signedIn = sessionState === 'signed-in';
  const client = useApolloClient();
  const [verifyEmail, { data, error, loading }] = useMutation(VerifyEmailMutation);

  const verify = useCallback(async () => {
    try {
      await verifyEmail({ variables: { token } });
    } catch {
      return; // shown from `error`
    }
    // Whose address it was is the server's to say: read `me` again (nothing when signed out).
    if (signedIn) {
      await readMeAgain(client);
    }
  }, [client, signedIn, token, verifyEmail]);

  // Once per token: the link is single-use, and React runs a new page's effects twice in development.
  const tried = useRef<string>(undefined);
  useEffect(() => {
    if (token && tried.current !== token) {
      tried.current = token;
      void verify();
    }
  }, [token, verify]);

  if (!token) {
    return (
      <PublicFrame title={TITLE}>
        <Text>
          This link is incomplete. Open the link from the e-mail again, or copy the whole address from the e-mail into
          your browser.
        </Text>
      </PublicFrame>
    );
  }

  const continueTo = signedIn ? '/' : '/login';
  if (data?.verifyEmail) {
    return (
      <PublicFrame title={TITLE} footer={null}>
        <Stack gap="5">
          <Alert.Root status="success" role="status">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Title>Your e-mail address is confirmed</Alert.Title>
              <Alert.Description>
                We will now e-mail you about your appointments, results and messages.
              </Alert.Description>
            </Alert.Content>
          </Alert.Root>
          <Button asChild colorPalette="brand">
            <RouterLink to={continueTo}>Continue</RouterLink>
          </Button>
        </Stack>
      </PublicFrame>
    );
  }

  if (error && errorCode(error) === 'BAD_USER_INPUT') {
    return (
      <PublicFrame title={TITLE} footer={signedIn ? null : <BackToSignIn />}>
        <Stack gap="4">
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Title>This link does not work</Alert.Title>
              <Alert.Description>
                It may have expired (a link works for 48 hours), been used already, or been replaced by a newer link.
              </Alert.Description>
            </Alert.Content>
          </Alert.Root>
          {user?.emailVerified ? (
            <>
              <Text>Your address {user.email} is confirmed: there is nothing more to do.</Text>
              <Button asChild colorPalette="brand">
                <RouterLink to={continueTo}>Continue</RouterLink>
              </Button>
            </>
          ) : user ? (
            <>
              <Text>Ask for a new link to {user.email} and open it from the newest e-mail.</Text>
              <SendNewLink email={user.email} />
            </>
          ) : signedIn ? null : (
            <Text>
              If you opened this link before, your address is already confirmed. Otherwise{' '}
              <Link asChild color="brand.fg">
                <RouterLink to="/login">sign in</RouterLink>
              </Link>{' '}
              and choose “Send the link again” to get a new one.
            </Text>
          )}
        </Stack>
      </PublicFrame>
    );
  }

  if (error) {
    return (
      <PublicFrame title={TITLE}>
        <Stack gap="4">
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(error)}</Alert.Title>
          </Alert.Root>
          <Button colorPalette="brand" loading={loading} onClick={() => void verify()}>
            Try again
          </Button>
        </Stack>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={TITLE} footer={null}>
      <HStack gap="3" role="status">
        <Spinner size="sm" color="brand.solid" />
        <Text>Confirming your e-mail address…</Text>
      </HStack>
    </PublicFrame>
  );
}
