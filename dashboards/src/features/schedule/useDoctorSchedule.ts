import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { getFragmentData } from '../../gql';
import {
  CancelAppointmentMutation,
  CheckInAppointmentMutation,
  CompleteAppointmentMutation,
  ConfirmAppointmentMutation,
  DoctorScheduleQuery,
  MarkNoShowMutation,
  ScheduleAppointmentFragment,
  ScheduleAppointmentUpdatedSubscription,
} from './operations';

/** The doctor's appointments between `from` and `to`, kept live by `appointmentUpdated`. */
export function useDoctorSchedule(from: string, to: string, doctorId: string | undefined) {
  const { data, loading, error, refetch } = useQuery(DoctorScheduleQuery, {
    variables: { filter: { from, to } },
    notifyOnNetworkStatusChange: false,
  });
  useSubscription(ScheduleAppointmentUpdatedSubscription, {
    variables: { doctorId },
    skip: !doctorId,
    // A booking may land in the range shown, a cancellation may leave it: ask again.
    onData: () => {
      void refetch();
    },
  });
  const appointments = (data?.appointments.edges ?? []).map((edge) =>
    getFragmentData(ScheduleAppointmentFragment, edge.node),
  );
  return { appointments, loading: loading && !data, error, refetch };
}

export function useScheduleActions() {
  const [confirm, confirmState] = useMutation(ConfirmAppointmentMutation);
  const [checkIn, checkInState] = useMutation(CheckInAppointmentMutation);
  const [complete, completeState] = useMutation(CompleteAppointmentMutation);
  const [noShow, noShowState] = useMutation(MarkNoShowMutation);
  const [cancel, cancelState] = useMutation(CancelAppointmentMutation);
  return {
    confirm: (id: string) => confirm({ variables: { id } }),
    checkIn: (id: string) => checkIn({ variables: { id } }),
    complete: (id: string) => complete({ variables: { id } }),
    noShow: (id: string) => noShow({ variables: { id } }),
    cancel: (id: string, reason: string) => cancel({ variables: { id, reason: reason || null } }),
    pending:
      confirmState.loading ||
      checkInState.loading ||
      completeState.loading ||
      noShowState.loading ||
      cancelState.loading,
  };
}
