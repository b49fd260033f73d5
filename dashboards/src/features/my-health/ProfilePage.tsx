import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  chakra,
  Field,
  Fieldset,
  Heading,
  HStack,
  Input,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { getFragmentData } from '../../gql';
import type { MyProfileFieldsFragment } from '../../gql/graphql';
import { plainMessage } from '../../shared/graphql-errors';
import { ErrorState, LoadingList } from '../../shared/ui';
import { MyProfileFields, MyProfileQuery, UpdateMyProfileMutation } from './operations';
import { draftFrom, GENDERS, inputFrom, serverFieldErrors, validateProfile } from './profile-form';
import type { ProfileDraft } from './profile-form';

export function useMyProfile() {
  const { data, loading, error, refetch } = useQuery(MyProfileQuery);
  const ref = data?.me.patient;
  return {
    patient: ref ? getFragmentData(MyProfileFields, ref) : undefined,
    loading: loading && !data,
    error,
    refetch,
  };
}

export function useUpdateMyProfile() {
  const [mutate, { loading }] = useMutation(UpdateMyProfileMutation);
  return {
    update: (id: string, draft: ProfileDraft) => mutate({ variables: { id, input: inputFrom(draft) } }),
    loading,
  };
}

function TextField({
  label,
  name,
  draft,
  errors,
  onChange,
  type = 'text',
  helper,
}: {
  label: string;
  name: 'firstName' | 'lastName' | 'phone' | 'address' | 'dateOfBirth';
  draft: ProfileDraft;
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
  type?: string;
  helper?: string;
}) {
  return (
    <Field.Root invalid={Boolean(errors[name])}>
      <Field.Label>{label}</Field.Label>
      <Input name={name} type={type} value={draft[name]} onChange={(e) => onChange(name, e.target.value)} />
      {errors[name] ? (
        <Field.ErrorText>{errors[name]}</Field.ErrorText>
      ) : helper ? (
        <Field.HelperText>{helper}</Field.HelperText>
      ) : null}
    </Field.Root>
  );
}

function ListField({
  label,
  name,
  draft,
  errors,
  onChange,
}: {
  label: string;
  name: 'allergies' | 'chronicConditions' | 'currentMedications';
  draft: ProfileDraft;
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  const problem = Object.entries(errors).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1];
  return (
    <Field.Root invalid={Boolean(problem)}>
      <Field.Label>{label}</Field.Label>
      <Textarea name={name} rows={3} value={draft[name]} onChange={(e) => onChange(name, e.target.value)} />
      {problem ? <Field.ErrorText>{problem}</Field.ErrorText> : <Field.HelperText>One per line.</Field.HelperText>}
    </Field.Root>
  );
}

function ProfileForm({ patient }: { patient: MyProfileFieldsFragment }) {
  const [draft, setDraft] = useState(() => draftFrom(patient));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ status: 'success' | 'error'; text: string }>();
  const { update, loading } = useUpdateMyProfile();

  const change = (name: string, value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const changeContact = (index: number, key: 'name' | 'phone' | 'relationship', value: string) =>
    setDraft((d) => ({
      ...d,
      emergencyContacts: d.emergencyContacts.map((c, i) => (i === index ? { ...c, [key]: value } : c)),
    }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    const problems = validateProfile(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setMessage({ status: 'error', text: 'Some details need correcting. Please check the highlighted fields.' });
      return;
    }
    try {
      await update(patient.id, draft);
      setMessage({ status: 'success', text: 'Your details are saved.' });
    } catch (error) {
      setErrors(serverFieldErrors(error));
      setMessage({ status: 'error', text: plainMessage(error) });
    }
  };

  return (
    <chakra.form display="flex" flexDirection="column" gap="8" onSubmit={(e) => void onSubmit(e)} noValidate maxW="3xl">
      <Fieldset.Root>
        <Fieldset.Legend fontSize="lg" fontWeight="semibold">
          About you
        </Fieldset.Legend>
        <Fieldset.Content>
          <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
            <TextField label="First name" name="firstName" draft={draft} errors={errors} onChange={change} />
            <TextField label="Last name" name="lastName" draft={draft} errors={errors} onChange={change} />
            <TextField
              label="Phone"
              name="phone"
              type="tel"
              draft={draft}
              errors={errors}
              onChange={change}
              helper="e.g. +49 30 1234567"
            />
            <TextField
              label="Date of birth"
              name="dateOfBirth"
              type="date"
              draft={draft}
              errors={errors}
              onChange={change}
            />
            <Field.Root invalid={Boolean(errors.gender)}>
              <Field.Label>Gender</Field.Label>
              <NativeSelect.Root>
                <NativeSelect.Field
                  name="gender"
                  value={draft.gender}
                  onChange={(e) => change('gender', e.target.value)}
                >
                  <option value="">Not stated</option>
                  {GENDERS.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </NativeSelect.Field>
                <NativeSelect.Indicator />
              </NativeSelect.Root>
              {errors.gender ? <Field.ErrorText>{errors.gender}</Field.ErrorText> : null}
            </Field.Root>
            <TextField label="Address" name="address" draft={draft} errors={errors} onChange={change} />
          </SimpleGrid>
          <Text fontSize="sm" color="fg.muted">
            Email: {patient.email}
          </Text>
        </Fieldset.Content>
      </Fieldset.Root>

      <Fieldset.Root>
        <Fieldset.Legend fontSize="lg" fontWeight="semibold">
          Medical history
        </Fieldset.Legend>
        <Fieldset.Content>
          <SimpleGrid columns={{ base: 1, md: 3 }} gap="4">
            <ListField label="Allergies" name="allergies" draft={draft} errors={errors} onChange={change} />
            <ListField
              label="Chronic conditions"
              name="chronicConditions"
              draft={draft}
              errors={errors}
              onChange={change}
            />
            <ListField
              label="Current medications"
              name="currentMedications"
              draft={draft}
              errors={errors}
              onChange={change}
            />
          </SimpleGrid>
        </Fieldset.Content>
      </Fieldset.Root>

      <Fieldset.Root>
        <Fieldset.Legend fontSize="lg" fontWeight="semibold">
          Emergency contacts
        </Fieldset.Legend>
        <Fieldset.Content>
          {draft.emergencyContacts.length === 0 ? <Text color="fg.muted">No emergency contacts yet.</Text> : null}
          {draft.emergencyContacts.map((contact, index) => (
            <Box
              key={index}
              borderWidth="1px"
              borderRadius="l2"
              p="3"
              role="group"
              aria-label={`Emergency contact ${index + 1}`}
            >
              <SimpleGrid columns={{ base: 1, md: 3 }} gap="3">
                {(['name', 'relationship', 'phone'] as const).map((key) => {
                  const problem = errors[`emergencyContacts.${index}.${key}`];
                  return (
                    <Field.Root key={key} invalid={Boolean(problem)}>
                      <Field.Label>{key === 'name' ? 'Name' : key === 'phone' ? 'Phone' : 'Relationship'}</Field.Label>
                      <Input
                        type={key === 'phone' ? 'tel' : 'text'}
                        value={contact[key]}
                        onChange={(e) => changeContact(index, key, e.target.value)}
                      />
                      {problem ? <Field.ErrorText>{problem}</Field.ErrorText> : null}
                    </Field.Root>
                  );
                })}
              </SimpleGrid>
              <Button
                mt="2"
                size="xs"
                variant="ghost"
                colorPalette="red"
                onClick={() =>
                  setDraft((d) => ({ ...d, emergencyContacts: d.emergencyContacts.filter((_, i) => i !== index) }))
                }
              >
                Remove contact {index + 1}
              </Button>
            </Box>
          ))}
          <Button
            size="sm"
            variant="outline"
            alignSelf="flex-start"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                emergencyContacts: [...d.emergencyContacts, { name: '', phone: '', relationship: '' }],
              }))
            }
          >
            Add emergency contact
          </Button>
        </Fieldset.Content>
      </Fieldset.Root>

      {message ? (
        <Alert.Root status={message.status} borderRadius="l3" role={message.status === 'error' ? 'alert' : 'status'}>
          <Alert.Indicator />
          <Alert.Title>{message.text}</Alert.Title>
        </Alert.Root>
      ) : null}
      <HStack>
        <Button type="submit" colorPalette="brand" loading={loading}>
          Save changes
        </Button>
      </HStack>
    </chakra.form>
  );
}

/** `/patient/profile`: demographics and medical history. */
export function ProfilePage() {
  const { patient, loading, error, refetch } = useMyProfile();
  return (
    <Stack gap="6">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        Profile and medical history
      </Heading>
      {loading ? (
        <LoadingList rows={4} label="Loading your profile…" />
      ) : error || !patient ? (
        <ErrorState
          error={error}
          message={error ? undefined : 'Your profile could not be found.'}
          onRetry={() => void refetch()}
        />
      ) : (
        <ProfileForm key={patient.id} patient={patient} />
      )}
    </Stack>
  );
}
