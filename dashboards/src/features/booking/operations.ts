import { graphql } from '../../gql';

export const MyAppointmentsQuery = graphql(`
  query MyAppointments($after: String) {
    me {
      id
      patient {
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
              ...PatientAppointmentFields
            }
          }
        }
      }
    }
  }
`);

export const MyAppointmentUpdatedSubscription = graphql(`
  subscription MyAppointmentUpdated($patientId: ID, $after: String) {
    appointmentUpdated(patientId: $patientId, after: $after) {
      id
      cursor
      kind
      at
      appointment {
        id
        ...PatientAppointmentFields
      }
    }
  }
`);

export const CancelMyAppointmentMutation = graphql(`
  mutation CancelMyAppointment($id: ID!, $reason: String) {
    cancelAppointment(id: $id, reason: $reason) {
      id
      ...PatientAppointmentFields
    }
  }
`);

export const RescheduleMyAppointmentMutation = graphql(`
  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {
    rescheduleAppointment(id: $id, startsAt: $startsAt) {
      id
      ...PatientAppointmentFields
    }
  }
`);

export const BookingDoctorFragment = graphql(`
  fragment BookingDoctor on Doctor {
    id
    firstName
    lastName
    specialization
    timezone
    fee {
      amount
      currency
    }
    qualifications
    bio
    nextAvailableSlot {
      startsAt
      endsAt
    }
  }
`);

/** The specialties to book in: the clinic's managed list, with how many doctors take bookings in each. */
export const BookingSpecializationsQuery = graphql(`
  query BookingSpecializations {
    specializations {
      id
      name
      doctorCount
    }
  }
`);

/** Doctors per page of `BookingDoctorsQuery` (its `first`). */
export const BOOKING_DOCTORS_PAGE = 20;

/** A specialty's doctors who take bookings, `first` (`BOOKING_DOCTORS_PAGE`) at a time, narrowed by name with `search`. */
export const BookingDoctorsQuery = graphql(`
  query BookingDoctors($specialization: String!, $search: String, $first: Int!, $after: String) {
    doctors(specialization: $specialization, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...BookingDoctor
        }
      }
    }
  }
`);
export const AvailableSlotsQuery = graphql(`
  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {
    availableSlots(doctorId: $doctorId, from: $from, to: $to) {
      startsAt
      endsAt
    }
  }
`);

export const BookAppointmentMutation = graphql(`
  mutation BookAppointment($input: BookAppointmentInput!) {
    bookAppointment(input: $input) {
      id
      ...PatientAppointmentFields
    }
  }
`);

export const FirstAvailableSlotsQuery = graphql(`
  query FirstAvailableSlots($specialization: String!) {
    firstAvailableSlots(specialization: $specialization, limit: 8) {
      startsAt
      doctor {
        id
        ...BookingDoctor
      }
    }
  }
`);
