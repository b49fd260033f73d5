import { Alert, Field, Stack, Textarea } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import type { MovableAppointment } from './RescheduleDialog';

/**
 * Asks before cancelling an appointment, with a reason (optional for a patient, required at the
 * front desk: `reasonRequired`); shows why it failed.
 */
export function CancelAppointmentDialog({
  appointment,
  cancel,
  loading,
  reasonRequired = false,
  patientName,
  onClose,
}: {
  appointment: MovableAppointment | undefined;
  cancel: (id: string, reason: string) => Promise<unknown>;
  loading: boolean;
  reasonRequired?: boolean;
  /** Named in the question when someone else cancels for the patient. */
  patientName?: string;
  onClose: (done: boolean) => void;
}) {
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
    if (reasonRequired && reason.trim().length < 3) {
      setProblem('Give the reason the patient will be told.');
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
          ? `${patientName ? `${patientName}, ` : ''}${formatDateTime(appointment.startsAt, viewerTimeZone(), appointment.doctor.timezone)} with Dr ${appointment.doctor.lastName}. The time is released to other patients${patientName ? ' and the patient is told' : ''}.`
          : undefined
      }
      confirmLabel="Cancel appointment"
      cancelLabel="Keep it"
      pending={loading}
      onConfirm={() => void confirm()}
      onCancel={() => close(false)}
    >
      <Stack gap="3" mt="3">
        <Field.Root required={reasonRequired}>
          <Field.Label>{reasonRequired ? 'Reason for the patient' : 'Reason (optional)'}</Field.Label>
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
