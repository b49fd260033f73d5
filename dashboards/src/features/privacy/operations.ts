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
