import { Heading, Stack, Text } from '@chakra-ui/react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatCalendarDate, yearsSince } from '../../shared/format-date-time';
import { genderWord } from './gender';

export const PatientSummaryFragment = graphql(`
  fragment PatientSummary on Patient {
    firstName
    lastName
    dateOfBirth
    gender
    bloodGroup
    phone
  }
`);

/** "Born 4 May 1980 (46)": a patient's birth date with their age. */
export function bornLine(dateOfBirth: string): string {
  const age = yearsSince(dateOfBirth);
  return `Born ${formatCalendarDate(dateOfBirth)}${age !== null ? ` (${age})` : ''}`;
}

/** A patient's name as the page heading, with birth date and age, gender, blood group and phone. */
export function PatientSummary({ patient }: { patient: FragmentType<typeof PatientSummaryFragment> }) {
  const p = getFragmentData(PatientSummaryFragment, patient);
  return (
    <Stack gap="1">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        {p.firstName} {p.lastName}
      </Heading>
      <Text color="fg.muted">
        {bornLine(p.dateOfBirth)}
        {p.gender ? ` · ${genderWord(p.gender)}` : ''}
        {p.bloodGroup ? ` · Blood group ${p.bloodGroup}` : ''}
        {p.phone ? ` · ${p.phone}` : ''}
      </Text>
    </Stack>
  );
}
