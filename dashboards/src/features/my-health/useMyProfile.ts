import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../gql';
import { MyProfileFields, MyProfileQuery, UpdateMyProfileMutation } from './operations';
import { inputFrom, type ProfileDraft } from './profile-form';

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
