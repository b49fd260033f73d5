import { useMutation } from '@apollo/client/react';
import { Alert, Box, Button, Field, Flex, Heading, Input, Stack, Switch, Text } from '@chakra-ui/react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import type { MyTextRemindersFragment as Reminders } from '../../gql/graphql';
import { viewerTimeZone } from '../../shared/format-date-time';
import { errorCode, fieldErrors, plainMessage, retryAfterSeconds } from '../../shared/graphql-errors';
import { focusFirstInvalid, FormStack } from '../../shared/ui';
import { useCountdown } from '../waitlist/useCountdown';
import {
  ConfirmPhoneMutation,
  MyTextRemindersFragment,
  SetSmsRemindersMutation,
  StartPhoneConfirmationMutation,
} from './operations';
import { codeDigits, formatClock, phoneProblem, waitWords } from './text-reminders';

const CONFIRMED = 'Your phone number is confirmed. Text reminders are on.';

/**
 * "Text message reminders" on the patient's profile: the phone saved in the profile is confirmed
 * with a texted code first (a mistyped number must not get someone else's reminders), then the
 * reminders are turned on or off. `onGoToPhone` takes the patient to the profile's Phone field.
 */
export function TextRemindersSection({
  patient: ref,
  onGoToPhone,
}: {
  patient: FragmentType<typeof MyTextRemindersFragment>;
  onGoToPhone: () => void;
}) {
  const patient = getFragmentData(MyTextRemindersFragment, ref);
  const headingId = useId();
  return (
    <Box
      as="section"
      aria-labelledby={headingId}
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p={{ base: '4', md: '6' }}
      maxW="3xl"
    >
      <Stack gap="3">
        <Heading as="h2" size="md" id={headingId}>
          Text message reminders
        </Heading>
        <Text color="fg.muted" fontSize="sm">
          Get a text the day before each appointment, and when the clinic cancels or moves one. Texts say only when —
          not with whom or why.
        </Text>
        {/* Another number saved in the profile starts over: a code sent to the old one is no use. */}
        <TextReminders key={patient.phone ?? ''} patient={patient} onGoToPhone={onGoToPhone} />
      </Stack>
    </Box>
  );
}

function TextReminders({ patient, onGoToPhone }: { patient: Reminders; onGoToPhone: () => void }) {
  // What was just done, said after the part that did it is gone (confirming swaps the form for the switch).
  const [said, setSaid] = useState<string>();
  return (
    <>
      {patient.phoneConfirmed && patient.phone ? (
        <RemindersSwitch patient={patient} phone={patient.phone} justConfirmed={said === CONFIRMED} onSaid={setSaid} />
      ) : (
        <ConfirmPhone phone={patient.phone} onGoToPhone={onGoToPhone} onConfirmed={() => setSaid(CONFIRMED)} />
      )}
      {said ? (
        <Alert.Root status="success" role="status" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Title>{said}</Alert.Title>
        </Alert.Root>
      ) : null}
    </>
  );
}

/** Whole seconds left of a wait the API asked for (0 when none), ticking; `startWait(seconds)` starts one. */
function useWait(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState<number>();
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (until === undefined) {
      return undefined;
    }
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= until) {
        setUntil(undefined);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const startWait = useCallback((seconds: number) => {
    const from = Date.now();
    setNow(from);
    setUntil(from + seconds * 1000);
  }, []);
  return [until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000)), startWait];
}

/** A code sent in this visit: until when it works (unknown when the API said one was sent a moment ago). */
interface SentCode {
  readonly expiresAt?: string;
}

/**
 * "Send me a code", then the code from the text message. The API refuses codes asked for too
 * often with `retryAfterSeconds`: "Send a new code" waits that long.
 */
function ConfirmPhone({
  phone,
  onGoToPhone,
  onConfirmed,
}: {
  phone: string | null | undefined;
  onGoToPhone: () => void;
  onConfirmed: () => void;
}) {
  const [start, { loading: sending }] = useMutation(StartPhoneConfirmationMutation);
  const [confirm, { loading: confirming }] = useMutation(ConfirmPhoneMutation);
  const [sent, setSent] = useState<SentCode>();
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<{ phone?: string; code?: string }>({});
  const [serverError, setServerError] = useState<string>();
  const [wait, startWait] = useWait();
  const waiting = wait > 0;
  const codeLeft = useCountdown(sent?.expiresAt);
  const codeInput = useRef<HTMLInputElement>(null);
  const phoneProblemId = useId();
  const waitId = useId();
  const zone = viewerTimeZone();

  // The code field takes the place of "Send me a code": the keyboard goes on there.
  const codeShown = sent !== undefined;
  useEffect(() => {
    if (codeShown) {
      codeInput.current?.focus();
    }
  }, [codeShown]);

  const send = async () => {
    if (waiting) {
      return;
    }
    // A refused new code leaves the typed one and its problem as they are.
    setProblems((p) => ({ code: p.code }));
    setServerError(undefined);
    try {
      const { data } = await start();
      setSent({ expiresAt: data?.startPhoneConfirmation });
      setCode('');
      setProblems({});
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (errorCode(error) === 'TOO_MANY_REQUESTS' && seconds !== undefined) {
        // A code went out a moment ago (perhaps before a reload): it can still be typed in.
        setSent((s) => s ?? {});
        startWait(seconds);
        return;
      }
      const byField = fieldErrors(error);
      if (byField.phone) {
        setProblems({ phone: phoneProblem(byField.phone) });
        return;
      }
      setServerError(plainMessage(error));
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setServerError(undefined);
    const digits = codeDigits(code);
    if (!digits) {
      setProblems({ code: 'Enter the six digits of the text message.' });
      focusFirstInvalid(form);
      return;
    }
    setProblems({});
    try {
      await confirm({ variables: { code: digits } });
      onConfirmed();
    } catch (error) {
      const byField = fieldErrors(error);
      if (byField.code) {
        setProblems({ code: byField.code });
        focusFirstInvalid(form);
        return;
      }
      setServerError(plainMessage(error));
    }
  };

  const errorAlert = serverError ? (
    <Alert.Root status="error" role="alert" borderRadius="l2">
      <Alert.Indicator />
      <Alert.Title>{serverError}</Alert.Title>
    </Alert.Root>
  ) : null;

  if (!sent) {
    return (
      <Stack gap="3" align="start">
        <Text>
          {phone ? (
            <>
              We’ll text a six-digit code to{' '}
              <Text as="span" fontWeight="semibold" overflowWrap="anywhere">
                {phone}
              </Text>
              , the number saved in your profile, to make sure it is yours.
            </>
          ) : (
            'Add your mobile number to your profile first: we text a code to it to make sure it is yours.'
          )}
        </Text>
        <Button
          colorPalette="brand"
          size="sm"
          loading={sending}
          aria-describedby={problems.phone ? phoneProblemId : undefined}
          onClick={() => void send()}
        >
          Send me a code
        </Button>
        {problems.phone ? (
          <Alert.Root status="error" role="alert" borderRadius="l2" id={phoneProblemId}>
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Title>{problems.phone}</Alert.Title>
              <Alert.Description>
                Enter it under Phone in “About you” above and save; then ask for a code again.{' '}
                <Button size="sm" variant="plain" color="brand.fg" px="0" h="auto" onClick={onGoToPhone}>
                  Go to the Phone field
                </Button>
              </Alert.Description>
            </Alert.Content>
          </Alert.Root>
        ) : null}
        {errorAlert}
      </Stack>
    );
  }

  return (
    <Stack gap="3">
      <Alert.Root status={codeLeft === 0 ? 'warning' : 'info'} role="status" borderRadius="l2">
        <Alert.Indicator />
        <Alert.Title>
          {sent.expiresAt === undefined
            ? 'We have texted you a code recently: enter the newest one.'
            : codeLeft === 0
              ? 'The code has expired. Ask for a new one.'
              : `We texted a code to ${phone ?? 'your phone'}. The code works until ${formatClock(sent.expiresAt, zone)}.`}
        </Alert.Title>
      </Alert.Root>
      {errorAlert}
      <FormStack gap="3" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Confirm your phone number">
        <Field.Root required invalid={Boolean(problems.code)}>
          <Field.Label>
            Code from the text message
            <Field.RequiredIndicator />
          </Field.Label>
          <Input
            ref={codeInput}
            name="sms-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxW="xs"
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              if (problems.code) {
                setProblems({});
              }
            }}
          />
          {problems.code ? <Field.ErrorText>{problems.code}</Field.ErrorText> : null}
        </Field.Root>
        <Flex gap="3" wrap="wrap" align="center">
          <Button type="submit" colorPalette="brand" loading={confirming}>
            Confirm
          </Button>
          <Button
            variant="outline"
            loading={sending}
            // Not `disabled`: the button keeps the keyboard's place while it waits.
            aria-disabled={waiting || undefined}
            aria-describedby={waiting ? waitId : undefined}
            onClick={() => void send()}
          >
            Send a new code
          </Button>
        </Flex>
      </FormStack>
      {waiting ? (
        <Text id={waitId} role="status" fontSize="sm" color="fg.muted">
          You can ask for a new code in <span aria-live="off">{waitWords(wait)}</span>.
        </Text>
      ) : null}
    </Stack>
  );
}

/** Where texts go, and "Send me text reminders" on or off (shown at once, put back if the API refuses). */
function RemindersSwitch({
  patient,
  phone,
  justConfirmed,
  onSaid,
}: {
  patient: Reminders;
  phone: string;
  justConfirmed: boolean;
  onSaid: (said: string | undefined) => void;
}) {
  const [setReminders] = useMutation(SetSmsRemindersMutation);
  const [problem, setProblem] = useState<string>();
  // The switch shows the change at once; the returned patient (in the cache) then holds it.
  const [pending, setPending] = useState<boolean>();
  const toggle = useRef<HTMLInputElement>(null);
  const hintId = useId();

  // Just confirmed: the code form is gone, so the keyboard goes on at the switch.
  useEffect(() => {
    if (justConfirmed) {
      toggle.current?.focus();
    }
  }, [justConfirmed]);

  const change = async (enabled: boolean) => {
    setProblem(undefined);
    onSaid(undefined);
    setPending(enabled);
    try {
      await setReminders({ variables: { enabled } });
      onSaid(enabled ? 'Text reminders are on.' : 'Text reminders are off.');
    } catch (error) {
      setProblem(
        fieldErrors(error).enabled
          ? 'Your phone number is no longer confirmed. Reload the page to confirm it again.'
          : plainMessage(error),
      );
    } finally {
      setPending(undefined);
    }
  };

  return (
    <Stack gap="3" align="start">
      <Text>
        Texts go to{' '}
        <Text as="span" fontWeight="semibold" overflowWrap="anywhere">
          {phone}
        </Text>
        .
      </Text>
      <Switch.Root
        colorPalette="brand"
        checked={pending ?? patient.smsReminders}
        onCheckedChange={(details) => void change(details.checked)}
      >
        <Switch.HiddenInput ref={toggle} role="switch" aria-describedby={hintId} />
        <Switch.Control />
        <Switch.Label>Send me text reminders</Switch.Label>
      </Switch.Root>
      <Text id={hintId} fontSize="sm" color="fg.muted">
        If you save another number in your profile, it needs confirming with a code before texts go to it.
      </Text>
      {problem ? (
        <Alert.Root status="error" role="alert" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Title>{problem}</Alert.Title>
        </Alert.Root>
      ) : null}
    </Stack>
  );
}
