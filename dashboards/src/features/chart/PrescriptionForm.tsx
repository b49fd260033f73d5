import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  Heading,
  HStack,
  Input,
  List,
  NativeSelect,
  SimpleGrid,
  Textarea,
} from '@chakra-ui/react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { fieldErrors } from '../../shared/graphql-errors';
import { FormCard } from '../../shared/ui/FormCard';
import { IssuePrescriptionMutation, PatientChartQuery } from './operations';
import type { RepeatToIssue } from '../prescriptions/RepeatRequests';
import type { ItemDraft } from '../prescriptions/PrescriptionItemLine';
import { RepeatRequestCountQuery } from '../prescriptions/operations';
import { focusFirstInvalid } from '../../shared/ui';
import { describeConflict, OVERRIDE_REASON_MIN, safetyConflicts, type SafetyConflict } from './prescription-safety';

export interface VisitOption {
  readonly id: string;
  readonly label: string;
}

const emptyItem = (): ItemDraft => ({ medication: '', dosage: '', frequency: '', durationDays: '', instructions: '' });

function validateItems(items: ItemDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  items.forEach((item, index) => {
    if (!item.medication.trim()) {
      errors[`medication.${index}`] = 'Enter the medication.';
    }
    if (!item.dosage.trim()) {
      errors[`dosage.${index}`] = 'Enter the dosage, e.g. 500 mg.';
    }
    if (!item.frequency.trim()) {
      errors[`frequency.${index}`] = 'Enter how often, e.g. twice daily.';
    }
    const days = Number(item.durationDays);
    if (!item.durationDays.trim() || !Number.isInteger(days) || days < 1 || days > 3650) {
      errors[`durationDays.${index}`] = 'Enter a whole number of days from 1 to 3650.';
    }
  });
  return errors;
}

/** "Issue prescription": one or more medications, validated before sending. */
export function PrescriptionForm({
  patientId,
  visits,
  defaultAppointmentId,
  initialItems,
  repeatOf,
  repeatRequest,
  onDone,
  onCancel,
}: {
  patientId: string;
  visits: VisitOption[];
  defaultAppointmentId?: string;
  /** The medications to start from (a repeat); the form takes the focus to its first. */
  initialItems?: readonly ItemDraft[] | undefined;
  /**
   * The prescription being repeated (the chart's Repeat): the API does not count its course as a
   * duplicate therapy of this one and links each medicine to it.
   */
  repeatOf?: string | undefined;
  /** The patient's repeat request this prescription answers: sent with it, and its note shown. */
  repeatRequest?: RepeatToIssue | undefined;
  onDone: () => void;
  /** Closed without saving. */
  onCancel: () => void;
}) {
  const [items, setItems] = useState<ItemDraft[]>(initialItems?.length ? [...initialItems] : [emptyItem()]);
  const [appointmentId, setAppointmentId] = useState(defaultAppointmentId ?? '');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  // What the API's allergy and duplicate-therapy checks found; the doctor may go on only with a reason.
  const [conflicts, setConflicts] = useState<SafetyConflict[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [issue, { loading }] = useMutation(IssuePrescriptionMutation, {
    refetchQueries: [
      { query: PatientChartQuery, variables: { id: patientId } },
      ...(repeatRequest ? [RepeatRequestCountQuery] : []),
    ],
    awaitRefetchQueries: true,
    // An answered request leaves the doctor's list (not read again: each row is a chart read).
    update(cache) {
      if (repeatRequest) {
        cache.evict({ id: cache.identify({ __typename: 'RepeatRequest', id: repeatRequest.requestId }) });
        cache.gc();
      }
    },
  });
  const server = fieldErrors(serverError);
  const errorFor = (name: string, index: number) =>
    errors[`${name}.${index}`] ?? (index === 0 ? server[name] : undefined);
  const setItem = (index: number, patch: Partial<ItemDraft>) => {
    setItems((current) => current.map((item, i) => (i === index ? { ...item, ...patch } : item)));
    // A changed medication is checked afresh.
    if ('medication' in patch) {
      setConflicts([]);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = validateItems(items);
    if (conflicts.length > 0 && overrideReason.trim().length < OVERRIDE_REASON_MIN) {
      found['overrideReason'] = `Say why you prescribe despite this, in at least ${OVERRIDE_REASON_MIN} characters.`;
    }
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    try {
      await issue({
        variables: {
          input: {
            patientId,
            appointmentId: appointmentId || null,
            notes: notes.trim() || null,
            allergyOverrideReason: conflicts.length > 0 ? overrideReason.trim() : null,
            repeatRequestId: repeatRequest?.requestId ?? null,
            repeatOfPrescriptionId: repeatOf ?? null,
            items: items.map((item) => ({
              medication: item.medication.trim(),
              dosage: item.dosage.trim(),
              frequency: item.frequency.trim(),
              durationDays: Number(item.durationDays),
              instructions: item.instructions.trim() || null,
            })),
          },
        },
      });
      onDone();
    } catch (caught) {
      const found = safetyConflicts(caught);
      if (found.length > 0) {
        setConflicts(found);
        setServerError(null);
      } else {
        setServerError(caught);
      }
      focusFirstInvalid(form);
    }
  };

  return (
    <FormCard
      title="Issue prescription"
      error={serverError}
      submitLabel={conflicts.length > 0 ? 'Prescribe anyway' : 'Issue prescription'}
      loading={loading}
      onSubmit={(e) => void submit(e)}
      onCancel={onCancel}
    >
      {repeatRequest ? (
        <Alert.Root status="info" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Answering the patient’s request for a repeat</Alert.Title>
            <Alert.Description>
              {repeatRequest.note ? `Their note: ${repeatRequest.note}` : 'They added no note.'} Change anything before
              issuing; the patient is told once it is issued.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : null}
      <Field.Root maxW={{ md: 'md' }} invalid={Boolean(server.appointmentId)}>
        <Field.Label>Visit</Field.Label>
        <NativeSelect.Root>
          <NativeSelect.Field value={appointmentId} onChange={(e) => setAppointmentId(e.target.value)}>
            <option value="">Not linked to a visit</option>
            {visits.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
        <Field.ErrorText>{server.appointmentId}</Field.ErrorText>
      </Field.Root>
      {items.map((item, index) => (
        <Box key={index} borderWidth="1px" borderRadius="l2" p="3">
          <Flex justify="space-between" align="center" mb="2">
            <Heading as="h3" size="sm">
              Medication {index + 1}
            </Heading>
            {items.length > 1 ? (
              <Button
                size="xs"
                variant="ghost"
                colorPalette="red"
                onClick={() => setItems(items.filter((_, i) => i !== index))}
                aria-label={`Remove medication ${index + 1}`}
              >
                Remove
              </Button>
            ) : null}
          </Flex>
          <SimpleGrid columns={{ base: 1, md: 2 }} gap="3">
            {(
              [
                ['medication', 'Medication', 'Amoxicillin'],
                ['dosage', 'Dosage', '500 mg'],
                ['frequency', 'Frequency', 'Three times daily'],
                ['durationDays', 'Duration (days)', '7'],
              ] as const
            ).map(([name, label, placeholder]) => (
              <Field.Root key={name} invalid={Boolean(errorFor(name, index))}>
                <Field.Label>{label}</Field.Label>
                <Input
                  // A repeat opens here, below the fold of a long chart: its first field takes the focus (and the view).
                  autoFocus={Boolean(initialItems?.length) && index === 0 && name === 'medication'}
                  value={item[name]}
                  inputMode={name === 'durationDays' ? 'numeric' : undefined}
                  placeholder={placeholder}
                  onChange={(e) => setItem(index, { [name]: e.target.value })}
                />
                <Field.ErrorText>{errorFor(name, index)}</Field.ErrorText>
              </Field.Root>
            ))}
          </SimpleGrid>
          <Field.Root mt="3" invalid={Boolean(errorFor('instructions', index))}>
            <Field.Label>Instructions</Field.Label>
            <Input
              value={item.instructions}
              placeholder="With food"
              onChange={(e) => setItem(index, { instructions: e.target.value })}
            />
            <Field.ErrorText>{errorFor('instructions', index)}</Field.ErrorText>
          </Field.Root>
        </Box>
      ))}
      <HStack>
        <Button size="sm" variant="outline" onClick={() => setItems([...items, emptyItem()])}>
          Add another medication
        </Button>
      </HStack>
      {conflicts.length > 0 ? (
        <Alert.Root status="warning" role="alert" variant="outline">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>
              {conflicts.some((c) => c.reason === 'ALLERGY_CONFLICT')
                ? 'Allergy warning: check before prescribing'
                : 'Duplicate therapy: check before prescribing'}
            </Alert.Title>
            <Alert.Description>
              <List.Root ps="4" mt="1">
                {conflicts.map((conflict, index) => (
                  <List.Item key={index}>{describeConflict(conflict)}</List.Item>
                ))}
              </List.Root>
              Change the medication, or give your reason below to prescribe anyway. The override is recorded.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : null}
      {conflicts.length > 0 ? (
        <Field.Root required invalid={Boolean(errors['overrideReason'] ?? server.allergyOverrideReason)}>
          <Field.Label>Reason for prescribing despite the warning</Field.Label>
          <Textarea
            rows={2}
            value={overrideReason}
            placeholder="e.g. Tolerated amoxicillin in 2024; allergist cleared"
            onChange={(e) => setOverrideReason(e.target.value)}
          />
          <Field.ErrorText>{errors['overrideReason'] ?? server.allergyOverrideReason}</Field.ErrorText>
        </Field.Root>
      ) : null}
      <Field.Root invalid={Boolean(server.notes)}>
        <Field.Label>Notes for the patient and pharmacist</Field.Label>
        <Textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <Field.ErrorText>{server.notes}</Field.ErrorText>
      </Field.Root>
    </FormCard>
  );
}
