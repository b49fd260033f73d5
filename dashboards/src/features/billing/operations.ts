import { graphql } from '../../gql';

// Money: the admin console's invoices and claims, the patient portal's own bills. Nothing here
// selects clinical fields (a visit's reason, diagnoses): billing carries none.

export const InvoiceFieldsFragment = graphql(`
  fragment InvoiceFields on Invoice {
    id
    number
    status
    issuedAt
    dueDate
    overdue
    voidReason
    patientId
    total {
      amount
      currency
    }
    balance {
      amount
      currency
    }
    lines {
      description
      quantity
      unitPrice {
        amount
        currency
      }
      total {
        amount
        currency
      }
    }
    payments {
      id
      method
      reference
      paidAt
      amount {
        amount
        currency
      }
    }
  }
`);

export const AdminInvoicesQuery = graphql(`
  query AdminInvoices(
    $patientId: ID
    $status: [InvoiceStatus!]
    $overdue: Boolean
    $search: String
    $first: Int = 20
    $after: String
  ) {
    invoices(patientId: $patientId, status: $status, overdue: $overdue, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...InvoiceFields
          patient {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

export const MyInvoicesQuery = graphql(`
  query MyInvoices($status: [InvoiceStatus!], $first: Int = 30, $after: String) {
    invoices(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...InvoiceFields
        }
      }
    }
  }
`);

/** What the patient still owes, per currency: the top of their bills page. */
export const BalanceDueQuery = graphql(`
  query BalanceDue($patientId: ID) {
    balanceDue(patientId: $patientId) {
      currency
      owed {
        amount
        currency
      }
      invoices
      overdue {
        amount
        currency
      }
      overdueInvoices
      awaitingInsurer {
        amount
        currency
      }
      nextDueDate
    }
  }
`);

export const IssueInvoiceMutation = graphql(`
  mutation IssueInvoice($id: ID!) {
    issueInvoice(id: $id) {
      ...InvoiceFields
    }
  }
`);

/** The administrator's batch: the drafts shown, issued together (all or none). */
/**
 * The drafts a batch would issue: the newest, up to the API's 100, under the list's filters (read
 * apart from the cached list, whose pages hold 20).
 */
export const DraftInvoiceIdsQuery = graphql(`
  query DraftInvoiceIds($patientId: ID, $search: String) {
    invoices(patientId: $patientId, status: [DRAFT], search: $search, first: 100) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const IssueInvoicesMutation = graphql(`
  mutation IssueInvoices($ids: [ID!]!) {
    issueInvoices(ids: $ids) {
      ...InvoiceFields
    }
  }
`);

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment($invoiceId: ID!, $input: RecordPaymentInput!) {
    recordPayment(invoiceId: $invoiceId, input: $input) {
      ...InvoiceFields
    }
  }
`);

export const VoidInvoiceMutation = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      ...InvoiceFields
    }
  }
`);

export const PoliciesQuery = graphql(`
  query InsurancePolicies($patientId: ID) {
    insurancePolicies(patientId: $patientId) {
      id
      provider
      policyNumber
      memberId
      validFrom
      validTo
    }
  }
`);

export const AddPolicyMutation = graphql(`
  mutation AddInsurancePolicy($input: AddInsurancePolicyInput!) {
    addInsurancePolicy(input: $input) {
      id
    }
  }
`);

export const SubmitClaimMutation = graphql(`
  mutation SubmitClaim($invoiceId: ID!, $policyId: ID!) {
    submitClaim(invoiceId: $invoiceId, policyId: $policyId) {
      id
      status
    }
  }
`);

export const ClaimsQuery = graphql(`
  query Claims($status: [ClaimStatus!], $first: Int = 40, $after: String) {
    claims(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          submittedAt
          decidedAt
          note
          amountClaimed {
            amount
            currency
          }
          amountApproved {
            amount
          }
          policy {
            id
            provider
            policyNumber
          }
          invoice {
            id
            number
            patient {
              id
              firstName
              lastName
            }
          }
          decidedByPartner
        }
      }
    }
    claimTotals(status: $status) {
      currency
      count
      claimed {
        amount
      }
      approved {
        amount
      }
    }
  }
`);

export const DecideClaimMutation = graphql(`
  mutation DecideClaim($id: ID!, $input: DecideClaimInput!) {
    decideClaim(id: $id, input: $input) {
      id
      status
      amountApproved {
        amount
      }
      note
    }
  }
`);

export const ReceivablesQuery = graphql(`
  query Receivables {
    receivables {
      currency
      outstanding {
        amount
      }
      buckets {
        label
        invoices
        outstanding {
          amount
        }
      }
    }
  }
`);

/**
 * What an issue, a payment or a void changes besides the invoice itself: the receivables, and what
 * the patient owes (the summary above one patient's bills). Whichever of them is on screen is read again.
 */
export const OWED_QUERIES = [ReceivablesQuery, BalanceDueQuery];

/** What was billed and collected over the analytics period, per currency. */
export const RevenueQuery = graphql(`
  query Revenue($from: DateTime!, $to: DateTime!) {
    revenue(from: $from, to: $to) {
      currency
      billed {
        amount
        currency
      }
      invoices
      collected {
        amount
        currency
      }
      payments
    }
  }
`);
