import {
  Button,
  Field,
  Fieldset,
  Flex,
  HStack,
  Input,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { RecordType } from '../../gql/graphql';
import { fieldErrors } from '../../shared/graphql-errors';
import { FormCard } from '../../shared/ui/FormCard';
import { RECORD_TYPE_OPTIONS } from '../records/record-type';
import { searchIcd10 } from './icd10';
import { CreateMedicalRecordMutation, PatientChartQuery } from './operations';
import { emptyRecordDraft, toRecordInput, validateRecord, VITAL_FIELDS, type RecordDraft } from './record-validation';
import type { VisitOption } from './PrescriptionForm';
import { focusFirstInvalid } from '../../shared/ui';

/** "Write record": vitals, symptoms, ICD-10 diagnoses, notes, follow-up; validated before sending. */
export function RecordForm({
  patientId,
  visits,
  defaultAppointmentId,
  onDone,
  onCancel,
}: {
  patientId: string;
  visits: VisitOption[];
  defaultAppointmentId?: string;
  onDone: () => void;
  /** Closed without saving. */
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<RecordDraft>(() => emptyRecordDraft(defaultAppointmentId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [lookup, setLookup] = useState('');
  const lookupId = useId();
  const [create, { loading }] = useMutation(CreateMedicalRecordMutation, {
    refetchQueries: [{ query: PatientChartQuery, variables: { id: patientId } }],
    awaitRefetchQueries: true,
  });

  const server = fieldErrors(serverError);
  const errorFor = (name: string, serverName = name) => errors[name] ?? server[serverName];
  const suggestions = searchIcd10(lookup);

  const update = (patch: Partial<RecordDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setDiagnosis = (index: number, patch: Partial<RecordDraft['diagnoses'][number]>) =>
    update({ diagnoses: draft.diagnoses.map((d, i) => (i === index ? { ...d, ...patch } : d)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = validateRecord(draft);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    try {
      await create({ variables: { input: toRecordInput(patientId, draft) } });
      onDone();
    } catch (caught) {
      setServerError(caught);
      focusFirstInvalid(form);
    }
  };

  return (
    <FormCard
      title="Write record"
      error={serverError}
      submitLabel="Save record"
      loading={loading}
      onSubmit={(e) => void submit(e)}
      onCancel={onCancel}
    >
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
        <Field.Root>
          <Field.Label>Type</Field.Label>
          <NativeSelect.Root>
            <NativeSelect.Field value={draft.type} onChange={(e) => update({ type: e.target.value as RecordType })}>
              {RECORD_TYPE_OPTIONS.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
        <Field.Root invalid={Boolean(server.appointmentId)}>
          <Field.Label>Visit</Field.Label>
          <NativeSelect.Root>
            <NativeSelect.Field value={draft.appointmentId} onChange={(e) => update({ appointmentId: e.target.value })}>
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
      </SimpleGrid>

      <Fieldset.Root>
        <Fieldset.Legend>Vitals</Fieldset.Legend>
        <SimpleGrid columns={{ base: 2, md: 4 }} gap="3" mt="2">
          {VITAL_FIELDS.map((field) => (
            <Field.Root key={field.name} invalid={Boolean(errorFor(field.name))}>
              <Field.Label>{field.label}</Field.Label>
              <Input
                inputMode="decimal"
                value={draft.vitals[field.name]}
                onChange={(e) => update({ vitals: { ...draft.vitals, [field.name]: e.target.value } })}
              />
              <Field.ErrorText>{errorFor(field.name)}</Field.ErrorText>
            </Field.Root>
          ))}
        </SimpleGrid>
      </Fieldset.Root>

      <Field.Root invalid={Boolean(server.symptoms)}>
        <Field.Label>Symptoms</Field.Label>
        <Input
          value={draft.symptoms}
          onChange={(e) => update({ symptoms: e.target.value })}
          placeholder="Sore throat, fever"
        />
        <Field.HelperText>Separate symptoms with commas.</Field.HelperText>
        <Field.ErrorText>{server.symptoms}</Field.ErrorText>
      </Field.Root>

      <Fieldset.Root>
        <Fieldset.Legend>Diagnoses</Fieldset.Legend>
        <Stack gap="3" mt="2">
          <Field.Root>
            <Field.Label htmlFor={lookupId}>Look up an ICD-10 code</Field.Label>
            <Input
              id={lookupId}
              value={lookup}
              onChange={(e) => setLookup(e.target.value)}
              placeholder="Code or words, e.g. J06 or headache"
              role="combobox"
              aria-expanded={suggestions.length > 0}
              aria-controls={`${lookupId}-list`}
              aria-autocomplete="list"
            />
          </Field.Root>
          {suggestions.length > 0 ? (
            <Stack as="ul" id={`${lookupId}-list`} aria-label="ICD-10 suggestions" gap="1" listStyleType="none">
              {suggestions.map((s) => (
                <li key={s.code}>
                  <Button
                    size="sm"
                    variant="ghost"
                    justifyContent="flex-start"
                    w="full"
                    whiteSpace="normal"
                    textAlign="start"
                    h="auto"
                    py="1"
                    onClick={() => {
                      update({ diagnoses: [...draft.diagnoses, { code: s.code, description: s.description }] });
                      setLookup('');
                    }}
                  >
                    <Text as="span" fontWeight="semibold" minW="16">
                      {s.code}
                    </Text>
                    {s.description}
                  </Button>
                </li>
              ))}
            </Stack>
          ) : null}
          {draft.diagnoses.map((diagnosis, index) => (
            <Flex key={index} gap="2" align="flex-start" wrap={{ base: 'wrap', md: 'nowrap' }}>
              <Field.Root
                invalid={Boolean(errorFor(`code.${index}`, index === 0 ? 'code' : `code.${index}`))}
                maxW={{ md: '36' }}
              >
                <Field.Label>Code {index + 1}</Field.Label>
                <Input value={diagnosis.code} onChange={(e) => setDiagnosis(index, { code: e.target.value })} />
                <Field.ErrorText>{errorFor(`code.${index}`, index === 0 ? 'code' : `code.${index}`)}</Field.ErrorText>
              </Field.Root>
              <Field.Root
                invalid={Boolean(
                  errorFor(`description.${index}`, index === 0 ? 'description' : `description.${index}`),
                )}
              >
                <Field.Label>Description {index + 1}</Field.Label>
                <Input
                  value={diagnosis.description}
                  onChange={(e) => setDiagnosis(index, { description: e.target.value })}
                />
                <Field.ErrorText>
                  {errorFor(`description.${index}`, index === 0 ? 'description' : `description.${index}`)}
                </Field.ErrorText>
              </Field.Root>
              <Button
                mt={{ md: '6' }}
                variant="ghost"
                colorPalette="red"
                aria-label={`Remove diagnosis ${index + 1}`}
                onClick={() => update({ diagnoses: draft.diagnoses.filter((_, i) => i !== index) })}
              >
                Remove
              </Button>
            </Flex>
          ))}
          <HStack>
            <Button
              size="sm"
              variant="outline"
              onClick={() => update({ diagnoses: [...draft.diagnoses, { code: '', description: '' }] })}
            >
              Add diagnosis by hand
            </Button>
          </HStack>
        </Stack>
      </Fieldset.Root>

      <Field.Root invalid={Boolean(errorFor('notes'))}>
        <Field.Label>Notes</Field.Label>
        <Textarea rows={4} value={draft.notes} onChange={(e) => update({ notes: e.target.value })} />
        <Field.ErrorText>{errorFor('notes')}</Field.ErrorText>
      </Field.Root>

      <Field.Root invalid={Boolean(errorFor('followUpDate'))} maxW="xs">
        <Field.Label>Follow-up date</Field.Label>
        <Input type="date" value={draft.followUpDate} onChange={(e) => update({ followUpDate: e.target.value })} />
        <Field.ErrorText>{errorFor('followUpDate')}</Field.ErrorText>
      </Field.Root>
    </FormCard>
  );
}
