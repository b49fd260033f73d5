import { Alert, Box, Button, Flex, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useState, type ComponentProps } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { CancelAppointmentDialog } from '../booking/CancelAppointmentDialog';
import { RescheduleDialog } from '../booking/RescheduleDialog';
import { fullName } from '../admin/ui';
import { DoctorName, doctorName } from '../doctors/DoctorName';
import {
  isChangeableAtDesk,
  useFrontDeskActions,
  usePatientAppointments,
  usePatientBusyTimes,
  type FrontDeskAppointment,
} from './useFrontDesk';
import { AppointmentTypeBadge } from '../../shared/appointment-type';

/** Past appointments shown at first, and how many more each "Show more" adds. */
const PAST_SHOWN = 10;
const PAST_STEP = 20;

/** The front desk's actions on an appointment: move it or cancel it for the patient. */
export function useAppointmentChanges(patientName?: (appointment: FrontDeskAppointment) => string) {
  const actions = useFrontDeskActions();
  const [toMove, setToMove] = useState<FrontDeskAppointment>();
  const [toCancel, setToCancel] = useState<FrontDeskAppointment>();
  const [notice, setNotice] = useState<string>();
  const dialogs = (
    <>
      <CancelAppointmentDialog
        appointment={toCancel}
        cancel={actions.cancel}
        loading={actions.cancelling}
        reasonRequired
        patientName={toCancel ? patientName?.(toCancel) : undefined}
        onClose={(done) => {
          setToCancel(undefined);
          if (done) {
            setNotice('The appointment is cancelled and the patient is told.');
          }
        }}
      />
      {toMove ? (
        <FrontDeskRescheduleDialog
          appointment={toMove}
          reschedule={actions.reschedule}
          loading={actions.moving}
          onClose={(done) => {
            setToMove(undefined);
            if (done) {
              setNotice('The appointment has been moved and the patient is told.');
            }
          }}
        />
      ) : null}
    </>
  );
  const noticeBox = notice ? (
    <Alert.Root status="success" role="status" borderRadius="l3">
      <Alert.Indicator />
      <Alert.Title>{notice}</Alert.Title>
    </Alert.Root>
  ) : null;
  return {
    move: (appointment: FrontDeskAppointment) => {
      setNotice(undefined);
      setToMove(appointment);
    },
    cancel: (appointment: FrontDeskAppointment) => {
      setNotice(undefined);
      setToCancel(appointment);
    },
    dialogs,
    notice: noticeBox,
  };
}

/** The reschedule dialog for a patient at the desk: the patient's other booked times are not offered. */
function FrontDeskRescheduleDialog(
  props: Omit<ComponentProps<typeof RescheduleDialog>, 'busy' | 'appointment'> & {
    appointment: FrontDeskAppointment;
  },
) {
  const busy = usePatientBusyTimes(props.appointment.patient.id);
  return <RescheduleDialog {...props} busy={busy} />;
}

/** "Reschedule" and "Cancel" for one appointment, labelled with its time, patient and doctor for screen readers. */
export function AppointmentChangeButtons({
  appointment,
  changes,
}: {
  appointment: FrontDeskAppointment;
  changes: Pick<ReturnType<typeof useAppointmentChanges>, 'move' | 'cancel'>;
}) {
  if (!isChangeableAtDesk(appointment)) {
    return null;
  }
  // Whose and with whom too: at the front desk's list of all appointments, times repeat.
  const which = `${formatDateTime(appointment.startsAt, viewerTimeZone(), appointment.doctor.timezone)}: ${fullName(
    appointment.patient,
  )} with ${doctorName(appointment.doctor)}`;
  return (
    <HStack gap="2">
      <Button size="xs" variant="outline" onClick={() => changes.move(appointment)} aria-label={`Reschedule ${which}`}>
        Reschedule
      </Button>
      <Button
        size="xs"
        variant="outline"
        colorPalette="red"
        onClick={() => changes.cancel(appointment)}
        aria-label={`Cancel ${which}`}
      >
        Cancel
      </Button>
    </HStack>
  );
}

/**
 * The patient's appointments on the admin's patient page: upcoming ones changeable, then the past.
 * Each list has one "more" control: the past shows a few at first, then more of those loaded, then
 * the next page; the upcoming list has one only when more than a page of them is still to come.
 */
export function PatientAppointments({ patientId, patientName }: { patientId: string; patientName: string }) {
  const appointments = usePatientAppointments(patientId);
  const { upcoming, past, upcomingComplete, total, hasNextPage, more, loading, error, refetch } = appointments;
  const changes = useAppointmentChanges(() => patientName);
  const [pastShown, setPastShown] = useState(PAST_SHOWN);
  const shownPast = past.slice(0, pastShown);
  const hiddenPast = past.length - shownPast.length;

  return (
    <Stack as="section" aria-labelledby="patient-appointments" gap="3">
      <Flex gap="3" align="center" justify="space-between" wrap="wrap">
        <Heading as="h2" size="lg" id="patient-appointments">
          Appointments
        </Heading>
        <Button asChild size="sm" colorPalette="brand">
          <RouterLink to={`/admin/appointments/new?patientId=${encodeURIComponent(patientId)}`}>
            Book appointment
          </RouterLink>
        </Button>
      </Flex>
      {changes.notice}
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading ? (
        <LoadingList rows={2} label="Loading appointments…" />
      ) : (
        <>
          <Stack gap="2" as="section" aria-label="Upcoming appointments">
            <Text fontWeight="semibold">Upcoming</Text>
            {upcoming.length === 0 ? (
              <EmptyState title="No upcoming appointments" />
            ) : (
              <AppointmentList appointments={upcoming} changes={changes} />
            )}
            {upcomingComplete ? null : (
              <LoadMore count={upcoming.length} noun="upcoming appointment" hasNextPage more={more} />
            )}
          </Stack>
          <Stack gap="2" as="section" aria-label="Past appointments">
            <Text fontWeight="semibold">Past and cancelled</Text>
            {past.length === 0 ? <Text color="fg.muted">None yet.</Text> : <AppointmentList appointments={shownPast} />}
            {upcomingComplete && shownPast.length > 0 ? (
              <LoadMore
                count={shownPast.length}
                total={total - upcoming.length}
                noun="past or cancelled appointment"
                hasNextPage={hiddenPast > 0 || hasNextPage}
                more={more}
                label="Show more"
                onLoadMore={() => {
                  setPastShown((shown) => shown + PAST_STEP);
                  if (hiddenPast <= PAST_STEP && hasNextPage) {
                    void more.loadMore();
                  }
                }}
              />
            ) : null}
          </Stack>
        </>
      )}
      {changes.dialogs}
    </Stack>
  );
}

function AppointmentList({
  appointments,
  changes,
}: {
  appointments: readonly FrontDeskAppointment[];
  changes?: ReturnType<typeof useAppointmentChanges>;
}) {
  const zone = viewerTimeZone();
  return (
    <Stack as="ul" listStyleType="none" gap="2">
      {appointments.map((appointment) => {
        const when = formatDateTime(appointment.startsAt, zone, appointment.doctor.timezone);
        return (
          <Box as="li" key={appointment.id} aria-label={when} borderWidth="1px" borderRadius="l2" p="3" bg="bg">
            <Flex gap="3" justify="space-between" align={{ base: 'flex-start', sm: 'center' }} wrap="wrap">
              <Stack gap="0.5" minW="0">
                <Text fontWeight="medium">{when}</Text>
                <Text fontSize="sm">
                  <DoctorName doctor={appointment.doctor} />
                  <Text as="span" color="fg.muted">
                    {' '}
                    · {appointment.doctor.specialization}
                  </Text>
                </Text>
                {appointment.cancellationReason ? (
                  <Text fontSize="sm" color="fg.muted">
                    Cancelled: {appointment.cancellationReason}
                  </Text>
                ) : null}
              </Stack>
              <HStack gap="2" wrap="wrap">
                <AppointmentTypeBadge type={appointment.type} size="sm" />
                <AppointmentStatusBadge appointment={appointment} size="sm" />
                {changes ? <AppointmentChangeButtons appointment={appointment} changes={changes} /> : null}
              </HStack>
            </Flex>
          </Box>
        );
      })}
    </Stack>
  );
}
