import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { getFragmentData } from '../../gql';
import {
  CancelMyAppointmentMutation,
  MyAppointmentsQuery,
  MyAppointmentUpdatedSubscription,
  RescheduleMyAppointmentMutation,
} from './operations';
import { PatientAppointmentFields } from './AppointmentCard';
import { useLoadMore } from '../../shared/useLoadMore';
import { splitUpcomingAndPast } from '../appointments/upcoming-past';

/**
 * The signed-in patient's appointments, newest first a page at a time (older ones on "Load more"),
 * split into upcoming and past: the furthest ahead come first, so every upcoming visit is on the
 * first page unless there are more than a page of them. Status changes arrive over the
 * subscription: the event's appointment updates the cache, and a new one triggers a refetch.
 */
export function useMyAppointments(patientId: string | undefined) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyAppointmentsQuery, {
    skip: !patientId,
  });
  const connection = data?.me.patient?.appointments;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  const [now] = useState(() => Date.now());

  useSubscription(MyAppointmentUpdatedSubscription, {
    variables: { patientId },
    skip: !patientId,
    onData: ({ client, data: event }) => {
      const id = event.data?.appointmentUpdated.appointment.id;
      // The cache, not this render's `data`: on a busy page the list may have arrived after the
      // last render, and a needless refetch would undo the event's update.
      const list = client.readQuery({ query: MyAppointmentsQuery }) ?? data;
      const known = list?.me.patient?.appointments.edges.some((edge) => edge.node.id === id);
      if (!known) {
        void refetch().catch(() => undefined);
      }
    },
  });

  const { upcoming, past } = useMemo(
    () =>
      splitUpcomingAndPast(
        (connection?.edges ?? []).map((edge) => getFragmentData(PatientAppointmentFields, edge.node)),
        now,
      ),
    [connection, now],
  );

  return {
    upcoming,
    past,
    count: connection?.edges.length ?? 0,
    totalCount: connection?.totalCount,
    hasNextPage: connection?.pageInfo.hasNextPage,
    ...more,
    loading: loading && !data,
    error,
    refetch,
  };
}

export function useCancelAppointment() {
  const [mutate, { loading }] = useMutation(CancelMyAppointmentMutation);
  return {
    cancel: (id: string, reason: string) => mutate({ variables: { id, reason: reason || null } }),
    loading,
  };
}

export function useRescheduleAppointment() {
  const [mutate, { loading }] = useMutation(RescheduleMyAppointmentMutation);
  return { reschedule: (id: string, startsAt: string) => mutate({ variables: { id, startsAt } }), loading };
}
