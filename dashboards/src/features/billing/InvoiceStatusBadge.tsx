import { Badge } from '@chakra-ui/react';
import type { ClaimStatus, InvoiceStatus } from '../../gql/graphql';

const INVOICE: Record<InvoiceStatus, { label: string; palette: string }> = {
  DRAFT: { label: 'Draft', palette: 'gray' },
  ISSUED: { label: 'Issued', palette: 'blue' },
  PARTIALLY_PAID: { label: 'Partly paid', palette: 'orange' },
  PAID: { label: 'Paid', palette: 'green' },
  VOID: { label: 'Void', palette: 'red' },
};

const CLAIM: Record<ClaimStatus, { label: string; palette: string }> = {
  DRAFT: { label: 'Draft', palette: 'gray' },
  SUBMITTED: { label: 'Submitted', palette: 'blue' },
  APPROVED: { label: 'Approved', palette: 'green' },
  PARTIALLY_APPROVED: { label: 'Partly approved', palette: 'orange' },
  REJECTED: { label: 'Rejected', palette: 'red' },
  PAID: { label: 'Paid', palette: 'green' },
};

export const INVOICE_STATUSES = Object.keys(INVOICE) as InvoiceStatus[];
export const CLAIM_STATUSES = Object.keys(CLAIM) as ClaimStatus[];
export const invoiceStatusLabel = (status: InvoiceStatus) => INVOICE[status].label;
export const claimStatusLabel = (status: ClaimStatus) => CLAIM[status].label;

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <Badge colorPalette={INVOICE[status].palette}>{INVOICE[status].label}</Badge>;
}

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  return <Badge colorPalette={CLAIM[status].palette}>{CLAIM[status].label}</Badge>;
}
