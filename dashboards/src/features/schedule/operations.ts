import { graphql } from '../../gql';

export const ScheduleAppointmentFragment = graphql(`
  fragment ScheduleAppointment on Appointment {
    id
    startsAt
    endsAt
    status
    ...AppointmentStatusBadge
    type
    reason
    cancellationReason
    patient {
      id
      firstName
      lastName
    }
  }
`);

export const DoctorScheduleQuery = graphql(`
  query DoctorSchedule($filter: AppointmentFilter) {
    appointments(filter: $filter, first: 100) {
      edges {
        node {
          id
          ...ScheduleAppointment
        }
      }
    }
  }
`);

export const ScheduleAppointmentUpdatedSubscription = graphql(`
  subscription ScheduleAppointmentUpdated($doctorId: ID, $after: String) {
    appointmentUpdated(doctorId: $doctorId, after: $after) {
      id
      cursor
      kind
      at
      appointment {
        id
        ...ScheduleAppointment
      }
    }
  }
`);

export const ConfirmAppointmentMutation = graphql(`
  mutation ConfirmAppointment($id: ID!) {
    confirmAppointment(id: $id) {
      id
      ...ScheduleAppointment
    }
  }
`);

export const CheckInAppointmentMutation = graphql(`
  mutation CheckInAppointment($id: ID!) {
    checkInAppointment(id: $id) {
      id
      ...ScheduleAppointment
    }
  }
`);

export const CompleteAppointmentMutation = graphql(`
  mutation CompleteAppointment($id: ID!) {
    completeAppointment(id: $id) {
      id
      ...ScheduleAppointment
    }
  }
`);

export const MarkNoShowMutation = graphql(`
  mutation MarkNoShow($id: ID!) {
    markNoShow(id: $id) {
      id
      ...ScheduleAppointment
    }
  }
`);

export const CancelAppointmentMutation = graphql(`
  mutation CancelAppointment($id: ID!, $reason: String) {
    cancelAppointment(id: $id, reason: $reason) {
      id
      ...ScheduleAppointment
    }
  }
`);
