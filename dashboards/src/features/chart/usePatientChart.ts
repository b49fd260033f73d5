import { useMutation, useQuery } from '@apollo/client/react';
import { errorCode } from '../../shared/graphql-errors';
import { PatientChartQuery, RequestEmergencyAccessMutation } from './operations';

export function usePatientChart(id: string) {
  const { data, loading, error, refetch } = useQuery(PatientChartQuery, { variables: { id } });
  return {
    patient: data?.patient ?? null,
    loading: loading && !data,
    error,
    forbidden: errorCode(error) === 'FORBIDDEN',
    refetch,
  };
}

export function useRequestEmergencyAccess() {
  const [request, { loading }] = useMutation(RequestEmergencyAccessMutation);
  return {
    request: async (patientId: string, reason: string) => {
      const result = await request({ variables: { patientId, reason } });
      return result.data?.requestEmergencyAccess ?? null;
    },
    loading,
  };
}
