import { Alert, Field, Textarea } from '@chakra-ui/react';
import { useState } from 'react';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';

export const MIN_REASON_LENGTH = 10;

/** Asks for the reason of an emergency access (at least 10 characters) before sending it. */
export function EmergencyAccessDialog({
  open,
  pending,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  pending: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<unknown>(null);

  const confirm = async () => {
    const trimmed = reason.trim();
    if (trimmed.length < MIN_REASON_LENGTH) {
      setError(`Describe the emergency in at least ${MIN_REASON_LENGTH} characters.`);
      return;
    }
    setError(null);
    setServerError(null);
    try {
      await onSubmit(trimmed);
      setReason('');
    } catch (caught) {
      setServerError(caught);
    }
  };

  return (
    <ConfirmDialog
      open={open}
      title="Emergency access"
      description="You will see this patient's chart for 60 minutes. The access and your reason are recorded and shown to the patient."
      confirmLabel="Open the chart"
      pending={pending}
      onConfirm={() => void confirm()}
      onCancel={() => {
        setError(null);
        setServerError(null);
        onCancel();
      }}
    >
      {serverError ? (
        <Alert.Root status="error" role="alert" mt="3">
          <Alert.Indicator />
          <Alert.Description>{plainMessage(serverError)}</Alert.Description>
        </Alert.Root>
      ) : null}
      <Field.Root mt="4" required invalid={Boolean(error)}>
        <Field.Label>Reason</Field.Label>
        <Textarea
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. Patient unconscious in A&E, need allergy history"
          maxLength={500}
        />
        <Field.ErrorText>{error}</Field.ErrorText>
      </Field.Root>
    </ConfirmDialog>
  );
}
