import { graphql } from '../../gql';

/** An appointment as the front desk sees it: no visit reason (clinical, not for administrators). */
export const FrontDeskAppointmentFragment = graphql(`
  fragment FrontDeskAppointment on Appointment {
    id
    startsAt
    endsAt
    status
    ...AppointmentStatusBadge
    type
    cancellationReason
    patient {
      id
      firstName
      lastName
    }
    doctor {
      id
      firstName
      lastName
      ...DoctorName
      specialization
      timezone
    }
  }
`);

export const PatientAppointmentsQuery = graphql(`
  query FrontDeskPatientAppointments($patientId: ID!, $after: String) {
    patient(id: $patientId) {
      id
      appointments(first: 40, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            ...FrontDeskAppointment
          }
        }
      }
    }
  }
`);

/**
 * The patient's appointments that hold their time from `from` on (as the API's no-overlap rule
 * has it): times the desk does not offer them again.
 */
export const PatientBusyTimesQuery = graphql(`
  query FrontDeskPatientBusyTimes($patientId: ID!, $from: DateTime!) {
    appointments(
      filter: { patientId: $patientId, from: $from, status: [REQUESTED, CONFIRMED, CHECKED_IN] }
      first: 100
    ) {
      edges {
        node {
          id
          startsAt
          endsAt
        }
      }
    }
  }
`);

export const FrontDeskBookMutation = graphql(`
  mutation FrontDeskBook($input: BookAppointmentInput!) {
    bookAppointment(input: $input) {
      id
      ...FrontDeskAppointment
    }
  }
`);

export const FrontDeskRescheduleMutation = graphql(`
  mutation FrontDeskReschedule($id: ID!, $startsAt: DateTime!) {
    rescheduleAppointment(id: $id, startsAt: $startsAt) {
      id
      ...FrontDeskAppointment
    }
  }
`);

export const FrontDeskCancelMutation = graphql(`
  mutation FrontDeskCancel($id: ID!, $reason: String) {
    cancelAppointment(id: $id, reason: $reason) {
      id
      ...FrontDeskAppointment
    }
  }
`);

export const FrontDeskConfirmMutation = graphql(`
  mutation FrontDeskConfirm($id: ID!) {
    confirmAppointment(id: $id) {
      id
      ...FrontDeskAppointment
    }
  }
`);
