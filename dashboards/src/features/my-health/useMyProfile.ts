import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../gql';
import { MeQuery } from '../auth/operations';
import { forgetHistoryChanges } from '../chart/HistoryChanges';
import { MyProfileFields, MyProfileQuery, UpdateMyProfileMutation } from './operations';
import { emailChanged, inputFrom, type ProfileDraft } from './profile-form';

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
  const [mutate, { loading }] = useMutation(UpdateMyProfileMutation, {
    update: (cache, { data }) => forgetHistoryChanges(cache, data?.updatePatient.id),
  });
  return {
    /**
     * Saves the draft. A new e-mail address is unconfirmed until its link is opened, so `me` is
     * read again with it (the reminder to confirm appears at once).
     */
    update: (id: string, draft: ProfileDraft, currentEmail: string) =>
      mutate({
        variables: { id, input: inputFrom(draft, currentEmail) },
        ...(emailChanged(draft, currentEmail) ? { refetchQueries: [MeQuery], awaitRefetchQueries: true } : {}),
      }),
    loading,
  };
}
