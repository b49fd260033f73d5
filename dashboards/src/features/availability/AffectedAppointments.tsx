import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Field,
  Heading,
  HStack,
  Input,
  RadioGroup,
  SimpleGrid,
  Stack,
  Text,
} from '@chakra-ui/react';
import { useCallback, useId, useMemo, useState } from 'react';
import type { ScheduleChangeInput } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ErrorState, LoadingList, SelectField, TextField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useDebounced } from '../../shared/useDebounced';
import { useLoadMore } from '../../shared/useLoadMore';
import { appointmentStatusLabel } from '../appointments/appointment-status';
import {
  AffectedAppointmentsQuery,
  MoveSlotsQuery,
  MoveTargetNameFragment,
  MoveTargetsQuery,
  ResolveAffectedAppointmentsMutation,
} from './operations';
import { fullName } from '../admin/ui';
import type { HoursManager } from './manager';

type Choice = { action: 'CANCEL' } | { action: 'MOVE'; doctorId: string; startsAt: string };

const WEEK = 7 * 86_400_000;

/** A period no move may land in: the time off being planned, for its own doctor. */
interface Away {
  readonly doctorId: string;
  readonly startsAt: string;
  readonly endsAt: string;
}

/**
 * Free slots of a doctor in the week from the appointment's day, as select options; none inside the
 * time off being planned (a visit moved there would be in its way again).
 */
function SlotChoice({
  doctorId,
  around,
  value,
  onChange,
  error,
  doctorZone,
  away,
}: {
  doctorId: string;
  around: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  doctorZone: string | undefined;
  away: Away | undefined;
}) {
  const [from] = useState(() => {
    const start = new Date(Math.max(Date.now(), new Date(around).getTime() - 86_400_000));
    start.setMinutes(0, 0, 0);
    return start;
  });
  const { data, loading } = useQuery(MoveSlotsQuery, {
    variables: { doctorId, from: from.toISOString(), to: new Date(from.getTime() + WEEK).toISOString() },
    skip: !doctorId,
  });
  const slots = (data?.availableSlots ?? []).filter(
    (slot) =>
      away?.doctorId !== doctorId ||
      new Date(slot.endsAt) <= new Date(away.startsAt) ||
      new Date(slot.startsAt) >= new Date(away.endsAt),
  );
  return (
    <SelectField
      label="New time"
      required
      value={value}
      onChange={onChange}
      error={error}
      placeholder={loading ? 'Loading free times…' : slots.length ? 'Choose a free time' : 'No free time that week'}
      options={slots.map((slot) => ({
        value: slot.startsAt,
        label: formatDateTime(slot.startsAt, viewerTimeZone(), doctorZone),
      }))}
    />
  );
}

/** The doctors of `specialization` to move appointments to: a page at a time, narrowed by name, how many match. */
function useMoveTargets(specialization: string | undefined) {
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MoveTargetsQuery, {
    variables: { specialization, search: debounced.trim() || null },
    skip: !specialization,
  });
  const more = useLoadMore(data?.doctors.pageInfo, fetchMore, networkStatus);
  const doctors = useMemo(
    () => (data?.doctors.edges ?? []).map((edge) => ({ id: edge.node.id, name: fullName(edge.node) })),
    [data],
  );
  return {
    doctors,
    totalCount: data?.doctors.totalCount,
    hasNextPage: data?.doctors.pageInfo.hasNextPage,
    more,
    search,
    setSearch,
    loading: loading && !data,
    error,
    refetch,
  };
}

/**
 * The names of the doctors a move can go to: those `listed` by the search, and `others` (each
 * appointment's own doctor, the ones already chosen) watched in the cache, so a choice stays named
 * when a search no longer lists it and a name changed in the cache shows at once.
 */
function useDoctorNames(listed: readonly { id: string; name: string }[], others: readonly string[]) {
  const from = useMemo(() => others.map((id) => ({ __typename: 'Doctor' as const, id })), [others]);
  const { data } = useFragment({ fragment: MoveTargetNameFragment, from });
  return useMemo(() => {
    const names = new Map<string, string>();
    others.forEach((id, index) => {
      const doctor = data[index];
      if (doctor?.firstName !== undefined && doctor.lastName !== undefined) {
        names.set(id, fullName({ firstName: doctor.firstName, lastName: doctor.lastName }));
      }
    });
    for (const doctor of listed) {
      names.set(doctor.id, doctor.name);
    }
    return names;
  }, [listed, others, data]);
}

/** Find the doctor to move to by name, and how many more there are than listed. */
function MoveTargetsFinder({
  targets,
  specialization,
}: {
  targets: ReturnType<typeof useMoveTargets>;
  specialization: string;
}) {
  if (!targets.search && !targets.hasNextPage && !targets.error) {
    return null;
  }
  return (
    <Stack gap="2" borderWidth="1px" borderRadius="l2" p="3">
      <Field.Root maxW="md">
        <Field.Label>Find a {specialization} doctor to move to</Field.Label>
        <Input
          type="search"
          value={targets.search}
          onChange={(event) => targets.setSearch(event.target.value)}
          placeholder="Name"
        />
        <Field.HelperText>The “Doctor” lists above offer the doctors found.</Field.HelperText>
      </Field.Root>
      {targets.error ? (
        <ErrorState error={targets.error} title="The doctors did not load" onRetry={() => void targets.refetch()} />
      ) : targets.loading ? (
        <LoadingList rows={1} label="Finding doctors…" />
      ) : targets.doctors.length === 0 ? (
        <Text color="fg.muted" role="status">
          No {specialization} doctor’s name matches “{targets.search.trim()}”.
        </Text>
      ) : (
        <LoadMore
          count={targets.doctors.length}
          total={targets.totalCount}
          noun={`${specialization} doctor`}
          hasNextPage={targets.hasNextPage}
          more={targets.more}
        />
      )}
    </Stack>
  );
}

/** A schedule change the API refused because booked appointments stand in the way, and how often so far. */
export interface Refusal<T> {
  readonly change: T;
  readonly attempt: number;
}

/**
 * The state behind `AffectedAppointments` for one kind of schedule change (hours, time off,
 * deactivation): `refused(caught, change)` tells whether an error is the API's
 * APPOINTMENTS_AFFECTED and, if so, lists the appointments — afresh on every refusal, so a visit
 * booked while the first list was being resolved is in the next one.
 */
export function useAffectedRefusal<T>() {
  const [refusal, setRefusal] = useState<Refusal<T> | null>(null);
  const refused = useCallback((caught: unknown, change: T) => {
    if (errorReason(caught) !== 'APPOINTMENTS_AFFECTED') {
      return false;
    }
    setRefusal((current) => ({ change, attempt: (current?.attempt ?? 0) + 1 }));
    return true;
  }, []);
  const clear = useCallback(() => setRefusal(null), []);
  return { refusal, refused, clear };
}

type AffectedListProps = Parameters<typeof AffectedList>[0];

/**
 * The booked appointments a schedule change would strand, and what to do with each: cancel with
 * a reason the patient is told, or move to a free time (of this doctor, or for an administrator
 * of another of the same specialisation). "Resolve and continue" applies every choice in one transaction, then `onResolved`
 * retries the change. Patients are notified by the API. Each `refusal` (from `useAffectedRefusal`)
 * reads the list again.
 */
export function AffectedAppointments({ refusal, ...props }: { refusal: Refusal<unknown> } & AffectedListProps) {
  return <AffectedList key={refusal.attempt} {...props} />;
}

function AffectedList({
  change,
  doctorZone,
  what,
  onResolved,
  onCancel,
  manager,
}: {
  change: ScheduleChangeInput;
  doctorZone: string | undefined;
  what: string;
  onResolved: () => Promise<void> | void;
  onCancel: () => void;
  manager: HoursManager;
}) {
  // Only an administrator moves a visit to another doctor; the doctor finds times of their own.
  const toOthers = manager.role === 'admin';
  // A doctor being deactivated has no time to move to: only other doctors are offered.
  const sameDoctor = !change.deactivate;
  const away = change.timeOff ? { doctorId: String(change.doctorId), ...change.timeOff } : undefined;
  const headingId = useId();
  const zone = viewerTimeZone();
  const { data, loading, error } = useQuery(AffectedAppointmentsQuery, {
    variables: { input: change },
    fetchPolicy: 'network-only',
  });
  const affected = useMemo(() => data?.affectedAppointments ?? [], [data]);
  const specialization = toOthers ? affected[0]?.doctor.specialization : undefined;
  const targets = useMoveTargets(specialization);
  const [reason, setReason] = useState('');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // The doctors named without being listed by the search: each appointment's own, and those chosen.
  const unlisted = useMemo(
    () => [
      ...new Set([
        ...affected.map((a) => a.doctor.id),
        ...Object.values(choices).flatMap((choice) => (choice.action === 'MOVE' ? [choice.doctorId] : [])),
      ]),
    ],
    [affected, choices],
  );
  const names = useDoctorNames(targets.doctors, unlisted);
  const [problems, setProblems] = useState<Record<string, string>>({});
  // Waits for the lists to be read again before `onResolved` retries the change: a read still in
  // flight then would be shared (deduplicated) by the retry's own refetch and answer stale data.
  const [resolve, resolveState] = useMutation(ResolveAffectedAppointmentsMutation, {
    refetchQueries: [...manager.refetch],
    awaitRefetchQueries: true,
  });
  const server = fieldErrors(resolveState.error);

  const choiceOf = (id: string): Choice => choices[id] ?? { action: 'CANCEL' };
  const setChoice = (id: string, choice: Choice) => setChoices((current) => ({ ...current, [id]: choice }));

  async function submit() {
    const found: Record<string, string> = {};
    const anyCancel = affected.some((a) => choiceOf(a.id).action === 'CANCEL');
    if (anyCancel && reason.trim().length < 3) {
      found.reason = 'Tell the patients why, in a few words.';
    }
    for (const appointment of affected) {
      const choice = choiceOf(appointment.id);
      if (choice.action === 'MOVE' && !choice.startsAt) {
        found[appointment.id] = choice.doctorId ? 'Choose a new time.' : 'Choose a doctor, then a new time.';
      }
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    try {
      await resolve({
        variables: {
          resolutions: affected.map((appointment) => {
            const choice = choiceOf(appointment.id);
            return choice.action === 'CANCEL'
              ? { appointmentId: appointment.id, action: 'CANCEL' as const, reason: reason.trim() }
              : {
                  appointmentId: appointment.id,
                  action: 'MOVE' as const,
                  startsAt: choice.startsAt,
                  doctorId: choice.doctorId === appointment.doctor.id ? null : choice.doctorId,
                };
          }),
        },
      });
      await onResolved();
    } catch {
      // Shown from resolveState.error.
    }
  }

  return (
    <Card.Root as="section" aria-labelledby={headingId} borderColor="orange.300" role="region">
      <Card.Header>
        <Heading as="h3" size="md" id={headingId}>
          {affected.length === 1
            ? `1 booked appointment is affected`
            : `${affected.length} booked appointments are affected`}
        </Heading>
        <Text color="fg.muted">
          {what} Decide for each patient: cancel with a reason, or move to another time{toOthers ? ' or doctor' : ''}.
          Each patient is notified.
        </Text>
      </Card.Header>
      <Card.Body gap="4">
        {loading ? <LoadingList rows={2} /> : null}
        {error || resolveState.error ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(error ?? resolveState.error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        <Stack as="ul" gap="3" listStyleType="none">
          {affected.map((appointment) => {
            const choice = choiceOf(appointment.id);
            // The doctors found, and the ones already chosen or the appointment's own when not among them.
            const chosenId = choice.action === 'MOVE' ? choice.doctorId : undefined;
            const ids = [
              ...new Set([appointment.doctor.id, ...(chosenId ? [chosenId] : []), ...targets.doctors.map((d) => d.id)]),
            ].filter((id) => sameDoctor || id !== appointment.doctor.id);
            const doctorOptions = ids.flatMap((id) => {
              const name = names.get(id);
              if (name === undefined && id !== appointment.doctor.id) {
                return [];
              }
              const label = name ?? 'The same doctor';
              return [{ value: id, label: id === appointment.doctor.id && name ? `${name} (same doctor)` : label }];
            });
            return (
              <Stack as="li" key={appointment.id} borderWidth="1px" borderRadius="l2" p="3" gap="3">
                <HStack justify="space-between" wrap="wrap">
                  <Text fontWeight="medium">
                    {fullName(appointment.patient)} · {formatDateTime(appointment.startsAt, zone, doctorZone)}
                  </Text>
                  <Badge>{appointmentStatusLabel(appointment.status)}</Badge>
                </HStack>
                <RadioGroup.Root
                  value={choice.action}
                  onValueChange={(details) =>
                    setChoice(
                      appointment.id,
                      details.value === 'MOVE'
                        ? { action: 'MOVE', doctorId: sameDoctor ? appointment.doctor.id : '', startsAt: '' }
                        : { action: 'CANCEL' },
                    )
                  }
                  aria-label={`What to do with ${fullName(appointment.patient)}'s appointment`}
                >
                  <HStack gap="5" wrap="wrap">
                    {(
                      [
                        ['CANCEL', 'Cancel and notify'],
                        ['MOVE', 'Move'],
                      ] as const
                    ).map(([value, label]) => (
                      <RadioGroup.Item key={value} value={value}>
                        <RadioGroup.ItemHiddenInput />
                        <RadioGroup.ItemIndicator />
                        <RadioGroup.ItemText>{label}</RadioGroup.ItemText>
                      </RadioGroup.Item>
                    ))}
                  </HStack>
                </RadioGroup.Root>
                {choice.action === 'MOVE' ? (
                  <SimpleGrid columns={{ base: 1, md: toOthers ? 2 : 1 }} gap="3">
                    {toOthers ? (
                      <SelectField
                        label="Doctor"
                        value={choice.doctorId}
                        onChange={(doctorId) => setChoice(appointment.id, { action: 'MOVE', doctorId, startsAt: '' })}
                        options={doctorOptions}
                        {...(sameDoctor ? {} : { placeholder: 'Choose a doctor' })}
                      />
                    ) : null}
                    <SlotChoice
                      doctorId={choice.doctorId}
                      around={appointment.startsAt}
                      value={choice.startsAt}
                      doctorZone={doctorZone}
                      away={away}
                      onChange={(startsAt) => setChoice(appointment.id, { ...choice, startsAt })}
                      error={problems[appointment.id] ?? server.startsAt}
                    />
                  </SimpleGrid>
                ) : null}
              </Stack>
            );
          })}
        </Stack>
        {specialization && affected.some((a) => choiceOf(a.id).action === 'MOVE') ? (
          <MoveTargetsFinder targets={targets} specialization={specialization} />
        ) : null}
        {affected.some((a) => choiceOf(a.id).action === 'CANCEL') ? (
          <TextField
            label="Reason the patients are told"
            required
            value={reason}
            onChange={setReason}
            error={problems.reason ?? server.reason}
            placeholder={toOthers ? 'e.g. Dr Reyes is away at a conference' : 'e.g. I am away at a conference'}
          />
        ) : null}
        <HStack gap="3">
          <Button colorPalette="brand" loading={resolveState.loading} disabled={loading} onClick={() => void submit()}>
            Resolve and continue
          </Button>
          <Button variant="outline" onClick={onCancel} disabled={resolveState.loading}>
            Back
          </Button>
        </HStack>
      </Card.Body>
    </Card.Root>
  );
}
