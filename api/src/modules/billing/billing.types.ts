import { registerEnumType } from 'type-graphql';

export enum InvoiceStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Derived, never set: DRAFT until issued; then by the payments against the total; VOID once voided.',
  valuesConfig: {
    DRAFT: { description: 'Not issued yet; lines may change.' },
    ISSUED: { description: 'Issued, nothing paid yet.' },
    PARTIALLY_PAID: { description: 'Issued, partly paid.' },
    PAID: { description: 'Paid in full.' },
    VOID: { description: 'Voided; nothing is owed.' },
  },
});

export enum PaymentMethod {
  CASH = 'CASH',
  CARD = 'CARD',
  TRANSFER = 'TRANSFER',
  INSURANCE = 'INSURANCE',
}
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'How money came in. INSURANCE payments come from approved claims.',
  valuesConfig: {
    CASH: { description: 'Cash at the desk.' },
    CARD: { description: 'A card payment.' },
    TRANSFER: { description: 'A bank transfer.' },
    INSURANCE: { description: 'Paid by the insurer on an approved claim.' },
  },
});

export enum ClaimStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  PARTIALLY_APPROVED = 'PARTIALLY_APPROVED',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
}
/** Claims still with the insurer, who may yet pay (the statuses of `insurance_claim_one_open_per_invoice`). */
export const UNDECIDED_CLAIMS: readonly ClaimStatus[] = [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED];

registerEnumType(ClaimStatus, {
  name: 'ClaimStatus',
  description:
    'SUBMITTED when sent to the insurer; the decision is APPROVED, PARTIALLY_APPROVED or REJECTED, and an approval is booked onto the invoice as an INSURANCE payment in the same step. DRAFT and PAID are reserved for insurers that remit separately from deciding.',
  valuesConfig: {
    DRAFT: { description: 'Prepared, not sent (reserved).' },
    SUBMITTED: { description: 'Sent to the insurer, awaiting a decision.' },
    APPROVED: { description: 'Approved in full.' },
    PARTIALLY_APPROVED: { description: 'Approved for part of the amount.' },
    REJECTED: { description: 'Refused by the insurer.' },
    PAID: { description: 'Remitted by the insurer (reserved).' },
  },
});
