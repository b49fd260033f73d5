import { Alert, Field, Stack, Textarea } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import type { PatientAppointment } from './AppointmentCard';
import { useCancelAppointment } from './useMyAppointments';

/** Asks before cancelling an appointment, with an optional reason; shows why it failed. */
export function CancelAppointmentDialog({
  appointment,
  onClose,
}: {
  appointment: PatientAppointment | undefined;
  onClose: (done: boolean) => void;
}) {
  const { cancel, loading } = useCancelAppointment();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();

  const close = (done: boolean) => {
    setReason('');
    setProblem(undefined);
    onClose(done);
  };
  const confirm = async () => {
    if (!appointment) {
      return;
    }
    try {
      await cancel(appointment.id, reason.trim());
      close(true);
    } catch (error) {
      setProblem(plainMessage(error));
    }
  };

  return (
    <ConfirmDialog
      open={Boolean(appointment)}
      title="Cancel this appointment?"
      description={
        appointment
          ? `${formatDateTime(appointment.startsAt, viewerTimeZone(), appointment.doctor.timezone)} with Dr ${appointment.doctor.lastName}. The time is released to other patients.`
          : undefined
      }
      confirmLabel="Cancel appointment"
      cancelLabel="Keep it"
      pending={loading}
      onConfirm={() => void confirm()}
      onCancel={() => close(false)}
    >
      <Stack gap="3" mt="3">
        <Field.Root>
          <Field.Label>Reason (optional)</Field.Label>
          <Textarea value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
        </Field.Root>
        {problem ? (
          <Alert.Root status="error" borderRadius="l3">
            <Alert.Indicator />
            <Alert.Title>{problem}</Alert.Title>
          </Alert.Root>
        ) : null}
      </Stack>
    </ConfirmDialog>
  );
}
