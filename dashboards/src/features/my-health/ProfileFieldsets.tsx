import { Box, Button, Fieldset, SimpleGrid, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { SelectField, TextField } from '../../shared/ui';
import { GENDER_OPTIONS } from '../patients/gender';
import { emailChanged, type ContactDraft, type ProfileDraft } from './profile-form';

/** The draft, its problems (keyed like the API's paths without `input.`) and how to change it. */
export interface DraftProps {
  readonly draft: ProfileDraft;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (patch: Partial<ProfileDraft>) => void;
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset.Root>
      <Fieldset.Legend fontSize="lg" fontWeight="semibold">
        {legend}
      </Fieldset.Legend>
      <Fieldset.Content>{children}</Fieldset.Content>
    </Fieldset.Root>
  );
}

/**
 * Name, e-mail, phone, birth date, gender and address. `email` is the current sign-in address: a
 * different one in the draft is said to need confirming.
 */
export function AboutYouFieldset({ draft, errors, onChange, email }: DraftProps & { email: string }) {
  const text = (name: 'firstName' | 'lastName' | 'email' | 'phone' | 'address' | 'dateOfBirth') => ({
    name,
    value: draft[name],
    error: errors[name],
    onChange: (value: string) => onChange({ [name]: value }),
  });
  return (
    <Section legend="About you">
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
        <TextField label="First name" {...text('firstName')} />
        <TextField label="Last name" {...text('lastName')} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          {...text('email')}
          helper={
            emailChanged(draft, email)
              ? 'We’ll send a link to confirm the new address, and tell your old address of the change.'
              : undefined
          }
        />
        <TextField label="Phone" type="tel" helper="e.g. +49 30 1234567" {...text('phone')} />
        <TextField label="Date of birth" type="date" {...text('dateOfBirth')} />
        <SelectField
          label="Gender"
          name="gender"
          value={draft.gender}
          error={errors.gender}
          onChange={(gender) => onChange({ gender })}
          options={GENDER_OPTIONS}
          placeholder="Not stated"
        />
        <TextField label="Address" {...text('address')} />
      </SimpleGrid>
    </Section>
  );
}

/** Allergies, chronic conditions and current medications, one per line. */
export function MedicalHistoryFieldset({ draft, errors, onChange }: DraftProps) {
  const list = (name: 'allergies' | 'chronicConditions' | 'currentMedications') => ({
    name,
    multiline: true,
    helper: 'One per line.',
    value: draft[name],
    // The API names the line: `allergies.2`.
    error: Object.entries(errors).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1],
    onChange: (value: string) => onChange({ [name]: value }),
  });
  return (
    <Section legend="Medical history">
      <SimpleGrid columns={{ base: 1, md: 3 }} gap="4">
        <TextField label="Allergies" {...list('allergies')} />
        <TextField label="Chronic conditions" {...list('chronicConditions')} />
        <TextField label="Current medications" {...list('currentMedications')} />
      </SimpleGrid>
    </Section>
  );
}

const CONTACT_LABEL: Record<keyof ContactDraft, string> = {
  name: 'Name',
  relationship: 'Relationship',
  phone: 'Phone',
};

/** The people to call in an emergency: added, edited and removed in place. */
export function EmergencyContactsFieldset({ draft, errors, onChange }: DraftProps) {
  const contacts = draft.emergencyContacts;
  const setContacts = (emergencyContacts: ContactDraft[]) => onChange({ emergencyContacts });
  return (
    <Section legend="Emergency contacts">
      {contacts.length === 0 ? <Text color="fg.muted">No emergency contacts yet.</Text> : null}
      {contacts.map((contact, index) => (
        <Box
          key={index}
          borderWidth="1px"
          borderRadius="l2"
          p="3"
          role="group"
          aria-label={`Emergency contact ${index + 1}`}
        >
          <SimpleGrid columns={{ base: 1, md: 3 }} gap="3">
            {(['name', 'relationship', 'phone'] as const).map((key) => (
              <TextField
                key={key}
                label={CONTACT_LABEL[key]}
                type={key === 'phone' ? 'tel' : 'text'}
                value={contact[key]}
                error={errors[`emergencyContacts.${index}.${key}`]}
                onChange={(value) => setContacts(contacts.map((c, i) => (i === index ? { ...c, [key]: value } : c)))}
              />
            ))}
          </SimpleGrid>
          <Button
            mt="2"
            size="xs"
            variant="ghost"
            colorPalette="red"
            onClick={() => setContacts(contacts.filter((_, i) => i !== index))}
          >
            Remove contact {index + 1}
          </Button>
        </Box>
      ))}
      <Button
        size="sm"
        variant="outline"
        alignSelf="flex-start"
        onClick={() => setContacts([...contacts, { name: '', phone: '', relationship: '' }])}
      >
        Add emergency contact
      </Button>
    </Section>
  );
}
