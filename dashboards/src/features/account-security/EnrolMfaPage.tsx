import { Box, Heading, Stack, Text } from '@chakra-ui/react';
import { useApolloClient } from '@apollo/client/react';
import { Navigate, useNavigate } from 'react-router';
import { PageLoading } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { MeQuery } from '../auth/operations';
import { homePathFor } from '../auth/session-user';
import { PageTitle } from '../../shared/layout/PageTitle';
import { TotpSetup } from './TotpSetup';

/**
 * `/enrol-mfa`: where a user whose role requires two-step sign-in lands after signing in, until it
 * is set up (the API refuses them everything else meanwhile).
 */
export function EnrolMfaPage() {
  const { user, status } = useAuth();
  const client = useApolloClient();
  const navigate = useNavigate();
  if (status === 'anonymous') {
    return <Navigate to="/login" replace />;
  }
  if (!user) {
    return <PageLoading label="Loading your account…" />;
  }
  return (
    <Box as="main" maxW="xl" mx="auto" px="4" py="10">
      <Stack gap="5">
        <PageTitle parts={['Set up two-step sign-in']} />
        <Heading as="h1" size="2xl">
          Set up two-step sign-in
        </Heading>
        <Text>
          Your role requires a second step when you sign in: a 6-digit code from an authenticator app on your phone. Set
          it up now to continue.
        </Text>
        <TotpSetup
          onEnabled={() => {
            void client
              .query({ query: MeQuery, fetchPolicy: 'network-only' })
              .then(() => navigate(homePathFor(user.role), { replace: true }));
          }}
        />
      </Stack>
    </Box>
  );
}
