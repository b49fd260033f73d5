import { Box, Button, Field, Flex, Heading, HStack, Input, NativeSelect, SimpleGrid, Textarea } from '@chakra-ui/react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { fieldErrors } from '../../shared/graphql-errors';
import { FormCard } from '../../shared/ui/FormCard';
import { IssuePrescriptionMutation, PatientChartQuery } from './operations';
import { focusFirstInvalid } from '../../shared/ui';

export interface VisitOption {
  readonly id: string;
  readonly label: string;
}

interface ItemDraft {
  medication: string;
  dosage: string;
  frequency: string;
  durationDays: string;
  instructions: string;
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
  onDone,
}: {
  patientId: string;
  visits: VisitOption[];
  defaultAppointmentId?: string;
  onDone: () => void;
}) {
  const [items, setItems] = useState<ItemDraft[]>([emptyItem()]);
  const [appointmentId, setAppointmentId] = useState(defaultAppointmentId ?? '');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [issue, { loading }] = useMutation(IssuePrescriptionMutation, {
    refetchQueries: [{ query: PatientChartQuery, variables: { id: patientId } }],
    awaitRefetchQueries: true,
  });
  const server = fieldErrors(serverError);
  const errorFor = (name: string, index: number) =>
    errors[`${name}.${index}`] ?? (index === 0 ? server[name] : undefined);
  const setItem = (index: number, patch: Partial<ItemDraft>) =>
    setItems((current) => current.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = validateItems(items);
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
      setServerError(caught);
      focusFirstInvalid(form);
    }
  };

  return (
    <FormCard
      title="Issue prescription"
      error={serverError}
      submitLabel="Issue prescription"
      loading={loading}
      onSubmit={(e) => void submit(e)}
      onCancel={onDone}
    >
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
      <Field.Root invalid={Boolean(server.notes)}>
        <Field.Label>Notes for the patient and pharmacist</Field.Label>
        <Textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <Field.ErrorText>{server.notes}</Field.ErrorText>
      </Field.Root>
    </FormCard>
  );
}
