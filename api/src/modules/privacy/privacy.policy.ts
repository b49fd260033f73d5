import { forbidden } from '../../shared/errors.js';
import { Role } from '../identity/role.js';
import { guardRowLists, type AnyRowGuard } from '../identity/row-guard.js';
import { ErasureRequest } from './erasure-request.entity.js';

/** An erasure request is seen by its patient and by administrators; never by doctors or partners. */
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
];
