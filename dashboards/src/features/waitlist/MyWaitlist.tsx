import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Box, Button, Card, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { getFragmentData } from '../../gql';
import type { WaitlistEntryFieldsFragment } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { errorReason, plainMessage } from '../../shared/graphql-errors';
import { doctorName } from '../doctors/DoctorName';
import { AcceptWaitlistOfferMutation, LeaveWaitlistMutation, MyWaitlistQuery, WaitlistEntryFields } from './operations';
import { formatCountdown, useCountdown } from './useCountdown';

/** Offers arrive by e-mail too; the page looks again every so often. */
const POLL_MS = 20_000;

const STATUS_LABEL: Record<string, string> = {
  WAITING: 'Waiting',
  OFFERED: 'Offer for you',
  BOOKED: 'Booked',
  EXPIRED: 'Ended',
  CANCELLED: 'Left',
};

/** The patient's waitlist places: an offer with its countdown and Accept / Decline; waiting places can be left. */
export function MyWaitlist() {
  const { data, refetch } = useQuery(MyWaitlistQuery, { pollInterval: POLL_MS });
  const entries = (data?.myWaitlist ?? [])
    .map((entry) => getFragmentData(WaitlistEntryFields, entry))
    .filter((entry) => entry.status === 'WAITING' || entry.status === 'OFFERED');
  if (entries.length === 0) {
    return null;
  }
  return (
    <Stack gap="3" as="section" aria-labelledby="waitlist-heading">
      <Heading as="h2" size="lg" id="waitlist-heading">
        Waitlist
      </Heading>
      {entries.map((entry) => (
        <WaitlistCard key={entry.id} entry={entry} onChange={() => void refetch()} />
      ))}
    </Stack>
  );
}

type Entry = WaitlistEntryFieldsFragment;

function WaitlistCard({ entry, onChange }: { entry: Entry; onChange: () => void }) {
  const zone = viewerTimeZone();
  const [error, setError] = useState<string>();
  const [accept, { loading: accepting }] = useMutation(AcceptWaitlistOfferMutation, {
    // By name: the appointments list lives in the booking feature, which uses this one.
    refetchQueries: [MyWaitlistQuery, 'MyAppointments'],
  });
  const [leave, { loading: leaving }] = useMutation(LeaveWaitlistMutation, { refetchQueries: [MyWaitlistQuery] });
  const left = useCountdown(entry.offer?.expiresAt);
  const who = entry.doctor ? doctorName(entry.doctor) : `Any ${entry.specialization ?? ''} doctor`;
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  const lastDay = new Date(new Date(entry.to).getTime() - 1).toISOString();

  const run = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      onChange();
    } catch (failure) {
      setError(
        errorReason(failure) === 'HOLD_EXPIRED' || errorReason(failure) === 'NO_OFFER'
          ? 'This offer has run out; the time went to the next person waiting.'
          : plainMessage(failure),
      );
      onChange();
    }
  };

  return (
    <Card.Root variant="outline" borderColor={entry.offer ? 'brand.solid' : undefined}>
      <Card.Body gap="3">
        <Flex justify="space-between" align="start" gap="3" wrap="wrap">
          <Box>
            <Text fontWeight="semibold">{who}</Text>
            <Text color="fg.muted" fontSize="sm">
              Between {day(entry.from)} and {day(lastDay)}
            </Text>
          </Box>
          <Badge colorPalette={entry.offer ? 'green' : 'gray'}>{STATUS_LABEL[entry.status] ?? entry.status}</Badge>
        </Flex>
        {entry.offer && left !== undefined && left > 0 ? (
          <Stack gap="3">
            <Text>
              A time is free for you:{' '}
              <strong>{formatDateTime(entry.offer.startsAt, zone, entry.doctor?.timezone)}</strong>. We hold it for{' '}
              <strong aria-live="off">{formatCountdown(left)}</strong> more.
            </Text>
            <Flex gap="3" wrap="wrap">
              <Button
                colorPalette="brand"
                loading={accepting}
                onClick={() => void run(() => accept({ variables: { id: entry.id } }))}
              >
                Accept and book
              </Button>
              <Button
                variant="outline"
                loading={leaving}
                onClick={() => void run(() => leave({ variables: { id: entry.id } }))}
              >
                Decline
              </Button>
            </Flex>
          </Stack>
        ) : (
          <Flex justify="space-between" align="center" gap="3" wrap="wrap">
            <Text color="fg.muted" fontSize="sm">
              When a time frees up, the first person waiting gets it held for them and an e-mail.
            </Text>
            <Button
              size="sm"
              variant="ghost"
              loading={leaving}
              onClick={() => void run(() => leave({ variables: { id: entry.id } }))}
            >
              Leave the waitlist
            </Button>
          </Flex>
        )}
        {error ? (
          <Alert.Root status="error" borderRadius="l3">
            <Alert.Indicator />
            <Alert.Title>{error}</Alert.Title>
          </Alert.Root>
        ) : null}
      </Card.Body>
    </Card.Root>
  );
}
