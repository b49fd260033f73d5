import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { getFragmentData } from '../../gql';
import { useEveryPage, WHOLE_LIST } from '../../shared/useLoadMore';
import {
  BookingRequestCountQuery,
  BookingRequestsQuery,
  CancelAppointmentMutation,
  CheckInAppointmentMutation,
  CompleteAppointmentMutation,
  ConfirmAppointmentMutation,
  DoctorScheduleQuery,
  MarkNoShowMutation,
  RescheduleScheduleAppointmentMutation,
  ScheduleAppointmentFragment,
  ScheduleAppointmentUpdatedSubscription,
  TodayWorklistQuery,
} from './operations';

/**
 * The doctor's appointments between `from` and `to`, every page of them (a busy week holds more
 * than one page), kept live by `appointmentUpdated`.
 */
export function useDoctorSchedule(from: string, to: string, doctorId: string | undefined, onChange?: () => void) {
  const { data, loading, error, refetch, fetchMore } = useQuery(DoctorScheduleQuery, {
    ...WHOLE_LIST,
    variables: { filter: { from, to } },
    notifyOnNetworkStatusChange: false,
  });
  const pages = useEveryPage(data?.appointments.pageInfo, fetchMore);
  // A booking may land in the range shown, a cancellation may leave it: ask again.
  useScheduleUpdates(doctorId, () => {
    void refetch();
    onChange?.();
  });
  const appointments = (data?.appointments.edges ?? []).map((edge) =>
    getFragmentData(ScheduleAppointmentFragment, edge.node),
  );
  return { appointments, loading: loading && !data, error, refetch, ...pages };
}

/** Calls `onChange` after every committed change to the doctor's schedule. */
export function useScheduleUpdates(doctorId: string | undefined, onChange: () => void) {
  useSubscription(ScheduleAppointmentUpdatedSubscription, {
    variables: { doctorId },
    skip: !doctorId,
    onData: onChange,
  });
}

export function useScheduleActions() {
  // A confirmed or declined request leaves the requests list; today's worklist changes too.
  const lists = { refetchQueries: [BookingRequestsQuery, BookingRequestCountQuery, TodayWorklistQuery] };
  const [confirm, confirmState] = useMutation(ConfirmAppointmentMutation, lists);
  const [checkIn, checkInState] = useMutation(CheckInAppointmentMutation);
  const [complete, completeState] = useMutation(CompleteAppointmentMutation);
  const [noShow, noShowState] = useMutation(MarkNoShowMutation, lists);
  const [cancel, cancelState] = useMutation(CancelAppointmentMutation, lists);
  const [reschedule, rescheduleState] = useMutation(RescheduleScheduleAppointmentMutation, lists);
  return {
    confirm: (id: string) => confirm({ variables: { id } }),
    checkIn: (id: string) => checkIn({ variables: { id } }),
    complete: (id: string) => complete({ variables: { id } }),
    noShow: (id: string) => noShow({ variables: { id } }),
    cancel: (id: string, reason: string) => cancel({ variables: { id, reason: reason || null } }),
    reschedule: (id: string, startsAt: string) => reschedule({ variables: { id, startsAt } }),
    pending:
      confirmState.loading ||
      checkInState.loading ||
      completeState.loading ||
      noShowState.loading ||
      cancelState.loading ||
      rescheduleState.loading,
  };
}

/** Start of the viewer's today, as an ISO instant (stable all day, so the lists share a cache entry). */
export function startOfToday(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

/** Booking requests (REQUESTED) from today on, oldest start first (every page), and how many there are. */
export function useBookingRequests(skip = false) {
  const { data, loading, error, refetch, fetchMore } = useQuery(BookingRequestsQuery, {
    ...WHOLE_LIST,
    variables: { from: startOfToday() },
    skip,
  });
  const pages = useEveryPage(data?.appointments.pageInfo, fetchMore);
  const requests = (data?.appointments.edges ?? [])
    .map((edge) => getFragmentData(ScheduleAppointmentFragment, edge.node))
    .filter((appointment) => appointment.status === 'REQUESTED');
  return {
    requests,
    count: data?.appointments.totalCount ?? 0,
    loading: loading && !data,
    error,
    refetch,
    ...pages,
  };
}

/**
 * How many booking requests wait from today on (the menu's badge), and `refresh` for when the
 * schedule changes elsewhere: it refreshes the count and any requests list on screen.
 */
export function useBookingRequestCount() {
  const client = useApolloClient();
  const { data } = useQuery(BookingRequestCountQuery, { variables: { from: startOfToday() } });
  return {
    count: data?.appointments.totalCount ?? 0,
    refresh: () => client.refetchQueries({ include: [BookingRequestCountQuery, BookingRequestsQuery] }),
  };
}
