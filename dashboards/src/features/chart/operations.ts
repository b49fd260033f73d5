import { graphql } from '../../gql';

export const PatientChartQuery = graphql(`
  query PatientChart($id: ID!, $after: String) {
    patient(id: $id) {
      id
      ...PatientSummary
      allergies
      chronicConditions
      currentMedications
      surgeries {
        procedure
        date
      }
      familyHistory {
        relation
        condition
      }
      emergencyContacts {
        name
        relationship
        phone
      }
      # "Current medications": every active prescription, however old, whatever the timeline's page shows.
      activePrescriptions: prescriptions(status: [ACTIVE], first: 12) {
        totalCount
        edges {
          node {
            id
            status
            items {
              medication
              dosage
              frequency
            }
            doctor {
              id
              firstName
              lastName
            }
          }
        }
      }
      timeline(first: 10, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            at
            appointment {
              id
              startsAt
              status
              reason
              ...AppointmentStatusBadge
              doctor {
                id
                firstName
                lastName
              }
            }
            prescription {
              id
              notes
              ...PrescriptionStatusBadge
              doctor {
                id
                firstName
                lastName
              }
              appointment {
                id
                doctor {
                  id
                  firstName
                  lastName
                }
              }
              status
              items {
                ...PrescriptionItemLine
              }
            }
            admission {
              id
              dischargedAt
              ...StayDetails
            }
            medicalRecord {
              id
              ...RecordTypeBadge
              type
              version
              doctor {
                id
                firstName
                lastName
              }
              appointment {
                id
                doctor {
                  id
                  firstName
                  lastName
                }
              }
              diagnoses {
                code
                ...DiagnosisLine
              }
              symptoms
              vitals {
                ...VitalsSummary
              }
              notes
              followUpDate
            }
          }
        }
      }
    }
  }
`);

export const RequestEmergencyAccessMutation = graphql(`
  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {
    requestEmergencyAccess(patientId: $patientId, reason: $reason) {
      id
      expiresAt
    }
  }
`);

export const CreateMedicalRecordMutation = graphql(`
  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {
    createMedicalRecord(input: $input) {
      id
    }
  }
`);

export const IssuePrescriptionMutation = graphql(`
  mutation IssuePrescription($input: IssuePrescriptionInput!) {
    issuePrescription(input: $input) {
      id
    }
  }
`);

export const MyPatientsQuery = graphql(`
  query MyPatients($search: String, $after: String, $withVisits: Boolean! = false, $orderBy: PatientOrder) {
    patients(search: $search, first: 20, after: $after, orderBy: $orderBy) {
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
          dateOfBirth
          gender
          lastVisit @include(if: $withVisits) {
            id
            startsAt
          }
          nextVisit @include(if: $withVisits) {
            id
            startsAt
            status
          }
        }
      }
    }
  }
`);

export const PatientLookupQuery = graphql(`
  query PatientLookup($search: String!) {
    patientLookup(search: $search) {
      patientId
      firstName
      lastName
      dateOfBirth
      access
    }
  }
`);

export const DiscontinuePrescriptionMutation = graphql(`
  mutation DiscontinuePrescription($id: ID!, $reason: String!) {
    discontinuePrescription(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const AmendRecordNotesMutation = graphql(`
  mutation AmendRecordNotes($id: ID!, $notes: String, $reason: String!) {
    amendMedicalRecord(id: $id, input: { notes: $notes }, reason: $reason) {
      id
      version
      notes
    }
  }
`);

/** A doctor caring for the patient records their allergies and long-term conditions. */
export const UpdatePatientHistoryMutation = graphql(`
  mutation UpdatePatientHistory($id: ID!, $input: UpdatePatientInput!) {
    updatePatient(id: $id, input: $input) {
      id
      allergies
      chronicConditions
    }
  }
`);

/** One change of the medical history, as the changes list shows it. */
export const HistoryChangeItemFragment = graphql(`
  fragment HistoryChangeItem on MedicalHistoryChange {
    id
    part
    changedAt
    before
    after
    added
    removed
    byPatient
    emergency
    doctor {
      id
      ...DoctorName
    }
  }
`);

/**
 * The changes of a patient's medical history, newest first, a page at a time: read only when the
 * changes are opened (every change read is audited), never with the chart's own query.
 */
export const PatientHistoryChangesQuery = graphql(`
  query PatientHistoryChanges($id: ID!, $after: String) {
    patient(id: $id) {
      id
      medicalHistoryChanges(first: 10, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            ...HistoryChangeItem
          }
        }
      }
    }
  }
`);
