import {
  Alert,
  Box,
  Button,
  Dialog,
  Field,
  Flex,
  Heading,
  HStack,
  Portal,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import type { PatientAppointmentFieldsFragment } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { SlotPicker, useAvailableSlots } from './SlotPicker';
import { PRODUCT_NAME } from '../../shared/product';
import { downloadIcs } from './ics';
import { useCancelAppointment, useMyAppointments, useRescheduleAppointment } from './useMyAppointments';

type Appointment = PatientAppointmentFieldsFragment;

function AppointmentCard({
  appointment,
  onCancel,
  onReschedule,
}: {
  appointment: Appointment;
  onCancel?: () => void;
  onReschedule?: () => void;
}) {
  const { doctor } = appointment;
  const when = formatDateTime(appointment.startsAt, viewerTimeZone(), doctor.timezone);
  return (
    <Box
      as="li"
      listStyleType="none"
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p="4"
      aria-label={`${when} with Dr ${doctor.lastName}`}
    >
      <Flex gap="3" justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap="0.5" minW="0">
          <Text fontWeight="semibold">{when}</Text>
          <Text>
            Dr {doctor.firstName} {doctor.lastName} ·{' '}
            <Text as="span" color="fg.muted">
              {doctor.specialization}
            </Text>
          </Text>
          {appointment.reason ? (
            <Text fontSize="sm" color="fg.muted" lineClamp={2}>
              {appointment.reason}
            </Text>
          ) : null}
          {appointment.cancellationReason ? (
            <Text fontSize="sm" color="fg.muted">
              Cancelled: {appointment.cancellationReason}
            </Text>
          ) : null}
        </Stack>
        <AppointmentStatusBadge status={appointment.status} />
      </Flex>
      {onCancel || onReschedule ? (
        <HStack mt="3" gap="2" wrap="wrap">
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              downloadIcs(
                {
                  id: appointment.id,
                  startsAt: appointment.startsAt,
                  endsAt: appointment.endsAt,
                  doctorName: `Dr ${doctor.firstName} ${doctor.lastName}`,
                  specialization: doctor.specialization,
                },
                PRODUCT_NAME,
              )
            }
          >
            Add to calendar (.ics)
          </Button>
          {onReschedule ? (
            <Button size="sm" variant="outline" onClick={onReschedule}>
              Reschedule
            </Button>
          ) : null}
          {onCancel ? (
            <Button size="sm" variant="outline" colorPalette="red" onClick={onCancel}>
              Cancel appointment
            </Button>
          ) : null}
        </HStack>
      ) : null}
    </Box>
  );
}

function RescheduleDialog({ appointment, onClose }: { appointment: Appointment; onClose: (done: boolean) => void }) {
  const slots = useAvailableSlots(appointment.doctor.id);
  const [day, setDay] = useState<string>();
  const [slot, setSlot] = useState<string>();
  const [message, setMessage] = useState<string>();
  const { reschedule, loading } = useRescheduleAppointment();

  const submit = async () => {
    if (!slot) {
      setMessage('Choose a new day and time.');
      return;
    }
    try {
      await reschedule(appointment.id, slot);
      onClose(true);
    } catch (error) {
      setMessage(plainMessage(error));
      setSlot(undefined);
      void slots.refetch();
    }
  };

  return (
    <Dialog.Root
      open
      onOpenChange={(d) => !d.open && !loading && onClose(false)}
      size={{ mdDown: 'full', md: 'lg' }}
      scrollBehavior="inside"
    >
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>Reschedule with Dr {appointment.doctor.lastName}</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Stack gap="4">
                <Text color="fg.muted">
                  Now: {formatDateTime(appointment.startsAt, viewerTimeZone(), appointment.doctor.timezone)}
                </Text>
                <SlotPicker
                  doctorId={appointment.doctor.id}
                  doctorTimezone={appointment.doctor.timezone}
                  day={day}
                  onDayChange={(d) => {
                    setDay(d);
                    setSlot(undefined);
                  }}
                  slot={slot}
                  onSlotChange={setSlot}
                  slots={slots}
                  dayColumns={{ base: 2, sm: 4 }}
                />
                {message ? (
                  <Alert.Root status="error" borderRadius="l3">
                    <Alert.Indicator />
                    <Alert.Title>{message}</Alert.Title>
                  </Alert.Root>
                ) : null}
              </Stack>
            </Dialog.Body>
            <Dialog.Footer>
              <Button variant="outline" onClick={() => onClose(false)} disabled={loading}>
                Keep current time
              </Button>
              <Button colorPalette="brand" onClick={() => void submit()} loading={loading} disabled={!slot}>
                Move appointment
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

/** `/patient`: upcoming and past appointments, live. */
export function AppointmentsPage() {
  const { user } = useAuth();
  const location = useLocation();
  const justBooked = (location.state as { booked?: boolean } | null)?.booked === true;
  const { upcoming, past, loading, error, refetch } = useMyAppointments(user?.patient?.id);
  const { cancel, loading: cancelling } = useCancelAppointment();
  const [toCancel, setToCancel] = useState<Appointment>();
  const [cancelReason, setCancelReason] = useState('');
  const [cancelError, setCancelError] = useState<string>();
  const [toMove, setToMove] = useState<Appointment>();
  const [notice, setNotice] = useState<string | undefined>(
    justBooked ? 'Your appointment is requested. The doctor will confirm it.' : undefined,
  );

  const confirmCancel = async () => {
    if (!toCancel) {
      return;
    }
    try {
      await cancel(toCancel.id, cancelReason.trim());
      setToCancel(undefined);
      setNotice('Your appointment is cancelled.');
    } catch (error) {
      setCancelError(plainMessage(error));
    }
  };

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
                {upcoming.map((a) => {
                  const changeable = a.status === 'REQUESTED' || a.status === 'CONFIRMED';
                  return (
                    <AppointmentCard
                      key={a.id}
                      appointment={a}
                      onCancel={
                        changeable
                          ? () => {
                              setCancelReason('');
                              setCancelError(undefined);
                              setToCancel(a);
                            }
                          : undefined
                      }
                      onReschedule={changeable ? () => setToMove(a) : undefined}
                    />
                  );
                })}
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
          </Stack>
        </>
      )}
      <ConfirmDialog
        open={Boolean(toCancel)}
        title="Cancel this appointment?"
        description={
          toCancel
            ? `${formatDateTime(toCancel.startsAt, viewerTimeZone(), toCancel.doctor.timezone)} with Dr ${toCancel.doctor.lastName}. The time is released to other patients.`
            : undefined
        }
        confirmLabel="Cancel appointment"
        cancelLabel="Keep it"
        pending={cancelling}
        onConfirm={() => void confirmCancel()}
        onCancel={() => setToCancel(undefined)}
      >
        <Stack gap="3" mt="3">
          <Field.Root>
            <Field.Label>Reason (optional)</Field.Label>
            <Textarea value={cancelReason} maxLength={500} rows={2} onChange={(e) => setCancelReason(e.target.value)} />
          </Field.Root>
          {cancelError ? (
            <Alert.Root status="error" borderRadius="l3">
              <Alert.Indicator />
              <Alert.Title>{cancelError}</Alert.Title>
            </Alert.Root>
          ) : null}
        </Stack>
      </ConfirmDialog>
      {toMove ? (
        <RescheduleDialog
          appointment={toMove}
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
