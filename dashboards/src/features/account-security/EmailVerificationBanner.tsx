import { Alert, Box, Button, Flex, Text } from '@chakra-ui/react';
import { useId } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useResendEmailVerification, type ResendOutcome } from './useResendEmailVerification';

function outcomeText(outcome: ResendOutcome | undefined): string {
  switch (outcome?.status) {
    case undefined:
      return '';
    case 'sent':
      return 'Sent — look in your inbox.';
    case 'confirmed':
      return 'Your address is already confirmed.';
    case 'refused':
      return outcome.message;
  }
}

/**
 * At the top of a signed-in area while the person's sign-in address is not confirmed: e-mails
 * about appointments, results and messages wait for that. Shown on every visit until it is (it
 * cannot be put away), and short on a phone.
 */
export function EmailVerificationBanner() {
  const { user } = useAuth();
  const { resend, sending, outcome } = useResendEmailVerification();
  const titleId = useId();
  if (!user || user.emailVerified) {
    return null;
  }
  const said = outcomeText(outcome);
  return (
    <Alert.Root
      status="warning"
      role="region"
      aria-labelledby={titleId}
      size={{ base: 'sm', md: 'md' }}
      borderRadius="l3"
      mb={{ base: '4', md: '6' }}
      data-testid="email-verification-banner"
    >
      <Alert.Indicator display={{ base: 'none', sm: 'inline-flex' }} />
      <Alert.Content>
        <Alert.Title id={titleId}>Confirm your e-mail address</Alert.Title>
        <Alert.Description>
          We sent a link to{' '}
          <Text as="span" fontWeight="semibold" overflowWrap="anywhere">
            {user.email}
          </Text>
          . Until then, we tell you about appointments and results here only, not by e-mail.
        </Alert.Description>
        <Flex mt="2" gap="3" align="center" wrap="wrap">
          <Button
            size="xs"
            variant="outline"
            colorPalette="orange"
            bg="bg"
            loading={sending}
            onClick={() => void resend()}
          >
            Send the link again
          </Button>
          <Box as="span" role="status" fontSize={{ base: 'xs', md: 'sm' }}>
            {said}
          </Box>
        </Flex>
      </Alert.Content>
    </Alert.Root>
  );
}
