import { useQuery } from '@apollo/client/react';
import { useEveryPage, WHOLE_LIST } from '../../shared/useLoadMore';
import { Alert, Badge, Box, Button, Flex, Heading, HStack, Link, Stack, Text, Wrap } from '@chakra-ui/react';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { getFragmentData } from '../../gql';
import type { ScheduleAppointmentFragment } from '../../gql/graphql';
import { yearsSince } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { IncompleteList } from '../../shared/ui/LoadMore';
import { useAuth } from '../auth/AuthProvider';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { allowedActions, CHECK_IN_EARLIEST_MINUTES } from './appointment-actions';
import { addDays, dayKey, longDayLabel, parseDayKey, shortDayLabel, timeLabel } from './calendar-dates';

const isSameDay = (a: Date, b: Date) => dayKey(a) === dayKey(b);
import {
  NextVisitQuery,
  ScheduleAppointmentFragment as ScheduleAppointmentDoc,
  TodayWorklistQuery,
} from './operations';
import { useScheduleActions, useScheduleUpdates } from './useDoctorSchedule';
import { AppointmentTypeBadge } from '../../shared/appointment-type';
import { ResultsToReview } from '../labs/ResultsToReview';
import { RepeatRequests } from '../prescriptions/RepeatRequests';

interface Visit {
  readonly appointment: ScheduleAppointmentFragment;
  readonly allergies: readonly string[];
  readonly dateOfBirth: string;
  readonly noteWritten: boolean;
}

/** Where the visit's note is written: the chart, with the record form open for this visit. */
export function notePath(appointment: Pick<ScheduleAppointmentFragment, 'id' | 'patient'>): string {
  return `/doctor/patients/${appointment.patient.id}?appointment=${encodeURIComponent(appointment.id)}&form=record`;
}

/**
 * `/doctor/today` (or `?date=YYYY-MM-DD`): the day's visits in time order, each with its status, the patient's allergies
 * and the one next step (confirm, check in, start the note, complete); the next visit stands out.
 */
export function TodayPage() {
  const { user } = useAuth();
  // Today by default; `?date=` prepares another day's list (tomorrow's, say).
  const [params, setParams] = useSearchParams();
  const today = parseDayKey(params.get('date'));
  const isToday = dayKey(today) === dayKey(new Date());
  const goTo = (date: Date) => setParams(isSameDay(date, new Date()) ? {} : { date: dayKey(date) }, { replace: true });
  const from = today.toISOString();
  const to = addDays(today, 1).toISOString();
  const { data, loading, error, refetch, fetchMore } = useQuery(TodayWorklistQuery, {
    ...WHOLE_LIST,
    variables: { from, to },
  });
  // A busy day can hold more than a page: every visit of the day is on the worklist.
  const pages = useEveryPage(data?.appointments.pageInfo, fetchMore);
  // An empty day (a day off, a weekend) points to the next day with visits.
  const empty = !loading && !error && data !== undefined && data.appointments.edges.length === 0;
  const nextVisit = useQuery(NextVisitQuery, { variables: { from: to }, skip: !empty });
  // Live: any change to the doctor's schedule asks for the list again.
  useScheduleUpdates(user?.doctor?.id, () => {
    void refetch().catch(() => undefined);
    if (empty) {
      void nextVisit.refetch().catch(() => undefined);
    }
  });

  const visits: Visit[] = (data?.appointments.edges ?? [])
    .map(({ node }) => ({
      appointment: getFragmentData(ScheduleAppointmentDoc, node),
      allergies: node.patient.allergies,
      dateOfBirth: node.patient.dateOfBirth,
      noteWritten: node.medicalRecords.length > 0,
    }))
    .sort((a, b) => a.appointment.startsAt.localeCompare(b.appointment.startsAt));
  const done = visits.filter((v) => v.appointment.status === 'COMPLETED' || v.appointment.status === 'NO_SHOW');
  const waiting = visits.filter((v) => v.appointment.status === 'CHECKED_IN');
  const next = isToday ? visits.find((v) => !done.includes(v) && v.appointment.status !== 'REQUESTED') : undefined;

  return (
    <Stack gap="5">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          {isToday ? 'Today' : 'Visits'}
        </Heading>
        <Text color="fg.muted" data-testid="worklist-day">
          {longDayLabel(today)}
        </Text>
      </Stack>
      <HStack gap="2" wrap="wrap">
        <Button size="sm" variant="outline" onClick={() => goTo(addDays(today, -1))}>
          Previous day
        </Button>
        {isToday ? null : (
          <Button size="sm" variant="ghost" onClick={() => goTo(new Date())}>
            Today
          </Button>
        )}
        <Button size="sm" variant="outline" onClick={() => goTo(addDays(today, 1))}>
          Next day
        </Button>
      </HStack>
      {error ? null : <IncompleteList error={pages.incompleteError} plural="visits of the day" onRetry={pages.retry} />}
      {error ? (
        <ErrorState error={error} title="Today's visits did not load" onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList rows={4} label="Loading today's visits…" />
      ) : visits.length === 0 ? (
        <EmptyDay isToday={isToday} next={nextVisit.data?.appointments.edges[0]?.node.startsAt} onGoTo={goTo} />
      ) : (
        <>
          <Text data-testid="today-summary" fontWeight="medium">
            {visits.length} {visits.length === 1 ? 'visit' : 'visits'} · {done.length} done · {waiting.length} waiting
          </Text>
          <Stack as="ol" listStyleType="none" gap="3" aria-label="Today's visits">
            {visits.map((visit) => (
              <VisitRow key={visit.appointment.id} visit={visit} isNext={visit === next} />
            ))}
          </Stack>
        </>
      )}
      {/* Results and repeat requests waiting for the doctor, after the day's visits: on today's page, not on another day's. */}
      {isToday ? <ResultsToReview /> : null}
      {isToday ? <RepeatRequests /> : null}
    </Stack>
  );
}

/** No visits on the day shown: when the next ones are, and a way there. */
function EmptyDay({ isToday, next, onGoTo }: { isToday: boolean; next?: string; onGoTo: (date: Date) => void }) {
  const nextDay = next ? parseDayKey(dayKey(new Date(next))) : undefined;
  return (
    <EmptyState
      title={isToday ? 'No visits today' : 'No visits this day'}
      description={
        next && nextDay
          ? `Your next visit is on ${longDayLabel(nextDay)} at ${timeLabel(next)}.`
          : 'Nothing is booked ahead. Bookings appear here as patients make them.'
      }
      action={
        nextDay ? (
          <Button size="sm" colorPalette="brand" onClick={() => onGoTo(nextDay)}>
            Show {shortDayLabel(nextDay)}
          </Button>
        ) : (
          <Link asChild color="brand.fg">
            <RouterLink to="/doctor">Open the calendar</RouterLink>
          </Link>
        )
      }
    />
  );
}

function VisitRow({ visit, isNext }: { visit: Visit; isNext: boolean }) {
  const { appointment, allergies } = visit;
  const actions = useScheduleActions();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<unknown>(null);
  const name = `${appointment.patient.firstName} ${appointment.patient.lastName}`;
  const age = yearsSince(visit.dateOfBirth);
  const allowed = allowedActions(appointment.status, appointment.startsAt);
  const run = async (step: () => Promise<unknown>, then?: () => Promise<void> | void) => {
    setProblem(null);
    try {
      await step();
      await then?.();
    } catch (caught) {
      setProblem(caught);
    }
  };
  const checkInOpensAt = timeLabel(
    new Date(Date.parse(appointment.startsAt) - CHECK_IN_EARLIEST_MINUTES * 60_000).toISOString(),
  );

  let nextStep: ReactNode = null;
  switch (appointment.status) {
    case 'REQUESTED':
      nextStep = (
        <Button
          size="sm"
          colorPalette="brand"
          loading={actions.pending}
          onClick={() => void run(() => actions.confirm(appointment.id))}
        >
          Confirm
        </Button>
      );
      break;
    case 'CONFIRMED':
      nextStep = allowed.includes('checkIn') ? (
        <Button
          size="sm"
          colorPalette="brand"
          loading={actions.pending}
          onClick={() => void run(() => actions.checkIn(appointment.id))}
        >
          Check in
        </Button>
      ) : (
        <Text fontSize="sm" color="fg.muted">
          Check-in opens at {checkInOpensAt}
        </Text>
      );
      break;
    case 'CHECKED_IN':
      nextStep = (
        <>
          <Button asChild size="sm" colorPalette="brand">
            <RouterLink to={notePath(appointment)}>Start note</RouterLink>
          </Button>
          {allowed.includes('complete') ? (
            <Button
              size="sm"
              variant="outline"
              loading={actions.pending}
              onClick={() =>
                void run(
                  () => actions.complete(appointment.id),
                  () => navigate(notePath(appointment)),
                )
              }
            >
              Complete
            </Button>
          ) : null}
        </>
      );
      break;
    case 'COMPLETED':
      nextStep = visit.noteWritten ? (
        <Text fontSize="sm" color="fg.muted">
          Note written
        </Text>
      ) : (
        <Button asChild size="sm" variant="outline">
          <RouterLink to={notePath(appointment)}>Write note</RouterLink>
        </Button>
      );
      break;
    case 'NO_SHOW':
    case 'CANCELLED':
      break;
  }

  return (
    <Box
      as="li"
      aria-label={`${timeLabel(appointment.startsAt)} ${name}`}
      aria-current={isNext ? 'step' : undefined}
      borderWidth={isNext ? '2px' : '1px'}
      borderColor={isNext ? 'brand.solid' : appointment.status === 'REQUESTED' ? 'orange.solid' : 'border'}
      bg={appointment.status === 'REQUESTED' ? 'orange.subtle' : 'bg'}
      borderRadius="l3"
      p={{ base: '3', md: '4' }}
    >
      <Flex gap={{ base: '2', md: '4' }} direction={{ base: 'column', md: 'row' }} align={{ md: 'center' }}>
        <Text fontWeight="semibold" fontSize="lg" minW="14" fontVariantNumeric="tabular-nums">
          {timeLabel(appointment.startsAt)}
        </Text>
        <Stack gap="1" flex="1" minW="0">
          <HStack gap="2" wrap="wrap">
            <Link asChild fontWeight="semibold" color="fg">
              <RouterLink
                to={`/doctor/patients/${appointment.patient.id}?appointment=${encodeURIComponent(appointment.id)}`}
              >
                {name}
              </RouterLink>
            </Link>
            {age !== null ? (
              <Text as="span" color="fg.muted" fontSize="sm">
                {age} y
              </Text>
            ) : null}
            <AppointmentStatusBadge appointment={appointment} size="sm" />
            {isNext ? (
              <Badge colorPalette="brand" variant="solid" size="sm">
                Next
              </Badge>
            ) : null}
            <AppointmentTypeBadge type={appointment.type} size="sm" />
          </HStack>
          {appointment.reason ? (
            <Text fontSize="sm" color="fg.muted">
              {appointment.reason}
            </Text>
          ) : null}
          <Wrap gap="1" aria-label="Allergies">
            {allergies.length === 0 ? (
              <Text fontSize="sm" color="fg.muted">
                No known allergies
              </Text>
            ) : (
              allergies.map((allergy) => (
                <Badge key={allergy} colorPalette="red" variant="subtle" size="sm">
                  Allergy: {allergy}
                </Badge>
              ))
            )}
          </Wrap>
        </Stack>
        <HStack gap="2" flexShrink={0}>
          {nextStep}
        </HStack>
      </Flex>
      {problem ? (
        <Alert.Root status="error" role="alert" mt="3">
          <Alert.Indicator />
          <Alert.Description>{plainMessage(problem) || 'That did not work. Please try again.'}</Alert.Description>
        </Alert.Root>
      ) : null}
    </Box>
  );
}
