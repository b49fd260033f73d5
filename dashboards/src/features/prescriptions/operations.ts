import { graphql } from '../../gql';

/** The repeat prescriptions patients asked the signed-in doctor for, oldest first. */
export const RepeatRequestsQuery = graphql(`
  query RepeatRequests {
    repeatRequests {
      id
      createdAt
      note
      patient {
        id
        firstName
        lastName
      }
      doctor {
        ...DoctorAway
        ...DoctorName
      }
      prescription {
        id
        issuedAt
        items {
          ...PrescriptionItemLine
        }
      }
    }
  }
`);

/** The doctor declines a repeat request, with a reason the patient reads. */
export const DeclineRepeatRequestMutation = graphql(`
  mutation DeclineRepeatRequest($id: ID!, $reason: String!) {
    declineRepeatRequest(id: $id, reason: $reason) {
      id
      status
      declineReason
      decidedAt
    }
  }
`);

/** How many repeat requests wait for the signed-in doctor: the Today tab's badge (reads no request). */
export const RepeatRequestCountQuery = graphql(`
  query RepeatRequestCount {
    repeatRequestCount
  }
`);
