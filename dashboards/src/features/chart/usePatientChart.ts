import { useMutation, useQuery } from '@apollo/client/react';
import { errorCode } from '../../shared/graphql-errors';
import { useLoadMore } from '../../shared/useLoadMore';
import { PatientChartQuery, RequestEmergencyAccessMutation } from './operations';

export function usePatientChart(id: string) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(PatientChartQuery, {
    variables: { id },
  });
  // The newest page of the timeline comes with the chart; older entries load on "Load more".
  const more = useLoadMore(data?.patient?.timeline.pageInfo, fetchMore, networkStatus);
  return {
    patient: data?.patient ?? null,
    loading: loading && !data,
    error,
    forbidden: errorCode(error) === 'FORBIDDEN',
    refetch,
    moreTimeline: more,
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
