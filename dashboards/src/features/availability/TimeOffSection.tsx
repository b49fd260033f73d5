import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Card, Heading, HStack, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { useId, useState, type FormEvent } from 'react';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { ConfirmDialog, TextField } from '../../shared/ui';
import { AffectedAppointments, useAffectedRefusal } from './AffectedAppointments';
import type { HoursManager } from './manager';
import { AddTimeOffMutation, RemoveTimeOffMutation } from './operations';

interface TimeOff {
  readonly id: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly reason?: string | null;
}

export function TimeOffSection({
  doctorId,
  timezone,
  timeOff,
  manager,
}: {
  doctorId: string;
  timezone: string;
  timeOff: readonly TimeOff[];
  manager: HoursManager;
}) {
  const headingId = useId();
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<TimeOff | null>(null);
  // The doctor is read again once a change is in, and the mutation waits for it: a read still in
  // flight from an earlier change (resolving the affected visits) would otherwise be joined by
  // Apollo's deduplication and answer the list as it was before this change.
  const refetch = { refetchQueries: [...manager.refetch], awaitRefetchQueries: true };
  const [add, addState] = useMutation(AddTimeOffMutation, {
    ...refetch,
    // Shown at once from the answer, before the doctor is read again.
    update(cache, { data }) {
      const added = data?.addTimeOff;
      if (!added) {
        return;
      }
      cache.modify({
        id: cache.identify({ __typename: 'Doctor', id: doctorId }),
        fields: {
          timeOff(existing: readonly Reference[] = [], { readField, toReference }) {
            const ref = toReference(added, true);
            return !ref || existing.some((item) => readField('id', item) === added.id) ? existing : [...existing, ref];
          },
        },
      });
    },
  });
  const [remove, removeState] = useMutation(RemoveTimeOffMutation, refetch);
  const server = fieldErrors(addState.error);
  // Booked appointments stand in the way: they are resolved first, then the time off is added.
  const affected = useAffectedRefusal<{ startsAt: string; endsAt: string }>();
  const blocked = affected.refusal;
  const zone = viewerTimeZone();

  async function onAdd(event: FormEvent) {
    event.preventDefault();
    addState.reset();
    const found: Record<string, string> = {};
    if (!startsAt) {
      found.startsAt = 'Choose when the time off starts.';
    }
    if (!endsAt) {
      found.endsAt = 'Choose when it ends.';
    }
    if (startsAt && endsAt && new Date(startsAt) >= new Date(endsAt)) {
      found.endsAt = 'The end must be after the start.';
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    await addPeriod({ startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() });
  }

  async function addPeriod(period: { startsAt: string; endsAt: string }) {
    try {
      await add({ variables: { doctorId, ...period, reason: reason.trim() || null } });
      affected.clear();
      setStartsAt('');
      setEndsAt('');
      setReason('');
    } catch (caught) {
      if (affected.refused(caught, period)) {
        addState.reset();
      } else {
        // Shown from addState.error, in the form (hidden while the affected visits are listed).
        affected.clear();
      }
    }
  }

  async function onRemove() {
    if (!removing) {
      return;
    }
    try {
      await remove({ variables: { id: removing.id } });
      setRemoving(null);
    } catch {
      setRemoving(null);
    }
  }

  return (
    <Card.Root as="section" aria-labelledby={headingId}>
      <Card.Header>
        <Heading as="h2" size="lg" id={headingId}>
          Time off
        </Heading>
      </Card.Header>
      <Card.Body gap="4">
        {removeState.error ? (
          <Alert.Root status="error">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(removeState.error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        {timeOff.length === 0 ? (
          <Text color="fg.muted">No time off planned.</Text>
        ) : (
          <Stack as="ul" gap="2" listStyleType="none">
            {timeOff.map((t) => (
              <HStack as="li" key={t.id} borderWidth="1px" borderRadius="l2" p="3" justify="space-between" gap="3">
                <Stack gap="0" minW="0">
                  <Text fontWeight="medium">
                    {formatDateTime(t.startsAt, zone, timezone)} → {formatDateTime(t.endsAt, zone, timezone)}
                  </Text>
                  {t.reason ? (
                    <Text fontSize="sm" color="fg.muted">
                      {t.reason}
                    </Text>
                  ) : null}
                </Stack>
                <Button size="sm" variant="outline" colorPalette="red" onClick={() => setRemoving(t)}>
                  Remove
                </Button>
              </HStack>
            ))}
          </Stack>
        )}
        {blocked ? (
          <AffectedAppointments
            refusal={blocked}
            change={{ doctorId, timeOff: blocked.change }}
            doctorZone={timezone}
            what="This time off covers booked appointments."
            manager={manager}
            onResolved={() => addPeriod(blocked.change)}
            onCancel={affected.clear}
          />
        ) : null}
        <form onSubmit={(e) => void onAdd(e)} noValidate aria-label="Add time off" hidden={blocked !== null}>
          <Stack gap="3">
            {addState.error ? (
              <Alert.Root status="error">
                <Alert.Indicator />
                <Alert.Title>{plainMessage(addState.error)}</Alert.Title>
              </Alert.Root>
            ) : null}
            <SimpleGrid columns={{ base: 1, md: 3 }} gap="3">
              <TextField
                label="Starts"
                type="datetime-local"
                required
                value={startsAt}
                onChange={setStartsAt}
                error={problems.startsAt ?? server.startsAt}
              />
              <TextField
                label="Ends"
                type="datetime-local"
                required
                value={endsAt}
                onChange={setEndsAt}
                error={problems.endsAt ?? server.endsAt}
              />
              <TextField
                label="Reason"
                value={reason}
                onChange={setReason}
                error={server.reason}
                placeholder="e.g. Conference"
              />
            </SimpleGrid>
            <Text fontSize="sm" color="fg.muted">
              Times are in your time zone ({zone}).
              {manager.role === 'doctor'
                ? ' While you are away, the other doctors caring for your patients see your results to review and repeat requests too.'
                : ' While they are away, the other doctors caring for their patients see their results to review and repeat requests too.'}
            </Text>
            <div>
              <Button type="submit" size="sm" colorPalette="brand" loading={addState.loading}>
                Add time off
              </Button>
            </div>
          </Stack>
        </form>
      </Card.Body>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this time off?"
        description={
          removing
            ? `${formatDateTime(removing.startsAt, zone, timezone)} → ${formatDateTime(removing.endsAt, zone, timezone)}. Patients will be able to book these times again.`
            : undefined
        }
        confirmLabel="Remove time off"
        pending={removeState.loading}
        onConfirm={() => void onRemove()}
        onCancel={() => setRemoving(null)}
      />
    </Card.Root>
  );
}
