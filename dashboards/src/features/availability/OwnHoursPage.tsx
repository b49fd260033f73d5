import { useQuery } from '@apollo/client/react';
import { Heading, Stack, Text } from '@chakra-ui/react';
import { ErrorState, LoadingList } from '../../shared/ui';
import { DoctorHours } from './DoctorHours';
import { BY_DOCTOR } from './manager';
import { OwnHoursQuery } from './operations';

/**
 * `/doctor/hours`: when patients can book the signed-in doctor, and their time away. A change that
 * would strand booked visits lists them first, to cancel (the patient is told why) or move to
 * another of the doctor's free times.
 */
export function OwnHoursPage() {
  const { data, loading, error, refetch } = useQuery(OwnHoursQuery);
  const doctor = data?.me.doctor;
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading && !doctor) {
    return <LoadingList rows={3} label="Loading your hours…" />;
  }
  if (!doctor) {
    return <ErrorState error={new Error('This account has no doctor profile.')} />;
  }
  return (
    <Stack gap="6" maxW="4xl">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Your hours
        </Heading>
        <Text color="fg.muted">When patients can book you, and the time you are away.</Text>
      </Stack>
      <DoctorHours doctor={doctor} manager={BY_DOCTOR} />
    </Stack>
  );
}
