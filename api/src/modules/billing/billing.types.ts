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
});

export enum ClaimStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  PARTIALLY_APPROVED = 'PARTIALLY_APPROVED',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
}
registerEnumType(ClaimStatus, {
  name: 'ClaimStatus',
  description:
    'SUBMITTED when sent to the insurer; the decision is APPROVED, PARTIALLY_APPROVED or REJECTED, and an approval is booked onto the invoice as an INSURANCE payment in the same step. DRAFT and PAID are reserved for insurers that remit separately from deciding.',
});
