import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Box, Button, Heading, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ErrorState, FormStack, LoadingList, TextField } from '../../shared/ui';
import { formatMoney } from '../billing/money';
import { doctorName } from './DoctorName';
import { qualificationList } from './qualifications';
import { getFragmentData } from '../../gql';
import { DoctorProfileFragment, OwnDoctorProfileQuery, UpdateOwnDoctorProfileMutation } from './operations';

const BIO_LIMIT = 2000;

/** A card of the page, named by its heading. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Box as="section" aria-labelledby={id} borderWidth="1px" borderRadius="l3" bg="bg" p={{ base: '4', md: '6' }}>
      <Heading as="h2" size="lg" id={id} mb="3">
        {title}
      </Heading>
      {children}
    </Box>
  );
}

/**
 * `/doctor/profile`: the doctor's profile as the clinic keeps it (an administrator changes name,
 * specialty, licence, department, zone and fee) and what they write for patients themself: their
 * qualifications and a short introduction, shown when patients choose a doctor.
 */
export function OwnProfilePage() {
  const { data, loading, error, refetch } = useQuery(OwnDoctorProfileQuery);
  const doctor = data?.me.doctor ? getFragmentData(DoctorProfileFragment, data.me.doctor) : undefined;
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading && !doctor) {
    return <LoadingList rows={2} label="Loading your profile…" />;
  }
  if (!doctor) {
    return <ErrorState error={new Error('This account has no doctor profile.')} />;
  }
  const place = doctor.department ? `${doctor.department.hospital.name} · ${doctor.department.name}` : undefined;
  return (
    <Stack gap="6" maxW="3xl">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Your profile
        </Heading>
        <Text color="fg.muted">What patients see when they choose a doctor.</Text>
      </Stack>
      <Section id="kept-by-clinic" title={doctorName(doctor)}>
        <Stack as="dl" gap="1" fontSize="sm">
          {[
            ['Specialization', doctor.specialization],
            ['Works at', place],
            ['Licence', doctor.licenseNumber],
            ['Time zone of your hours', doctor.timezone.replace(/_/g, ' ')],
            ['Consultation fee', doctor.fee ? formatMoney(doctor.fee) : undefined],
          ].map(([term, value]) =>
            value ? (
              <Box key={term} display="grid" gridTemplateColumns={{ base: '1fr', sm: '12rem 1fr' }} columnGap="2">
                <Text as="dt" color="fg.muted">
                  {term}
                </Text>
                <Text as="dd">{value}</Text>
              </Box>
            ) : null,
          )}
        </Stack>
        <Text color="fg.muted" fontSize="sm" mt="3">
          The clinic keeps these: ask an administrator to change them.
        </Text>
      </Section>
      <IntroductionForm
        key={doctor.id}
        doctorId={doctor.id}
        bio={doctor.bio ?? ''}
        qualifications={doctor.qualifications}
      />
    </Stack>
  );
}

function IntroductionForm({
  doctorId,
  bio: savedBio,
  qualifications: savedQualifications,
}: {
  doctorId: string;
  bio: string;
  qualifications: readonly string[];
}) {
  const [bio, setBio] = useState(savedBio);
  const [qualifications, setQualifications] = useState(savedQualifications.join(', '));
  const [tooLong, setTooLong] = useState(false);
  const [update, { loading, error, data, reset }] = useMutation(UpdateOwnDoctorProfileMutation);
  const serverErrors = fieldErrors(error, { by: 'path' });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    const over = bio.trim().length > BIO_LIMIT;
    setTooLong(over);
    if (over) {
      return;
    }
    void update({
      variables: {
        id: doctorId,
        input: {
          bio: bio.trim() || null,
          qualifications: qualificationList(qualifications),
        },
      },
    }).catch(() => undefined);
  };
  return (
    <Section id="introduction" title="How you introduce yourself">
      <FormStack gap="4" onSubmit={onSubmit} noValidate aria-labelledby="introduction">
        {error && Object.keys(serverErrors).length === 0 ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        <TextField
          label="Qualifications"
          value={qualifications}
          onChange={(value) => {
            setQualifications(value);
            reset();
          }}
          helper="Separate with commas, e.g. MBBS, MRCP"
          error={serverErrors['qualifications']}
        />
        <TextField
          label="Bio"
          multiline
          rows={5}
          value={bio}
          onChange={(value) => {
            setBio(value);
            setTooLong(false);
            reset();
          }}
          helper={`A few sentences patients read before booking (${bio.trim().length} of ${BIO_LIMIT} characters).`}
          error={tooLong ? `Keep it to ${BIO_LIMIT} characters.` : serverErrors['bio']}
        />
        <Stack direction="row" gap="3" align="center">
          <Button type="submit" colorPalette="brand" loading={loading}>
            Save
          </Button>
          <Text role="status" color="fg.success" fontSize="sm">
            {data && !loading ? 'Saved. Patients see it when they choose a doctor.' : ''}
          </Text>
        </Stack>
      </FormStack>
    </Section>
  );
}
