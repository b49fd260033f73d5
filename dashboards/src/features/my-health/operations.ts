import { graphql } from '../../gql';

export const MyPrescriptionsQuery = graphql(`
  query MyPrescriptions($status: [PrescriptionStatus!], $first: Int = 20, $after: String) {
    me {
      id
      patient {
        id
        prescriptions(status: $status, first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              status
              ...PrescriptionStatusBadge
              issuedAt
              notes
              items {
                medication
                dosage
                frequency
                ...PrescriptionItemLine
              }
              doctor {
                id
                active
                awayUntil
                ...DoctorName
              }
              repeatRequest {
                ...MyRepeatRequest
              }
            }
          }
        }
      }
    }
  }
`);

/** Where the patient's latest request for a repeat of a prescription stands. */
export const MyRepeatRequestFragment = graphql(`
  fragment MyRepeatRequest on RepeatRequest {
    id
    status
    createdAt
    decidedAt
    declineReason
  }
`);

/** The patient takes back a repeat request the doctor has not answered. */
export const WithdrawRepeatRequestMutation = graphql(`
  mutation WithdrawRepeatRequest($id: ID!) {
    withdrawRepeatRequest(id: $id) {
      ...MyRepeatRequest
    }
  }
`);

/** The patient asks the prescribing doctor for a repeat; the prescription's card shows it waiting. */
export const RequestRepeatPrescriptionMutation = graphql(`
  mutation RequestRepeatPrescription($prescriptionId: ID!, $note: String) {
    requestRepeatPrescription(prescriptionId: $prescriptionId, note: $note) {
      id
      prescription {
        id
        repeatRequest {
          ...MyRepeatRequest
        }
      }
    }
  }
`);

/**
 * The chart's timeline, newest first, a page at a time; each record with what the patient reads of
 * it. Pages of 15: an entry can be a visit, a record with its vitals, a prescription or a hospital
 * stay, and a page stays within a screen's query budget (query-cost.test.ts).
 */
export const MyRecordsQuery = graphql(`
  query MyRecords($after: String) {
    me {
      id
      patient {
        id
        timeline(first: 15, after: $after) {
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
              admission {
                id
                dischargedAt
                ...StayDetails
              }
              medicalRecord {
                id
                ...RecordTypeBadge
                diagnoses {
                  code
                  ...DiagnosisLine
                }
                vitals {
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
  }
`);

/** The records' vitals for the charts, newest first, a page at a time. */
export const MyVitalsQuery = graphql(`
  query MyVitals($after: String) {
    me {
      id
      patient {
        id
        medicalRecords(first: 50, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              recordedAt
              vitals {
                systolic
                diastolic
                heartRate
                temperatureC
                weightKg
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
    ...MyTextReminders
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

/**
 * Where the patient's text-message reminders stand. Part of the profile, so that saving another
 * phone number (which is then unconfirmed) shows at once in the reminders section.
 */
export const MyTextRemindersFragment = graphql(`
  fragment MyTextReminders on Patient {
    id
    phone
    phoneConfirmed
    smsReminders
  }
`);

/** Texts a code to the phone saved in the profile; answers when the code expires. */
export const StartPhoneConfirmationMutation = graphql(`
  mutation StartPhoneConfirmation {
    startPhoneConfirmation
  }
`);

/** Confirms the phone with the texted code, which turns text reminders on. */
export const ConfirmPhoneMutation = graphql(`
  mutation ConfirmPhone($code: String!) {
    confirmPhone(code: $code) {
      id
      ...MyTextReminders
    }
  }
`);

export const SetSmsRemindersMutation = graphql(`
  mutation SetSmsReminders($enabled: Boolean!) {
    setSmsReminders(enabled: $enabled) {
      id
      ...MyTextReminders
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
  query MyAccessLog($after: String) {
    myAccessLog(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
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
