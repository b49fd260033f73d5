import { useMutation } from '@apollo/client/react';
import { Alert, Box, Button, chakra, Field, Input, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { dayKey } from '../schedule/calendar-dates';
import { JoinWaitlistMutation, MyWaitlistQuery } from './operations';

const DAY = 86_400_000;

/** The start of a local calendar day (`YYYY-MM-DD` from a date input) as an instant. */
const startOfDay = (value: string) => new Date(`${value}T00:00:00`);

/**
 * "No time suits? Join the waitlist": this doctor, or any doctor of the specialty, between two
 * days. The first patient waiting gets a freed slot offered (held for a while).
 */
export function JoinWaitlist({
  doctorId,
  doctorLabel,
  specialization,
}: {
  doctorId: string;
  doctorLabel: string;
  specialization: string;
}) {
  const [open, setOpen] = useState(false);
  const [anyDoctor, setAnyDoctor] = useState(false);
  const [from, setFrom] = useState(() => dayKey(new Date()));
  const [to, setTo] = useState(() => dayKey(new Date(Date.now() + 14 * DAY)));
  const [error, setError] = useState<string>();
  const [joined, setJoined] = useState(false);
  const [join, { loading }] = useMutation(JoinWaitlistMutation, { refetchQueries: [MyWaitlistQuery] });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const start = startOfDay(from);
    const end = new Date(startOfDay(to).getTime() + DAY);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
      setError('The last day must not be before the first.');
      return;
    }
    try {
      await join({
        variables: {
          input: {
            ...(anyDoctor ? { specialization } : { doctorId }),
            from: start.toISOString(),
            to: end.toISOString(),
          },
        },
      });
      setJoined(true);
      setOpen(false);
    } catch (joinError) {
      const fields = fieldErrors(joinError);
      setError(
        errorReason(joinError) === 'ALREADY_WAITING'
          ? 'You are already on this waitlist. See your appointments page.'
          : (Object.values(fields)[0] ?? plainMessage(joinError)),
      );
    }
  };

  if (joined) {
    return (
      <Alert.Root status="success" borderRadius="l3" role="status">
        <Alert.Indicator />
        <Alert.Title>
          You are on the waitlist. When a time frees up we hold it for you and tell you by e-mail; accept it on your
          appointments page.
        </Alert.Title>
      </Alert.Root>
    );
  }
  if (!open) {
    return (
      <Box>
        <Text color="fg.muted" mb="2">
          No time suits you?
        </Text>
        <Button variant="outline" onClick={() => setOpen(true)}>
          Join the waitlist
        </Button>
      </Box>
    );
  }
  return (
    <chakra.form onSubmit={(e) => void onSubmit(e)} noValidate maxW="xl" aria-label="Join the waitlist">
      <Stack gap="4" borderWidth="1px" borderRadius="l3" p="4">
        <Text fontWeight="semibold">Join the waitlist</Text>
        <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
          <Button
            size="sm"
            variant={anyDoctor ? 'outline' : 'solid'}
            aria-pressed={!anyDoctor}
            onClick={() => setAnyDoctor(false)}
          >
            {doctorLabel}
          </Button>
          <Button
            size="sm"
            variant={anyDoctor ? 'solid' : 'outline'}
            aria-pressed={anyDoctor}
            onClick={() => setAnyDoctor(true)}
          >
            Any {specialization} doctor
          </Button>
        </Stack>
        <Stack direction={{ base: 'column', sm: 'row' }} gap="3">
          <Field.Root>
            <Field.Label>From</Field.Label>
            <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field.Root>
          <Field.Root>
            <Field.Label>Until</Field.Label>
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field.Root>
        </Stack>
        {error ? (
          <Alert.Root status="error" borderRadius="l3">
            <Alert.Indicator />
            <Alert.Title>{error}</Alert.Title>
          </Alert.Root>
        ) : null}
        <Stack direction="row" gap="3">
          <Button type="submit" colorPalette="brand" loading={loading}>
            Join the waitlist
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Stack>
      </Stack>
    </chakra.form>
  );
}
