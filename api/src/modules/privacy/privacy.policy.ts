import { forbidden } from '../../shared/errors.js';
import { Role } from '../identity/role.js';
import { guardRowLists, type AnyRowGuard } from '../identity/row-guard.js';
import { AccessAlert } from './access-alert.entity.js';
import { ErasureRequest } from './erasure-request.entity.js';

/** An erasure request is seen by its patient and by administrators; never by doctors or partners. An access alert by administrators only. */
export const privacyGuards: readonly AnyRowGuard[] = [
  guardRowLists(ErasureRequest, (requests, ctx) => {
    const actor = ctx.access.actor;
    if (actor.kind === 'user') {
      if (actor.role === Role.ADMIN) {
        return;
      }
      if (actor.role === Role.PATIENT && requests.every((request) => request.patient.id === actor.patientId)) {
        return;
      }
    }
    throw forbidden('You may not see this erasure request.');
  }),
  // Access alerts are the administrators' alone (they name accounts, never what was read).
  guardRowLists(AccessAlert, (_alerts, ctx) => {
    const actor = ctx.access.actor;
    if (actor.kind !== 'user' || actor.role !== Role.ADMIN) {
      throw forbidden('Only administrators see access alerts.');
    }
  }),
];
