import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Box, Button, Field, Flex, Heading, Input, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ErrorState, LoadingList, FormStack } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { MeQuery } from '../auth/operations';
import { DisableTotpMutation, MySessionsQuery, RevokeOtherSessionsMutation, RevokeSessionMutation } from './operations';
import { ChangePasswordForm } from './ChangePasswordForm';
import { TotpSetup } from './TotpSetup';
import { describeBrowser } from './user-agent';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack as="section" gap="4" borderWidth="1px" borderRadius="l3" bg="bg" p={{ base: '4', md: '6' }}>
      <Heading as="h2" size="lg">
        {title}
      </Heading>
      {children}
    </Stack>
  );
}

function TurnOff() {
  const [disable, { loading, error }] = useMutation(DisableTotpMutation, { refetchQueries: [MeQuery] });
  const [code, setCode] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void disable({ variables: { code: code.trim() } }).catch(() => undefined);
  };
  return (
    <FormStack gap="3" onSubmit={onSubmit} noValidate>
      {error ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <Field.Root>
        <Field.Label>To turn it off, enter a current code or a recovery code</Field.Label>
        <Input name="disable-code" maxW="xs" value={code} onChange={(event) => setCode(event.target.value)} />
      </Field.Root>
      <Button type="submit" variant="outline" colorPalette="red" alignSelf="start" loading={loading}>
        Turn off two-step sign-in
      </Button>
    </FormStack>
  );
}

export function TwoStepSection() {
  const { user } = useAuth();
  const [settingUp, setSettingUp] = useState(false);
  const { refetch } = useQuery(MeQuery, { skip: true });
  if (user?.mfaEnabled && !settingUp) {
    return (
      <Section title="Two-step sign-in">
        <Flex gap="2" align="center">
          <Badge colorPalette="green" variant="solid">
            On
          </Badge>
          <Text>Signing in needs your password and a code from your authenticator app.</Text>
        </Flex>
        {user.mfaEnrollmentRequired ? null : <TurnOff />}
      </Section>
    );
  }
  return (
    <Section title="Two-step sign-in">
      <Text color="fg.muted">
        Protect your account with a second step: a 6-digit code from an app on your phone, asked for every time you sign
        in.
      </Text>
      <TotpSetup
        onEnabled={() => {
          setSettingUp(false);
          void refetch();
        }}
      />
    </Section>
  );
}

function SessionsSection() {
  const { data, loading, error, refetch } = useQuery(MySessionsQuery, { fetchPolicy: 'cache-and-network' });
  const [revoke, revoking] = useMutation(RevokeSessionMutation, { refetchQueries: [MySessionsQuery] });
  const [revokeOthers, revokingOthers] = useMutation(RevokeOtherSessionsMutation, {
    refetchQueries: [MySessionsQuery],
  });
  // The one device being signed out (its button alone shows it).
  const [leaving, setLeaving] = useState<string>();
  const zone = viewerTimeZone();
  const sessions = data?.mySessions ?? [];
  const problem = revoking.error ?? revokingOthers.error;
  return (
    <Section title="Signed-in devices">
      {problem ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(problem)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {loading && !data ? (
        <LoadingList label="Loading your sessions…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Stack as="ul" gap="2" p="0" m="0" listStyleType="none">
          {sessions.map((session) => (
            <Box as="li" key={session.id} borderWidth="1px" borderRadius="l2" p="3">
              <Flex justify="space-between" gap="3" wrap="wrap" align="center">
                <Stack gap="0" id={`session-${session.id}`}>
                  <Text fontWeight="medium">
                    {describeBrowser(session.userAgent)}{' '}
                    {session.current ? (
                      <Badge colorPalette="brand" ms="1">
                        This device
                      </Badge>
                    ) : null}
                  </Text>
                  <Text fontSize="sm" color="fg.muted">
                    Signed in {formatDateTime(session.createdAt, zone)} · last active{' '}
                    {formatDateTime(session.lastUsedAt, zone)}
                  </Text>
                </Stack>
                {session.current ? null : (
                  <Button
                    size="sm"
                    variant="outline"
                    colorPalette="red"
                    loading={leaving === session.id}
                    // One per device: described by its browser and times.
                    aria-describedby={`session-${session.id}`}
                    onClick={() => {
                      setLeaving(session.id);
                      void revoke({ variables: { id: session.id } })
                        .catch(() => undefined)
                        .finally(() => setLeaving(undefined));
                    }}
                  >
                    Sign out this device
                  </Button>
                )}
              </Flex>
            </Box>
          ))}
        </Stack>
      )}
      {sessions.filter((session) => !session.current).length > 0 ? (
        <Button
          variant="outline"
          alignSelf="start"
          loading={revokingOthers.loading}
          onClick={() => void revokeOthers().catch(() => undefined)}
        >
          Sign out everywhere else
        </Button>
      ) : null}
    </Section>
  );
}

/** `…/security`: the password, two-step sign-in and signed-in devices, for every role. */
export function SecurityPage() {
  return (
    <Stack gap="6">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Sign-in and security
        </Heading>
        <Text color="fg.muted">How you sign in, and where you are signed in.</Text>
      </Stack>
      <Section title="Change password">
        <ChangePasswordForm />
      </Section>
      <TwoStepSection />
      <SessionsSection />
    </Stack>
  );
}
