import { graphql } from '../../gql';

export const MyPrescriptionsQuery = graphql(`
  query MyPrescriptions {
    me {
      id
      patient {
        id
        prescriptions(first: 50) {
          edges {
            node {
              id
              status
              ...PrescriptionStatusBadge
              issuedAt
              notes
              items {
                ...PrescriptionItemLine
              }
              doctor {
                id
                ...DoctorName
              }
            }
          }
        }
      }
    }
  }
`);

export const MyRecordsQuery = graphql(`
  query MyRecords {
    me {
      id
      patient {
        id
        timeline(first: 20) {
          edges {
            node {
              id
              kind
              at
              appointment {
                id
                ...AppointmentStatusBadge
                doctor {
                  id
                  ...DoctorName
                  specialization
                }
              }
              prescription {
                id
                ...PrescriptionStatusBadge
                items {
                  medication
                }
              }
              medicalRecord {
                id
              }
            }
          }
        }
        medicalRecords(first: 20) {
          edges {
            node {
              id
              recordedAt
              ...RecordTypeBadge
              diagnoses {
                code
                ...DiagnosisLine
              }
              vitals {
                systolic
                diastolic
                heartRate
                temperatureC
                weightKg
                ...VitalsSummary
              }
              notes
              doctor {
                id
                ...DoctorName
              }
            }
          }
        }
      }
    }
  }
`);

export const MyProfileFields = graphql(`
  fragment MyProfileFields on Patient {
    id
    firstName
    lastName
    email
    phone
    address
    dateOfBirth
    gender
    allergies
    chronicConditions
    currentMedications
    emergencyContacts {
      name
      phone
      relationship
    }
  }
`);

export const MyProfileQuery = graphql(`
  query MyProfile {
    me {
      id
      patient {
        id
        ...MyProfileFields
      }
    }
  }
`);

export const UpdateMyProfileMutation = graphql(`
  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {
    updatePatient(id: $id, input: $input) {
      id
      ...MyProfileFields
    }
  }
`);

export const MyAccessLogQuery = graphql(`
  query MyAccessLog {
    myAccessLog(first: 50) {
      edges {
        node {
          id
          at
          actorName
          actorRole
          action
          entityType
          entityDate
          emergency
          reason
        }
      }
    }
  }
`);
