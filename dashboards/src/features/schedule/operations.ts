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
  query DoctorSchedule($filter: AppointmentFilter, $first: Int = 50, $after: String) {
    appointments(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          ...ScheduleAppointment
        }
      }
      pageInfo {
        hasNextPage
        endCursor
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

export const DoctorCalendarQuery = graphql(`
  query DoctorCalendar($doctorId: ID!, $from: DateTime!, $to: DateTime!) {
    doctor(id: $doctorId) {
      id
      timezone
      availability {
        weekday
        startTime
        endTime
        slotMinutes
      }
      timeOff(from: $from, to: $to) {
        id
        startsAt
        endsAt
        reason
      }
    }
    availableSlots(doctorId: $doctorId, from: $from, to: $to) {
      startsAt
      endsAt
    }
  }
`);

export const BookingRequestsQuery = graphql(`
  query BookingRequests($from: DateTime!, $after: String) {
    appointments(filter: { status: [REQUESTED], from: $from }, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ScheduleAppointment
        }
      }
    }
  }
`);

/** How many booking requests wait (the menu's badge): the count only, not the list. */
export const BookingRequestCountQuery = graphql(`
  query BookingRequestCount($from: DateTime!) {
    appointments(filter: { status: [REQUESTED], from: $from }, first: 1) {
      totalCount
    }
  }
`);

export const TodayWorklistQuery = graphql(`
  query TodayWorklist($from: DateTime!, $to: DateTime!, $after: String) {
    appointments(
      filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }
      first: 40
      after: $after
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ScheduleAppointment
          patient {
            id
            dateOfBirth
            allergies
          }
          medicalRecords {
            id
          }
        }
      }
    }
  }
`);

/** The doctor's first visit still to come from `from` on: where an empty day's worklist points next. */
export const NextVisitQuery = graphql(`
  query NextVisit($from: DateTime!) {
    appointments(filter: { from: $from, status: [REQUESTED, CONFIRMED, CHECKED_IN] }, first: 1) {
      edges {
        node {
          id
          startsAt
        }
      }
    }
  }
`);

export const RescheduleScheduleAppointmentMutation = graphql(`
  mutation RescheduleScheduleAppointment($id: ID!, $startsAt: DateTime!) {
    rescheduleAppointment(id: $id, startsAt: $startsAt) {
      id
      ...ScheduleAppointment
    }
  }
`);
