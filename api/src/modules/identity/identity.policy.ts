import { forbidden } from '../../shared/errors.js';
import { maySeeEmergencyGrant, maySeeUser } from './access.policy.js';
import { EmergencyGrant } from './emergency-grant.entity.js';
import { guardRows, type AnyRowGuard } from './row-guard.js';
import { User } from './user.entity.js';

/** Row guards of identity's entities (see row-guard.ts). */
export const identityGuards: readonly AnyRowGuard[] = [
  guardRows(User, (user, ctx) => {
    if (!maySeeUser(ctx.access.actor, user.id)) {
      throw forbidden('You may not see this account.');
    }
  }),
  guardRows(EmergencyGrant, (grant, ctx) => {
    if (!maySeeEmergencyGrant(ctx.access.actor, { doctorId: grant.doctor.id, patientId: grant.patient.id })) {
      throw forbidden('You may not see this grant.');
    }
  }),
];
