import { Heading, Stack, Text } from '@chakra-ui/react';
import { useAuth } from '../features/auth/AuthProvider';
import { displayName } from '../features/auth/session-user';

/** Placeholder start page of an area until its real pages land. */
export function AreaWelcome({ title }: { title: string }) {
  const { user } = useAuth();
  return (
    <Stack gap="2">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        {title}
      </Heading>
      {user ? <Text color="fg.muted">Signed in as {displayName(user)}</Text> : null}
    </Stack>
  );
}
