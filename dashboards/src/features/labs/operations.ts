import { graphql } from '../../gql';

export const LabResultRowFragment = graphql(`
  fragment LabResultRow on LabResult {
    code
    name
    value
    unit
    referenceLow
    referenceHigh
    interpretation
    resultedAt
    version
  }
`);

export const LabOrderCardFragment = graphql(`
  fragment LabOrderCard on LabOrder {
    id
    status
    orderedAt
    collectedAt
    resultedAt
    cancelledAt
    cancelReason
    reviewedAt
    notes
    tests {
      code
      name
    }
    results {
      ...LabResultRow
    }
    attachments {
      id
      ...AttachmentFile
    }
    doctor {
      ...DoctorAway
      ...DoctorName
    }
  }
`);

export const LabCatalogueQuery = graphql(`
  query LabCatalogue {
    labCatalogue {
      code
      name
      isPanel
      members
      unit
      referenceLow
      referenceHigh
      normalValues
    }
  }
`);

export const PatientLabOrdersQuery = graphql(`
  query PatientLabOrders($patientId: ID!, $after: String) {
    patient(id: $patientId) {
      id
      labOrders(first: 5, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            ...LabOrderCard
          }
        }
      }
    }
  }
`);

export const MyLabOrdersQuery = graphql(`
  query MyLabOrders($after: String) {
    me {
      id
      patient {
        id
        labOrders(first: 25, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              ...LabOrderCard
            }
          }
        }
      }
    }
  }
`);

export const OrderLabTestsMutation = graphql(`
  mutation OrderLabTests($input: OrderLabTestsInput!) {
    orderLabTests(input: $input) {
      id
      ...LabOrderCard
    }
  }
`);

export const RecordLabResultsMutation = graphql(`
  mutation RecordLabResults($orderId: ID!, $results: [LabResultInput!]!) {
    recordLabResults(orderId: $orderId, results: $results) {
      id
      ...LabOrderCard
    }
  }
`);

export const MarkLabSpecimenCollectedMutation = graphql(`
  mutation MarkLabSpecimenCollected($orderId: ID!) {
    markLabSpecimenCollected(orderId: $orderId) {
      id
      ...LabOrderCard
    }
  }
`);

export const CancelLabOrderMutation = graphql(`
  mutation CancelLabOrder($orderId: ID!, $reason: String!) {
    cancelLabOrder(orderId: $orderId, reason: $reason) {
      id
      ...LabOrderCard
    }
  }
`);

export const LabSeriesQuery = graphql(`
  query LabSeries($patientId: ID!, $code: String!) {
    patient(id: $patientId) {
      id
      labOrders(code: $code, first: 60) {
        totalCount
        edges {
          node {
            id
            results {
              ...LabResultRow
            }
          }
        }
      }
    }
  }
`);

export const LabResultsToReviewQuery = graphql(`
  query LabResultsToReview {
    labResultsToReview {
      id
      resultedAt
      reviewedAt
      patient {
        id
        firstName
        lastName
      }
      doctor {
        ...DoctorAway
        ...DoctorName
      }
      results {
        ...LabResultRow
      }
    }
  }
`);

export const MarkLabResultsReviewedMutation = graphql(`
  mutation MarkLabResultsReviewed($orderId: ID!) {
    markLabResultsReviewed(orderId: $orderId) {
      id
      status
      reviewedAt
    }
  }
`);

export const LabResultsToReviewCountQuery = graphql(`
  query LabResultsToReviewCount {
    labResultsToReviewCount
  }
`);
