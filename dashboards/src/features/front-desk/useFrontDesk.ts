import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { getFragmentData } from '../../gql';
import type { AppointmentType, FrontDeskAppointmentFragment } from '../../gql/graphql';
import {
  FrontDeskAppointmentFragment as FrontDeskAppointmentDoc,
  FrontDeskBookMutation,
  FrontDeskCancelMutation,
  FrontDeskRescheduleMutation,
  PatientAppointmentsQuery,
} from './operations';
import { useLoadMore } from '../../shared/useLoadMore';
import { splitUpcomingAndPast } from '../appointments/upcoming-past';

export type FrontDeskAppointment = FrontDeskAppointmentFragment;

/** Still to come and still changeable at the desk: REQUESTED or CONFIRMED. */
export function isChangeableAtDesk(appointment: Pick<FrontDeskAppointment, 'status'>): boolean {
  return appointment.status === 'REQUESTED' || appointment.status === 'CONFIRMED';
}

/**
 * A patient's appointments for the front desk: upcoming (soonest first) and past (newest first).
 * Pages come newest first (the furthest ahead first), so the upcoming ones are on the first page
 * unless there are more than a page of them (`upcomingComplete` false); older ones come with
 * `more.loadMore`.
 */
export function usePatientAppointments(patientId: string) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(PatientAppointmentsQuery, {
    variables: { patientId },
  });
  const connection = data?.patient?.appointments;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  const [now] = useState(() => Date.now());
  const split = useMemo(
    () =>
      splitUpcomingAndPast(
        (connection?.edges ?? []).map((edge) => getFragmentData(FrontDeskAppointmentDoc, edge.node)),
        now,
        connection?.pageInfo.hasNextPage,
      ),
    [connection, now],
  );
  return {
    ...split,
    total: connection?.totalCount ?? 0,
    hasNextPage: connection?.pageInfo.hasNextPage,
    more,
    loading: loading && !data,
    error,
    refetch,
  };
}

/** Every list an admin's change of an appointment shows up in. */
const REFRESH = { refetchQueries: [PatientAppointmentsQuery, 'AdminAppointments'] };

/** Book, move and cancel for a patient, as an administrator. */
export function useFrontDeskActions() {
  const [bookMutation, booking] = useMutation(FrontDeskBookMutation, REFRESH);
  const [rescheduleMutation, moving] = useMutation(FrontDeskRescheduleMutation, REFRESH);
  const [cancelMutation, cancelling] = useMutation(FrontDeskCancelMutation, REFRESH);
  return {
    book: (input: {
      patientId: string;
      doctorId: string;
      startsAt: string;
      type: AppointmentType;
      reason: string | null;
    }) => bookMutation({ variables: { input } }),
    booking: booking.loading,
    reschedule: (id: string, startsAt: string) => rescheduleMutation({ variables: { id, startsAt } }),
    moving: moving.loading,
    cancel: (id: string, reason: string) => cancelMutation({ variables: { id, reason } }),
    cancelling: cancelling.loading,
  };
}
