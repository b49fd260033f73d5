import { graphql } from '../../gql';

/** A doctor's hours as whoever manages them sees them: the weekly hours, time off, and the visits left outside. */
export const DoctorHoursFragment = graphql(`
  fragment DoctorHours on Doctor {
    id
    timezone
    availability {
      id
      weekday
      startTime
      endTime
      slotMinutes
    }
    timeOff {
      id
      startsAt
      endsAt
      reason
    }
    appointmentsOutsideAvailability {
      id
      startsAt
      patient {
        id
        firstName
        lastName
      }
    }
  }
`);

/** The signed-in doctor's own hours. */
export const OwnHoursQuery = graphql(`
  query OwnHours {
    me {
      id
      doctor {
        id
        ...DoctorHours
      }
    }
  }
`);

export const SetAvailabilityMutation = graphql(`
  mutation SetDoctorAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {
    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {
      id
      availability {
        id
        weekday
        startTime
        endTime
        slotMinutes
      }
      appointmentsOutsideAvailability {
        id
        startsAt
        patient {
          id
          firstName
          lastName
        }
      }
    }
  }
`);

export const AddTimeOffMutation = graphql(`
  mutation AddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {
    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {
      id
      startsAt
      endsAt
      reason
    }
  }
`);

export const RemoveTimeOffMutation = graphql(`
  mutation RemoveTimeOff($id: ID!) {
    removeTimeOff(id: $id)
  }
`);

export const AffectedAppointmentsQuery = graphql(`
  query AffectedAppointments($input: ScheduleChangeInput!) {
    affectedAppointments(input: $input) {
      id
      startsAt
      endsAt
      status
      patient {
        id
        firstName
        lastName
      }
      doctor {
        id
        specialization
      }
    }
  }
`);

export const ResolveAffectedAppointmentsMutation = graphql(`
  mutation ResolveAffectedAppointments($resolutions: [AffectedAppointmentResolutionInput!]!) {
    resolveAffectedAppointments(resolutions: $resolutions) {
      id
      status
      startsAt
      cancellationReason
    }
  }
`);

/** A doctor's name, read from the cache for a move target chosen earlier. */
export const MoveTargetNameFragment = graphql(`
  fragment MoveTargetName on Doctor {
    firstName
    lastName
  }
`);

/** The doctors of a specialisation an appointment can move to: a page at a time, found by name. */
export const MoveTargetsQuery = graphql(`
  query MoveTargets($specialization: String, $search: String, $after: String) {
    doctors(specialization: $specialization, search: $search, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          firstName
          lastName
        }
      }
    }
  }
`);

export const MoveSlotsQuery = graphql(`
  query MoveSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {
    availableSlots(doctorId: $doctorId, from: $from, to: $to) {
      startsAt
      endsAt
    }
  }
`);
