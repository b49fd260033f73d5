import { Alert, Button, Wrap } from '@chakra-ui/react';
import { useState } from 'react';
import type { RepeatToIssue } from '../prescriptions/RepeatRequests';
import type { ItemDraft } from '../prescriptions/PrescriptionItemLine';
import { HistoryForm } from './HistoryForm';
import { PrescriptionForm, type VisitOption } from './PrescriptionForm';
import { RecordForm } from './RecordForm';

type ChartForm = 'record' | 'prescription' | 'history';

/**
 * "Write record", "Issue prescription" and "Allergies and conditions": one form open at a time,
 * and what was saved.
 */
export function ChartActions({
  patientId,
  history,
  visits,
  defaultAppointmentId,
  initialForm = null,
  initialItems,
  repeatOf,
  repeatRequest,
}: {
  patientId: string;
  /** The patient's allergies and long-term conditions now (the history form starts from them). */
  history: { readonly allergies: readonly string[]; readonly chronicConditions: readonly string[] };
  visits: VisitOption[];
  defaultAppointmentId?: string | undefined;
  /** Open a form at once (completing a visit leads to its note). */
  initialForm?: 'record' | 'prescription' | null;
  /** The prescription form's medications to start from (a repeat of an earlier prescription). */
  initialItems?: readonly ItemDraft[] | undefined;
  /** The prescription those medications repeat (the chart's Repeat): sent with the new one. */
  repeatOf?: string | undefined;
  /** The patient's repeat request the prescription form answers, if it was opened from one. */
  repeatRequest?: RepeatToIssue | undefined;
}) {
  const [form, setForm] = useState<ChartForm | null>(initialForm);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = (which: ChartForm) => {
    setSaved(null);
    setForm(form === which ? null : which);
  };
  const finish = (message: string) => {
    setForm(null);
    setSaved(message);
  };
  return (
    <>
      {saved ? (
        <Alert.Root status="success" borderRadius="l3" role="status">
          <Alert.Indicator />
          <Alert.Title>{saved}</Alert.Title>
        </Alert.Root>
      ) : null}

      <Wrap gap="3">
        <Button colorPalette="brand" aria-pressed={form === 'record'} onClick={() => toggle('record')}>
          Write record
        </Button>
        <Button
          colorPalette="brand"
          variant="outline"
          aria-pressed={form === 'prescription'}
          onClick={() => toggle('prescription')}
        >
          Issue prescription
        </Button>
        <Button variant="outline" aria-pressed={form === 'history'} onClick={() => toggle('history')}>
          Allergies and conditions
        </Button>
      </Wrap>

      {form === 'history' ? (
        <HistoryForm
          patientId={patientId}
          allergies={history.allergies}
          chronicConditions={history.chronicConditions}
          onDone={() => finish('The allergies and conditions were saved.')}
          onCancel={() => setForm(null)}
        />
      ) : null}

      {form === 'record' ? (
        <RecordForm
          patientId={patientId}
          visits={visits}
          defaultAppointmentId={defaultAppointmentId}
          onDone={() => finish('The record was saved.')}
          onCancel={() => setForm(null)}
        />
      ) : null}
      {form === 'prescription' ? (
        <PrescriptionForm
          patientId={patientId}
          visits={visits}
          defaultAppointmentId={defaultAppointmentId}
          initialItems={initialItems}
          repeatOf={repeatOf}
          repeatRequest={repeatRequest}
          onCancel={() => setForm(null)}
          onDone={() =>
            finish(
              repeatRequest
                ? 'The repeat prescription was issued; the patient is told.'
                : 'The prescription was issued.',
            )
          }
        />
      ) : null}
    </>
  );
}
