import { Heading, Stack } from '@chakra-ui/react';
import { ErrorState, LoadingList } from '../../shared/ui';
import { ProfileForm } from './ProfileForm';
import { useMyProfile } from './useMyProfile';

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
