import { Alert, Button, Field, Input, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorCode, plainMessage, retryAfterMinutes, tooManyAttemptsMessage } from '../../shared/graphql-errors';
import { useAuth } from './AuthProvider';
import type { SessionUser } from './session-user';

function mfaErrorMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === 'BAD_USER_INPUT') {
    return 'That code is not correct. Check your authenticator app and try again.';
  }
  if (code === 'UNAUTHENTICATED') {
    return 'This sign-in has expired. Start again with your email and password.';
  }
  if (code === 'TOO_MANY_REQUESTS') {
    return tooManyAttemptsMessage(retryAfterMinutes(error) ?? 1);
  }
  return plainMessage(error);
}

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export function MfaStep({
  challenge,
  onDone,
  onRestart,
}: {
  challenge: string;
  onDone: (user: SessionUser) => void;
  onRestart: () => void;
}) {
  const { completeMfa } = useAuth();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [expired, setExpired] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) {
      setProblem('Enter the 6-digit code from your authenticator app, or a recovery code.');
      return;
    }
    setSubmitting(true);
    setProblem(undefined);
    try {
      onDone(await completeMfa(challenge, trimmed));
    } catch (error) {
      setExpired(errorCode(error) === 'UNAUTHENTICATED');
      setProblem(mfaErrorMessage(error));
      setSubmitting(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} aria-label="Two-step sign-in">
      <Stack gap="5">
        <Text>Open your authenticator app and enter the code it shows for the Healthcare Platform.</Text>
        {problem ? (
          <Alert.Root status="error" size="sm" role="alert">
            <Alert.Indicator />
            <Alert.Title>{problem}</Alert.Title>
          </Alert.Root>
        ) : null}
        <Field.Root required invalid={Boolean(problem) && !expired}>
          <Field.Label>Authentication code</Field.Label>
          <Input
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <Field.HelperText>Lost your phone? Enter one of your recovery codes instead.</Field.HelperText>
        </Field.Root>
        {expired ? (
          <Button colorPalette="brand" size="lg" onClick={onRestart}>
            Start again
          </Button>
        ) : (
          <Button type="submit" colorPalette="brand" size="lg" loading={submitting} loadingText="Checking…">
            Verify
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={onRestart}>
          Use another account
        </Button>
      </Stack>
    </form>
  );
}
