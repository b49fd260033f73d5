import { graphql } from '../../gql';

// Admin operations. None of them selects clinical fields (allergies, reasons, records …): the API
// answers those with FORBIDDEN for administrators.

export const AdminDoctorsQuery = graphql(`
  query AdminDoctors($search: String, $hospitalId: ID, $departmentId: ID, $first: Int = 30, $after: String) {
    doctors(
      search: $search
      hospitalId: $hospitalId
      departmentId: $departmentId
      first: $first
      after: $after
      includeInactive: true
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          active
          awayUntil
          firstName
          lastName
          specialization
          licenseNumber
          timezone
          fee {
            amount
            currency
          }
          department {
            id
            name
            hospital {
              id
              name
            }
          }
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

export const AdminUpdateDoctorMutation = graphql(`
  mutation AdminUpdateDoctor($id: ID!, $input: UpdateDoctorInput!) {
    updateDoctor(id: $id, input: $input) {
      id
      ...DoctorProfile
    }
  }
`);

export const AdminDoctorQuery = graphql(`
  query AdminDoctor($id: ID!) {
    doctor(id: $id) {
      id
      userId
      active
      ...DoctorProfile
      ...DoctorHours
    }
  }
`);

export const AdminPatientsQuery = graphql(`
  query AdminPatients($search: String, $first: Int = 25, $after: String) {
    patients(search: $search, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          firstName
          lastName
          email
          emailVerified
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
      emailVerified
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
      emailVerified
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
  query AdminAppointments($filter: AppointmentFilter, $first: Int = 25, $after: String) {
    appointments(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          startsAt
          ...AppointmentStatusBadge
          ...FrontDeskAppointment
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
  query AdminAuditEvents(
    $name: String
    $patientId: ID
    $actorId: ID
    $entityId: ID
    $from: DateTime
    $to: DateTime
    $first: Int = 50
    $after: String
  ) {
    auditEvents(
      name: $name
      patientId: $patientId
      actorId: $actorId
      entityId: $entityId
      from: $from
      to: $to
      first: $first
      after: $after
    ) {
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
          patientName
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

export const AdminReactivateUserMutation = graphql(`
  mutation AdminReactivateUser($id: ID!) {
    reactivateUser(id: $id) {
      id
      active
      deactivatedAt
    }
  }
`);

export const SpecializationsQuery = graphql(`
  query Specializations {
    specializations {
      id
      name
    }
  }
`);

export const CreateSpecializationMutation = graphql(`
  mutation CreateSpecialization($name: String!) {
    createSpecialization(name: $name) {
      id
      name
    }
  }
`);
