import { useMutation } from '@apollo/client/react';
import { Alert, Box, Button, Code, Field, Flex, Image, Input, List, Stack, Text } from '@chakra-ui/react';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { errorCode, plainSignInMessage } from '../../shared/graphql-errors';
import { FormStack } from '../../shared/ui';
import { ConfirmTotpEnrollmentMutation, StartTotpEnrollmentMutation } from './operations';

/** The otpauth URI as a QR code image (a data URL, drawn in the browser: the secret never leaves it). */
function useQrCode(uri: string | undefined): string | undefined {
  const [dataUrl, setDataUrl] = useState<string>();
  useEffect(() => {
    let current = true;
    if (uri) {
      void QRCode.toDataURL(uri, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then((url) => {
        if (current) {
          setDataUrl(url);
        }
      });
    }
    return () => {
      current = false;
    };
  }, [uri]);
  return uri ? dataUrl : undefined;
}

/** Shows the ten recovery codes once, with a way to keep them. */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const text = codes.join('\n');
  return (
    <Stack gap="4">
      <Alert.Root status="success">
        <Alert.Indicator />
        <Alert.Title>Two-step sign-in is on.</Alert.Title>
      </Alert.Root>
      <Text>
        Keep these recovery codes somewhere safe. Each works once, instead of a code from your phone, if you lose it.
        They are shown only now.
      </Text>
      <List.Root as="ol" data-testid="recovery-codes" fontFamily="mono" columns={{ base: 1, sm: 2 }} gap="1" ps="6">
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List.Root>
      <Flex gap="3" wrap="wrap">
        <Button variant="outline" onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy codes
        </Button>
        <Button asChild variant="outline">
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="recovery-codes.txt">
            Download
          </a>
        </Button>
        <Button colorPalette="brand" onClick={onDone}>
          I have saved them
        </Button>
      </Flex>
    </Stack>
  );
}

/** Setting up an authenticator app: QR code (and the secret to type), then a code to confirm. */
export function TotpSetup({ onEnabled }: { onEnabled: () => void }) {
  const [start, started] = useMutation(StartTotpEnrollmentMutation);
  const [confirm, confirmation] = useMutation(ConfirmTotpEnrollmentMutation);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [codes, setCodes] = useState<readonly string[]>();
  const enrollment = started.data?.startTotpEnrollment;
  const qr = useQrCode(enrollment?.otpauthUri);

  if (codes) {
    return <RecoveryCodes codes={codes} onDone={onEnabled} />;
  }
  if (!enrollment) {
    return (
      <Stack gap="3" align="start">
        {started.error ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Title>{plainSignInMessage(started.error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        <Button colorPalette="brand" loading={started.loading} onClick={() => void start().catch(() => undefined)}>
          Set up two-step sign-in
        </Button>
      </Stack>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setProblem('Enter the 6-digit code your app shows.');
      return;
    }
    setProblem(undefined);
    try {
      const { data } = await confirm({ variables: { code: code.replace(/\s/g, '') } });
      setCodes(data?.confirmTotpEnrollment ?? []);
    } catch (error) {
      setProblem(
        errorCode(error) === 'BAD_USER_INPUT'
          ? 'That code is not correct. Wait for the next one and try again.'
          : plainSignInMessage(error),
      );
    }
  };

  return (
    <FormStack gap="4" onSubmit={(event: FormEvent) => void onSubmit(event)} noValidate>
      <Text>
        1. Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).
      </Text>
      <Box alignSelf="start" borderWidth="1px" borderRadius="l2" p="2" bg="white">
        {qr ? (
          <Image src={qr} alt="QR code for your authenticator app" width="220px" height="220px" />
        ) : (
          <Box w="220px" h="220px" />
        )}
      </Box>
      <Text fontSize="sm" color="fg.muted">
        Cannot scan? Type this key into the app instead:{' '}
        <Code data-testid="totp-secret" wordBreak="break-all">
          {enrollment.secret}
        </Code>
      </Text>
      <Field.Root required invalid={Boolean(problem)}>
        <Field.Label>2. Enter the 6-digit code from the app</Field.Label>
        <Input
          name="totp-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxW="xs"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <Field.ErrorText>{problem}</Field.ErrorText>
      </Field.Root>
      <Button type="submit" colorPalette="brand" alignSelf="start" loading={confirmation.loading}>
        Turn on
      </Button>
    </FormStack>
  );
}
