import { Alert, Button, chakra, Heading, HStack, Stack } from '@chakra-ui/react';
import type { FormEvent, ReactNode } from 'react';
import { plainMessage } from '../graphql-errors';

/**
 * A bordered form with a heading, the server's error above the fields, and submit and cancel
 * buttons below them.
 */
export function FormCard({
  title,
  error,
  submitLabel,
  loading,
  onSubmit,
  onCancel,
  children,
}: {
  readonly title: string;
  readonly error: unknown;
  readonly submitLabel: string;
  readonly loading: boolean;
  readonly onSubmit: (event: FormEvent) => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}) {
  return (
    <chakra.form
      onSubmit={(e: FormEvent) => onSubmit(e)}
      noValidate
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p={{ base: '4', md: '6' }}
    >
      <Stack gap="5">
        <Heading as="h2" size="lg">
          {title}
        </Heading>
        {error ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Description>{plainMessage(error)}</Alert.Description>
            </Alert.Content>
          </Alert.Root>
        ) : null}
        {children}
        <HStack gap="3">
          <Button type="submit" colorPalette="brand" loading={loading}>
            {submitLabel}
          </Button>
          <Button variant="outline" onClick={onCancel} disabled={loading}>
            Cancel
          </Button>
        </HStack>
      </Stack>
    </chakra.form>
  );
}
