import { graphql } from '../../gql';

export const PatientChartQuery = graphql(`
  query PatientChart($id: ID!) {
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
      timeline(first: 30) {
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
            }
            prescription {
              id
              notes
              ...PrescriptionStatusBadge
              items {
                ...PrescriptionItemLine
              }
            }
            admission {
              id
              admittedAt
              dischargedAt
              reason
              bed {
                ward
                label
                department {
                  name
                }
              }
            }
            medicalRecord {
              id
              ...RecordTypeBadge
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
  query MyPatients($search: String) {
    patients(search: $search, first: 20) {
      edges {
        node {
          id
          firstName
          lastName
          dateOfBirth
        }
      }
    }
  }
`);
