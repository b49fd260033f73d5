import { useMutation } from '@apollo/client/react';
import { Field, Textarea } from '@chakra-ui/react';
import { useState } from 'react';
import { ReasonedChange } from '../../shared/ui/ReasonedChange';
import { AmendRecordNotesMutation, DiscontinuePrescriptionMutation, PatientChartQuery } from './operations';

/** The chart query to refresh after a change of one of its items. */
function refreshChart(patientId: string) {
  return { refetchQueries: [{ query: PatientChartQuery, variables: { id: patientId } }], awaitRefetchQueries: true };
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
