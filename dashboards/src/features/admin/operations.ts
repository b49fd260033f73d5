import { graphql } from '../../gql';

// Admin operations. None of them selects clinical fields (allergies, reasons, records …): the API
// answers those with FORBIDDEN for administrators.

export const AdminDoctorsQuery = graphql(`
  query AdminDoctors($search: String, $first: Int) {
    doctors(search: $search, first: $first) {
      edges {
        node {
          id
          firstName
          lastName
          specialization
          licenseNumber
          timezone
          consultationFee
        }
      }
    }
  }
`);

export const AdminCreateDoctorMutation = graphql(`
  mutation AdminCreateDoctor($input: CreateDoctorInput!) {
    createDoctor(input: $input) {
      id
      firstName
      lastName
    }
  }
`);

export const AdminDoctorQuery = graphql(`
  query AdminDoctor($id: ID!) {
    doctor(id: $id) {
      id
      userId
      firstName
      lastName
      specialization
      licenseNumber
      timezone
      consultationFee
      bio
      qualifications
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
  }
`);

export const AdminSetAvailabilityMutation = graphql(`
  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {
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

export const AdminAddTimeOffMutation = graphql(`
  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {
    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {
      id
      startsAt
      endsAt
      reason
    }
  }
`);

export const AdminRemoveTimeOffMutation = graphql(`
  mutation AdminRemoveTimeOff($id: ID!) {
    removeTimeOff(id: $id)
  }
`);

export const AdminPatientsQuery = graphql(`
  query AdminPatients($search: String, $first: Int, $after: String) {
    patients(search: $search, first: $first, after: $after) {
      edges {
        node {
          id
          firstName
          lastName
          email
          phone
          dateOfBirth
          active
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const AdminPatientQuery = graphql(`
  query AdminPatient($id: ID!) {
    patient(id: $id) {
      id
      userId
      firstName
      lastName
      email
      phone
      address
      dateOfBirth
      gender
      active
    }
  }
`);

export const AdminUpdatePatientMutation = graphql(`
  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {
    updatePatient(id: $id, input: $input) {
      id
      firstName
      lastName
      email
      phone
      address
      dateOfBirth
      gender
      active
    }
  }
`);

export const AdminDeactivateUserMutation = graphql(`
  mutation AdminDeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
      deactivatedAt
    }
  }
`);

export const AdminAppointmentsQuery = graphql(`
  query AdminAppointments($filter: AppointmentFilter, $first: Int, $after: String) {
    appointments(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          startsAt
          ...AppointmentStatusBadge
          patient {
            id
            firstName
            lastName
          }
          doctor {
            id
            ...DoctorName
            timezone
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const AdminAnalyticsQuery = graphql(`
  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {
    analytics(from: $from, to: $to, timezone: $timezone) {
      totalAppointments
      noShowRate
      cancellationRate
      appointmentsPerDay {
        date
        total
        completed
        cancelled
        noShow
      }
      utilisation {
        doctor {
          id
          firstName
          lastName
        }
        availableHours
        bookedHours
        utilisation
      }
    }
  }
`);

export const AdminAuditEventsQuery = graphql(`
  query AdminAuditEvents($patientId: ID, $actorId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    auditEvents(patientId: $patientId, actorId: $actorId, from: $from, to: $to, first: $first, after: $after) {
      edges {
        node {
          id
          at
          actorId
          actorName
          actorRole
          action
          entityType
          entityId
          patientId
          reason
          emergency
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
