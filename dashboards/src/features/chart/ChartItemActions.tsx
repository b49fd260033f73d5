import { useMutation } from '@apollo/client/react';
import { Alert, Button, Field, Textarea } from '@chakra-ui/react';
import { useState, type ReactNode } from 'react';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import { AmendRecordNotesMutation, DiscontinuePrescriptionMutation, PatientChartQuery } from './operations';

const REASON_MIN = 3;

/** The chart query to refresh after a change of one of its items. */
function refreshChart(patientId: string) {
  return { refetchQueries: [{ query: PatientChartQuery, variables: { id: patientId } }], awaitRefetchQueries: true };
}

/**
 * A chart item's change that needs a reason: a small button opening a dialog with the reason
 * (required, kept with the item), optional extra fields, and the API's answer when it refuses.
 */
function ReasonedChange({
  trigger,
  destructive,
  title,
  description,
  confirmLabel,
  reasonLabel,
  reasonMissing,
  pending,
  error,
  onOpen,
  onReset,
  onSubmit,
  children,
}: {
  /** `describedBy`: the ids of what says which item it changes (every item has the same buttons). */
  trigger: { label: string; colorPalette?: string; describedBy?: string | undefined };
  destructive: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  reasonLabel: string;
  reasonMissing: string;
  pending: boolean;
  error: unknown;
  onOpen?: () => void;
  onReset: () => void;
  /** Sends the change; resolves when done (the dialog closes), rejects when refused (it stays). */
  onSubmit: (reason: string) => Promise<unknown>;
  /** Extra fields above the reason, e.g. the amended notes; `fields` are the API's field errors. */
  children?: (fields: Record<string, string>) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const server = fieldErrors(error);
  const close = () => {
    setOpen(false);
    setReason('');
    setProblem(undefined);
    onReset();
  };
  // A field error shows at its field; anything else above the form.
  const fieldsShown = children ? Object.keys(server).length > 0 : Boolean(server.reason);
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        colorPalette={trigger.colorPalette}
        aria-describedby={trigger.describedBy}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {trigger.label}
      </Button>
      <ConfirmDialog
        open={open}
        destructive={destructive}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        pending={pending}
        onCancel={close}
        onConfirm={() => {
          if (reason.trim().length < REASON_MIN) {
            setProblem(reasonMissing);
            return;
          }
          void onSubmit(reason.trim())
            .then(close)
            .catch(() => undefined);
        }}
      >
        {error && !fieldsShown ? (
          <Alert.Root status="error" role="alert" mt="3">
            <Alert.Indicator />
            <Alert.Description>{plainMessage(error)}</Alert.Description>
          </Alert.Root>
        ) : null}
        {children?.(server)}
        <Field.Root mt={children ? '3' : '4'} required invalid={Boolean(problem ?? server.reason)}>
          <Field.Label>{reasonLabel}</Field.Label>
          <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <Field.ErrorText>{problem ?? server.reason}</Field.ErrorText>
        </Field.Root>
      </ConfirmDialog>
    </>
  );
}

/** "Discontinue" on an active prescription: asks why (the reason stays on the prescription). */
export function DiscontinuePrescriptionButton({
  prescriptionId,
  patientId,
  describedBy,
}: {
  prescriptionId: string;
  patientId: string;
  describedBy?: string;
}) {
  const [discontinue, { loading, error, reset }] = useMutation(
    DiscontinuePrescriptionMutation,
    refreshChart(patientId),
  );
  return (
    <ReasonedChange
      trigger={{ label: 'Discontinue', colorPalette: 'red', describedBy }}
      destructive
      title="Discontinue this prescription?"
      description="The patient and pharmacist will see it as discontinued. The reason is kept with the prescription."
      confirmLabel="Discontinue"
      reasonLabel="Reason for stopping"
      reasonMissing="Say why, in a few words."
      pending={loading}
      error={error}
      onReset={reset}
      onSubmit={(reason) => discontinue({ variables: { id: prescriptionId, reason } })}
    />
  );
}

/** "Amend" a record's notes: a new version with a reason; earlier versions stay readable. */
export function AmendRecordButton({
  recordId,
  patientId,
  notes,
  describedBy,
}: {
  recordId: string;
  patientId: string;
  notes: string | null | undefined;
  describedBy?: string;
}) {
  const [draft, setDraft] = useState(notes ?? '');
  const [amend, { loading, error, reset }] = useMutation(AmendRecordNotesMutation, refreshChart(patientId));
  return (
    <ReasonedChange
      trigger={{ label: 'Amend', describedBy }}
      destructive={false}
      title="Amend this record"
      description="The record gets a new version; the earlier one stays readable. Say why you amend it."
      confirmLabel="Save amendment"
      reasonLabel="Reason for the amendment"
      reasonMissing="Say why you amend the record."
      pending={loading}
      error={error}
      onOpen={() => setDraft(notes ?? '')}
      onReset={reset}
      onSubmit={(reason) => amend({ variables: { id: recordId, notes: draft.trim() || null, reason } })}
    >
      {(server) => (
        <Field.Root mt="4" invalid={Boolean(server.notes ?? server.input)}>
          <Field.Label>Notes</Field.Label>
          <Textarea rows={5} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Field.ErrorText>{server.notes ?? server.input}</Field.ErrorText>
        </Field.Root>
      )}
    </ReasonedChange>
  );
}
