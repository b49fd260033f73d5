import { graphql } from '../../gql';

// A patient's right to erasure: their own requests in the portal, everyone's in the admin console.

export const MyErasureRequestsQuery = graphql(`
  query MyErasureRequests($after: String) {
    erasureRequests(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          reason
          createdAt
          dueAt
          decidedAt
          answer
        }
      }
    }
  }
`);

export const RequestErasureMutation = graphql(`
  mutation RequestErasure($reason: String) {
    requestErasure(reason: $reason) {
      id
      status
      reason
      createdAt
      dueAt
      decidedAt
      answer
    }
  }
`);

export const WithdrawErasureRequestMutation = graphql(`
  mutation WithdrawErasureRequest($id: ID!) {
    withdrawErasureRequest(id: $id) {
      id
      status
      decidedAt
    }
  }
`);

export const AdminErasureRequestsQuery = graphql(`
  query AdminErasureRequests($status: [ErasureRequestStatus!], $first: Int = 20, $after: String) {
    erasureRequests(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          reason
          createdAt
          dueAt
          decidedAt
          answer
          patient {
            id
            firstName
            lastName
          }
          outcome {
            appointmentsCancelled
            waitlistPlacesLeft
            consentsWithdrawn
            repeatRequestsWithdrawn
          }
        }
      }
    }
  }
`);

export const DecideErasureRequestMutation = graphql(`
  mutation DecideErasureRequest($id: ID!, $input: DecideErasureRequestInput!) {
    decideErasureRequest(id: $id, input: $input) {
      id
      status
      decidedAt
      answer
      outcome {
        appointmentsCancelled
        waitlistPlacesLeft
        consentsWithdrawn
        repeatRequestsWithdrawn
      }
    }
  }
`);

// Unusual access to patients' charts, found in the audit trail, for administrators to review.

export const AccessAlertsQuery = graphql(`
  query AccessAlerts($status: [AccessAlertStatus!], $first: Int = 20, $after: String) {
    accessAlerts(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          rule
          status
          actorId
          actorRole
          actorName
          windowStart
          windowEnd
          patientCount
          usualCount
          reviewedAt
          note
          patientsNotified
          reportDueAt
        }
      }
    }
  }
`);

export const ReviewAccessAlertMutation = graphql(`
  mutation ReviewAccessAlert($id: ID!, $input: ReviewAccessAlertInput!) {
    reviewAccessAlert(id: $id, input: $input) {
      id
      status
      reviewedAt
      note
      patientsNotified
      reportDueAt
    }
  }
`);
