import { useMutation, useQuery } from '@apollo/client/react';
import { Button, HStack, Input, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { plainMessage } from '../../shared/graphql-errors';
import { CreateSpecializationMutation, SpecializationsQuery } from './operations';
import { SelectField } from '../../shared/ui';

/**
 * The doctor's specialisation, chosen from the clinic's managed list (so booking never shows a
 * typo as a new specialty); an administrator may add a missing one here.
 */
export function SpecializationField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { data } = useQuery(SpecializationsQuery);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [create, created] = useMutation(CreateSpecializationMutation, { refetchQueries: [SpecializationsQuery] });
  const options = (data?.specializations ?? []).map((s) => ({ value: s.name, label: s.name }));
  return (
    <Stack gap="1">
      <SelectField
        label="Specialization"
        required
        value={value}
        onChange={onChange}
        error={error}
        placeholder="Choose from the clinic’s list"
        options={options}
      />
      {adding ? (
        <HStack gap="2" align="flex-start">
          <Input
            size="sm"
            aria-label="New specialisation"
            value={name}
            placeholder="e.g. Sports Medicine"
            onChange={(e) => setName(e.target.value)}
          />
          <Button
            size="sm"
            loading={created.loading}
            onClick={() =>
              void create({ variables: { name } })
                .then((result) => {
                  const added = result.data?.createSpecialization.name;
                  if (added) {
                    onChange(added);
                    setAdding(false);
                    setName('');
                  }
                })
                .catch(() => undefined)
            }
          >
            Add
          </Button>
        </HStack>
      ) : (
        <Button size="xs" variant="ghost" alignSelf="flex-start" onClick={() => setAdding(true)}>
          Not listed? Add a specialisation
        </Button>
      )}
      {created.error ? (
        <Text fontSize="sm" color="fg.error">
          {plainMessage(created.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
