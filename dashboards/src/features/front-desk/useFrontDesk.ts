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
  PatientBusyTimesQuery,
} from './operations';
import { useLoadMore } from '../../shared/useLoadMore';
import { splitUpcomingAndPast } from '../appointments/upcoming-past';
import { startOfToday } from '../schedule/useDoctorSchedule';
import type { BusyTimes } from '../booking/SlotPicker';

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

const NOT_BUSY: readonly BusyAppointment[] = [];

/** An appointment of the patient's that holds their time. */
export interface BusyAppointment {
  readonly id: string;
  readonly startsAt: string;
  readonly endsAt: string;
}

/**
 * When the patient is already booked (from the start of today on), so that booking or moving an
 * appointment for them offers only times they are free; none until a patient is chosen, and
 * `'loading'` until they are read (no time is offered before).
 */
export function usePatientBusyTimes(patientId: string | undefined): BusyTimes<BusyAppointment> {
  const { data, error } = useQuery(PatientBusyTimesQuery, {
    variables: { patientId: patientId ?? '', from: startOfToday() },
    skip: !patientId,
    fetchPolicy: 'cache-and-network',
  });
  // Unreadable: every time is offered, and the server still refuses one the patient is busy at.
  return useMemo(
    () => (!patientId || error ? NOT_BUSY : data ? data.appointments.edges.map((edge) => edge.node) : 'loading'),
    [patientId, data, error],
  );
}

/** Every list an admin's change of an appointment shows up in. */
const REFRESH = { refetchQueries: [PatientAppointmentsQuery, PatientBusyTimesQuery, 'AdminAppointments'] };

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
      /** The slot hold taken while the form was filled in. */
      holdId?: string;
    }) => bookMutation({ variables: { input } }),
    booking: booking.loading,
    reschedule: (id: string, startsAt: string) => rescheduleMutation({ variables: { id, startsAt } }),
    moving: moving.loading,
    cancel: (id: string, reason: string) => cancelMutation({ variables: { id, reason } }),
    cancelling: cancelling.loading,
  };
}
