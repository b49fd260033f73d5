import { Heading, Stack } from '@chakra-ui/react';
import { useRef } from 'react';
import { ErrorState, LoadingList } from '../../shared/ui';
import { ProfileForm } from './ProfileForm';
import { TextRemindersSection } from './TextRemindersSection';
import { useMyProfile } from './useMyProfile';

/** `/patient/profile`: demographics and medical history, and text-message reminders. */
export function ProfilePage() {
  const { patient, loading, error, refetch } = useMyProfile();
  const pageRef = useRef<HTMLDivElement>(null);
  // The reminders need a mobile number in the profile: their section sends the patient to its field.
  const goToPhone = () => {
    const phone = pageRef.current?.querySelector<HTMLInputElement>('input[name="phone"]');
    phone?.focus();
    phone?.scrollIntoView?.({ block: 'center' });
  };
  return (
    <Stack gap="6" ref={pageRef}>
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
        <>
          <ProfileForm key={patient.id} patient={patient} />
          <TextRemindersSection patient={patient} onGoToPhone={goToPhone} />
        </>
      )}
    </Stack>
  );
}
