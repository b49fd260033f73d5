import { useQuery } from '@apollo/client/react';
import { Badge, Heading, Stack, Table, Text } from '@chakra-ui/react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { ErrorState } from '../../shared/ui';
import { DoctorWaitlistQuery } from './operations';

/** Who waits for a doctor (by name or by specialty), in the order offers go out: the doctor's and the clinic's view. */
export function DoctorWaitlist({ doctorId, timezone }: { doctorId: string; timezone?: string }) {
  const { data, loading, error, refetch } = useQuery(DoctorWaitlistQuery, {
    variables: { doctorId },
    pollInterval: 30_000,
  });
  const zone = viewerTimeZone();
  const entries = data?.doctorWaitlist ?? [];
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return (
    <Stack gap="3" as="section" aria-labelledby="doctor-waitlist-heading">
      <Heading as="h2" size="lg" id="doctor-waitlist-heading">
        Waitlist
      </Heading>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Text color="fg.muted">Loading the waitlist…</Text>
      ) : entries.length === 0 ? (
        <Text color="fg.muted">Nobody is waiting. Freed times go straight back on the calendar.</Text>
      ) : (
        <Table.ScrollArea borderWidth="1px" borderRadius="l3">
          <Table.Root size="sm">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeader>#</Table.ColumnHeader>
                <Table.ColumnHeader>Patient</Table.ColumnHeader>
                <Table.ColumnHeader>Waiting for</Table.ColumnHeader>
                <Table.ColumnHeader>Window</Table.ColumnHeader>
                <Table.ColumnHeader>Status</Table.ColumnHeader>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {entries.map((entry, index) => (
                <Table.Row key={entry.id}>
                  <Table.Cell>{index + 1}</Table.Cell>
                  <Table.Cell>{entry.patientName}</Table.Cell>
                  <Table.Cell>{entry.specialization ? `Any ${entry.specialization} doctor` : 'This doctor'}</Table.Cell>
                  <Table.Cell>
                    {day(entry.from)} – {day(new Date(new Date(entry.to).getTime() - 1).toISOString())}
                  </Table.Cell>
                  <Table.Cell>
                    {entry.offer ? (
                      <Badge colorPalette="green">Offered {formatDateTime(entry.offer.startsAt, zone, timezone)}</Badge>
                    ) : entry.status === 'EXPIRED' ? (
                      <Badge>Offer ran out</Badge>
                    ) : (
                      <Badge>Waiting</Badge>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      )}
    </Stack>
  );
}
