import { Center, Spinner, Stack, Text } from '@chakra-ui/react';

/** A whole-page "please wait", for the moment before we know who is signed in. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center minH="60dvh" role="status" aria-live="polite">
      <Stack align="center" gap="3">
        <Spinner size="lg" color="brand.solid" borderWidth="3px" />
        <Text color="fg.muted">{label}</Text>
      </Stack>
    </Center>
  );
}
