import { Alert, Button, chakra, HStack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import type { MyProfileFieldsFragment } from '../../gql/graphql';
import { errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { HistoryChangesSection } from '../chart/HistoryChanges';
import { AboutYouFieldset, EmergencyContactsFieldset, MedicalHistoryFieldset } from './ProfileFieldsets';
import { draftFrom, emailChanged, validateProfile, type ProfileDraft } from './profile-form';
import { useUpdateMyProfile } from './useMyProfile';

/** The patient's own details: checked before sending, the API's problems shown beside the fields. */
export function ProfileForm({ patient }: { patient: MyProfileFieldsFragment }) {
  const [draft, setDraft] = useState(() => draftFrom(patient));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ status: 'success' | 'error'; text: string }>();
  const { update, loading } = useUpdateMyProfile();
  const onChange = (patch: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    const problems = validateProfile(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setMessage({ status: 'error', text: 'Some details need correcting. Please check the highlighted fields.' });
      return;
    }
    const newEmail = emailChanged(draft, patient.email) ? draft.email.trim() : undefined;
    try {
      await update(patient.id, draft, patient.email);
      setMessage({
        status: 'success',
        text: newEmail
          ? `Your details are saved. We sent a link to ${newEmail}: open it to confirm the new address.`
          : 'Your details are saved.',
      });
    } catch (error) {
      if (errorReason(error) === 'EMAIL_TAKEN') {
        setErrors({ email: 'Another account uses this address.' });
        setMessage({ status: 'error', text: 'Some details need correcting. Please check the highlighted fields.' });
        return;
      }
      setErrors(fieldErrors(error, { by: 'path' }));
      setMessage({ status: 'error', text: plainMessage(error) });
    }
  };

  const fieldsets = { draft, errors, onChange };
  return (
    <chakra.form display="flex" flexDirection="column" gap="8" onSubmit={(e) => void onSubmit(e)} noValidate maxW="3xl">
      <AboutYouFieldset {...fieldsets} email={patient.email} />
      <MedicalHistoryFieldset {...fieldsets} />
      <HistoryChangesSection patientId={patient.id} reader="patient" />
      <EmergencyContactsFieldset {...fieldsets} />
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
