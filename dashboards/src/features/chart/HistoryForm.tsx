import { useMutation } from '@apollo/client/react';
import { Button, Flex, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { linesOf } from '../../shared/list-lines';
import { TextField } from '../../shared/ui';
import { forgetHistoryChanges } from './HistoryChanges';
import { UpdatePatientHistoryMutation } from './operations';

/**
 * The patient's allergies and long-term conditions, one per line, as the doctor caring for them
 * records them: the allergies are what every prescription is checked against. Audited by the API.
 */
export function HistoryForm({
  patientId,
  allergies,
  chronicConditions,
  onDone,
  onCancel,
}: {
  patientId: string;
  allergies: readonly string[];
  chronicConditions: readonly string[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState({
    allergies: allergies.join('\n'),
    chronicConditions: chronicConditions.join('\n'),
  });
  const [save, { loading, error }] = useMutation(UpdatePatientHistoryMutation, {
    update: (cache, { data }) => forgetHistoryChanges(cache, data?.updatePatient.id),
  });
  const errors = fieldErrors(error, { by: 'path' });
  // Each list as one field, one entry per line; the API names a line's problem `allergies.2`.
  const list = (name: 'allergies' | 'chronicConditions') => ({
    name,
    multiline: true,
    value: draft[name],
    error: Object.entries(errors).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1],
    onChange: (value: string) => setDraft((current) => ({ ...current, [name]: value })),
  });
  return (
    <Stack
      as="form"
      aria-label="Allergies and conditions"
      gap="3"
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p="4"
      onSubmit={(event) => {
        event.preventDefault();
        void save({
          variables: {
            id: patientId,
            input: { allergies: linesOf(draft.allergies), chronicConditions: linesOf(draft.chronicConditions) },
          },
        })
          .then(onDone)
          .catch(() => undefined);
      }}
    >
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
        <TextField
          label="Allergies"
          helper="One per line, e.g. Penicillin (rash). Every prescription is checked against them."
          {...list('allergies')}
        />
        <TextField label="Chronic conditions" helper="One per line." {...list('chronicConditions')} />
      </SimpleGrid>
      {error && !Object.keys(errors).length ? <Text color="fg.error">{plainMessage(error)}</Text> : null}
      <Flex gap="2">
        <Button type="submit" colorPalette="brand" loading={loading}>
          Save allergies and conditions
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </Flex>
    </Stack>
  );
}
