import { Alert, Button } from '@chakra-ui/react';
import { plainMessage } from '../graphql-errors';

/** A failed load in plain words, with a way to try again. Pass the Apollo error or a message. */
export function ErrorState({
  error,
  message,
  title = 'This did not load',
  onRetry,
}: {
  error?: unknown;
  message?: string;
  title?: string;
  onRetry?: () => void;
}) {
  const text = message ?? (plainMessage(error) || 'Something went wrong. Please try again.');
  return (
    <Alert.Root status="error" borderRadius="l3" alignItems="center">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{title}</Alert.Title>
        <Alert.Description>{text}</Alert.Description>
      </Alert.Content>
      {onRetry ? (
        <Button size="sm" variant="outline" colorPalette="red" onClick={onRetry} flexShrink={0}>
          Try again
        </Button>
      ) : null}
    </Alert.Root>
  );
}
