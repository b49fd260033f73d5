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

/**
 * The signed-in patient's appointments, split into upcoming and past. The API narrows the list to
 * the caller; `patientId` only makes the intent explicit. Status changes arrive over the
 * subscription: the event's appointment updates the cache, and a new one triggers a refetch.
 */
export function useMyAppointments(patientId: string | undefined) {
  const variables = { filter: { patientId } };
  const { data, loading, error, refetch } = useQuery(MyAppointmentsQuery, { variables, skip: !patientId });
  const [now] = useState(() => Date.now());

  useSubscription(MyAppointmentUpdatedSubscription, {
    variables: { patientId },
    skip: !patientId,
    onData: ({ client, data: event }) => {
      const id = event.data?.appointmentUpdated.appointment.id;
      // The cache, not this render's `data`: on a busy page the list may have arrived after the
      // last render, and a needless refetch would undo the event's update.
      const list = client.readQuery({ query: MyAppointmentsQuery, variables }) ?? data;
      const known = list?.appointments.edges.some((edge) => edge.node.id === id);
      if (!known) {
        void refetch().catch(() => undefined);
      }
    },
  });

  const { upcoming, past } = useMemo(() => {
    const all = (data?.appointments.edges ?? []).map((edge) => getFragmentData(PatientAppointmentFields, edge.node));
    const isUpcoming = (a: (typeof all)[number]) =>
      Date.parse(a.endsAt) >= now &&
      (a.status === 'REQUESTED' || a.status === 'CONFIRMED' || a.status === 'CHECKED_IN');
    return {
      upcoming: all.filter(isUpcoming).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      past: all.filter((a) => !isUpcoming(a)).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
    };
  }, [data, now]);

  return { upcoming, past, loading: loading && !data, error, refetch };
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
