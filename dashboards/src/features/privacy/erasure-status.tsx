import { Badge } from '@chakra-ui/react';
import type { ErasureRequestStatus } from '../../gql/graphql';

/** Each status in the administrators' words and in the patient's, with its colour. */
const STATUS: Record<ErasureRequestStatus, { admin: string; patient: string; palette: string }> = {
  REQUESTED: { admin: 'Waiting for an answer', patient: 'Waiting for the clinic', palette: 'orange' },
  CARRIED_OUT: { admin: 'Carried out', patient: 'Account closed', palette: 'green' },
  REFUSED: { admin: 'Refused', patient: 'Refused', palette: 'red' },
  WITHDRAWN: { admin: 'Withdrawn', patient: 'Withdrawn', palette: 'gray' },
};

export const ERASURE_STATUSES = Object.keys(STATUS) as ErasureRequestStatus[];

export function erasureStatusLabel(status: ErasureRequestStatus, reader: 'admin' | 'patient'): string {
  return STATUS[status][reader];
}

export function ErasureStatusBadge({ status, reader }: { status: ErasureRequestStatus; reader: 'admin' | 'patient' }) {
  return <Badge colorPalette={STATUS[status].palette}>{STATUS[status][reader]}</Badge>;
}

/** Still waiting for an answer after the day it was due by. */
export function isOverdue(request: { status: ErasureRequestStatus; dueAt: string }, now: number): boolean {
  return request.status === 'REQUESTED' && Date.parse(request.dueAt) < now;
}

/** How many days before its due date a waiting request is due soon (when the API reminds the administrators too). */
export const DUE_SOON_DAYS = 3;

/** Still waiting, and due within {@link DUE_SOON_DAYS} days (not yet overdue). */
export function isDueSoon(request: { status: ErasureRequestStatus; dueAt: string }, now: number): boolean {
  const due = Date.parse(request.dueAt);
  return request.status === 'REQUESTED' && due >= now && due - now <= DUE_SOON_DAYS * 86_400_000;
}

/** The most characters of the patient's reason and of an administrator's answer (the API's limits). */
export const REASON_MAX = 1000;
export const ANSWER_MIN = 10;
export const ANSWER_MAX = 2000;
