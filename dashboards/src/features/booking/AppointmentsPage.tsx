import { Alert, Button, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useAuth } from '../auth/AuthProvider';
import { AppointmentCard, isChangeable, type PatientAppointment } from './AppointmentCard';
import { CancelAppointmentDialog } from './CancelAppointmentDialog';
import { RescheduleDialog } from './RescheduleDialog';
import { useCancelAppointment, useMyAppointments, useRescheduleAppointment } from './useMyAppointments';
import { MyWaitlist } from '../waitlist/MyWaitlist';
import { holdsTheTime } from '../appointments/appointment-status';

/** `/patient`: upcoming and past appointments, live. */
export function AppointmentsPage() {
  const { user } = useAuth();
  const location = useLocation();
  const justBooked = (location.state as { booked?: boolean } | null)?.booked === true;
  const appointments = useMyAppointments(user?.patient?.id);
  const { upcoming, past, loading, error, refetch } = appointments;
  // Made once per list, not per render: the reschedule dialog's free times are derived from it.
  const busy = useMemo(() => upcoming.filter((appointment) => holdsTheTime(appointment.status)), [upcoming]);
  const cancelling = useCancelAppointment();
  const moving = useRescheduleAppointment();
  const [toCancel, setToCancel] = useState<PatientAppointment>();
  const [toMove, setToMove] = useState<PatientAppointment>();
  const [notice, setNotice] = useState<string | undefined>(
    justBooked ? 'Your appointment is requested. The doctor will confirm it.' : undefined,
  );

  return (
    <Stack gap="8">
      <Flex justify="space-between" align="center" gap="3" wrap="wrap">
        <Stack gap="1">
          <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
            Patient portal
          </Heading>
          <Text color="fg.muted">
            {user?.patient ? `Hello ${user.patient.firstName}. ` : ''}Your appointments update here as the clinic
            confirms them.
          </Text>
        </Stack>
        <Button asChild colorPalette="brand">
          <RouterLink to="/patient/book">Book an appointment</RouterLink>
        </Button>
      </Flex>
      {notice ? (
        <Alert.Root status="success" borderRadius="l3" role="status">
          <Alert.Indicator />
          <Alert.Title>{notice}</Alert.Title>
        </Alert.Root>
      ) : null}
      <MyWaitlist />
      {loading ? (
        <LoadingList label="Loading appointments…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Stack as="section" gap="3" aria-labelledby="upcoming-heading">
            <Heading as="h2" size="lg" id="upcoming-heading">
              Upcoming
            </Heading>
            {upcoming.length === 0 ? (
              <EmptyState
                title="No upcoming appointments"
                description="Book a visit with one of our doctors."
                action={
                  <Button asChild size="sm" variant="outline">
                    <RouterLink to="/patient/book">Book an appointment</RouterLink>
                  </Button>
                }
              />
            ) : (
              <Stack as="ul" gap="3" p="0" m="0">
                {upcoming.map((a) => (
                  <AppointmentCard
                    key={a.id}
                    appointment={a}
                    onCancel={isChangeable(a) ? () => setToCancel(a) : undefined}
                    onReschedule={isChangeable(a) ? () => setToMove(a) : undefined}
                  />
                ))}
              </Stack>
            )}
          </Stack>
          <Stack as="section" gap="3" aria-labelledby="past-heading">
            <Heading as="h2" size="lg" id="past-heading">
              Past and cancelled
            </Heading>
            {past.length === 0 ? (
              <EmptyState title="Nothing here yet" description="Your earlier visits will be listed here." />
            ) : (
              <Stack as="ul" gap="3" p="0" m="0">
                {past.map((a) => (
                  <AppointmentCard key={a.id} appointment={a} />
                ))}
              </Stack>
            )}
            {appointments.count > 0 ? (
              <LoadMore
                count={appointments.count}
                total={appointments.totalCount}
                noun="appointment"
                hasNextPage={appointments.hasNextPage}
                more={appointments}
              />
            ) : null}
          </Stack>
        </>
      )}
      <CancelAppointmentDialog
        appointment={toCancel}
        cancel={cancelling.cancel}
        loading={cancelling.loading}
        onClose={(done) => {
          setToCancel(undefined);
          if (done) {
            setNotice('Your appointment is cancelled.');
          }
        }}
      />
      {toMove ? (
        <RescheduleDialog
          appointment={toMove}
          busy={busy}
          reschedule={moving.reschedule}
          loading={moving.loading}
          onClose={(done) => {
            setToMove(undefined);
            if (done) {
              setNotice('Your appointment has been moved.');
            }
          }}
        />
      ) : null}
    </Stack>
  );
}
