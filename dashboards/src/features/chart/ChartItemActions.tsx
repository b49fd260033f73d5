import { useMutation } from '@apollo/client/react';
import { Alert, Button, Field, Textarea } from '@chakra-ui/react';
import { useState } from 'react';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import { AmendRecordNotesMutation, DiscontinuePrescriptionMutation, PatientChartQuery } from './operations';

const REASON_MIN = 3;

/** "Discontinue" on an active prescription: asks why (the reason stays on the prescription). */
export function DiscontinuePrescriptionButton({
  prescriptionId,
  patientId,
}: {
  prescriptionId: string;
  patientId: string;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [discontinue, { loading, error, reset }] = useMutation(DiscontinuePrescriptionMutation, {
    refetchQueries: [{ query: PatientChartQuery, variables: { id: patientId } }],
    awaitRefetchQueries: true,
  });
  const close = () => {
    setOpen(false);
    setReason('');
    setProblem(undefined);
    reset();
  };
  return (
    <>
      <Button size="xs" variant="outline" colorPalette="red" onClick={() => setOpen(true)}>
        Discontinue
      </Button>
      <ConfirmDialog
        open={open}
        title="Discontinue this prescription?"
        description="The patient and pharmacist will see it as discontinued. The reason is kept with the prescription."
        confirmLabel="Discontinue"
        pending={loading}
        onCancel={close}
        onConfirm={() => {
          if (reason.trim().length < REASON_MIN) {
            setProblem('Say why, in a few words.');
            return;
          }
          void discontinue({ variables: { id: prescriptionId, reason: reason.trim() } })
            .then(close)
            .catch(() => undefined);
        }}
      >
        {error ? (
          <Alert.Root status="error" role="alert" mt="3">
            <Alert.Indicator />
            <Alert.Description>{plainMessage(error)}</Alert.Description>
          </Alert.Root>
        ) : null}
        <Field.Root mt="4" required invalid={Boolean(problem ?? fieldErrors(error).reason)}>
          <Field.Label>Reason for stopping</Field.Label>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <Field.ErrorText>{problem ?? fieldErrors(error).reason}</Field.ErrorText>
        </Field.Root>
      </ConfirmDialog>
    </>
  );
}

/** "Amend" a record's notes: a new version with a reason; earlier versions stay readable. */
export function AmendRecordButton({
  recordId,
  patientId,
  notes,
}: {
  recordId: string;
  patientId: string;
  notes: string | null | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(notes ?? '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [amend, { loading, error, reset }] = useMutation(AmendRecordNotesMutation, {
    refetchQueries: [{ query: PatientChartQuery, variables: { id: patientId } }],
    awaitRefetchQueries: true,
  });
  const close = () => {
    setOpen(false);
    setReason('');
    setProblem(undefined);
    reset();
  };
  const server = fieldErrors(error);
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        onClick={() => {
          setDraft(notes ?? '');
          setOpen(true);
        }}
      >
        Amend
      </Button>
      <ConfirmDialog
        open={open}
        destructive={false}
        title="Amend this record"
        description="The record gets a new version; the earlier one stays readable. Say why you amend it."
        confirmLabel="Save amendment"
        pending={loading}
        onCancel={close}
        onConfirm={() => {
          if (reason.trim().length < REASON_MIN) {
            setProblem('Say why you amend the record.');
            return;
          }
          void amend({ variables: { id: recordId, notes: draft.trim() || null, reason: reason.trim() } })
            .then(close)
            .catch(() => undefined);
        }}
      >
        {error && Object.keys(server).length === 0 ? (
          <Alert.Root status="error" role="alert" mt="3">
            <Alert.Indicator />
            <Alert.Description>{plainMessage(error)}</Alert.Description>
          </Alert.Root>
        ) : null}
        <Field.Root mt="4" invalid={Boolean(server.notes ?? server.input)}>
          <Field.Label>Notes</Field.Label>
          <Textarea rows={5} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Field.ErrorText>{server.notes ?? server.input}</Field.ErrorText>
        </Field.Root>
        <Field.Root mt="3" required invalid={Boolean(problem ?? server.reason)}>
          <Field.Label>Reason for the amendment</Field.Label>
          <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Field.ErrorText>{problem ?? server.reason}</Field.ErrorText>
        </Field.Root>
      </ConfirmDialog>
    </>
  );
}
