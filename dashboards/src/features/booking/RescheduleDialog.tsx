import { Alert, Button, Dialog, Portal, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { SlotPicker, useAvailableSlots, type BusyTime, type BusyTimes } from './SlotPicker';

const NONE: readonly (BusyTime & { readonly id: string })[] = [];

/** What moving an appointment needs to know of it. */
export interface MovableAppointment {
  readonly id: string;
  readonly startsAt: string;
  readonly doctor: { readonly id: string; readonly lastName: string; readonly timezone: string };
}

/**
 * Picks a new free slot with the same doctor and moves the appointment there, with the caller's
 * mutation (the patient's own, or the front desk's for a patient).
 */
export function RescheduleDialog({
  appointment,
  reschedule,
  loading,
  onClose,
  busy = NONE,
}: {
  appointment: MovableAppointment;
  /** The patient's appointments that hold their time: the others' times are not offered. */
  busy?: BusyTimes<BusyTime & { readonly id: string }>;
  reschedule: (id: string, startsAt: string) => Promise<unknown>;
  loading: boolean;
  onClose: (done: boolean) => void;
}) {
  // The appointment moved frees its own time: only the patient's other visits are in the way.
  const others = useMemo(
    () => (busy === 'loading' ? busy : busy.filter((other) => other.id !== appointment.id)),
    [busy, appointment.id],
  );
  const slots = useAvailableSlots(appointment.doctor.id, others);
  const [day, setDay] = useState<string>();
  const [slot, setSlot] = useState<string>();
  const [message, setMessage] = useState<string>();

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
