import { forbidden } from '../../shared/errors.js';
import { maySeeEmergencyGrant } from '../identity/access.policy.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { EmergencyGrant } from './emergency-grant.entity.js';

/** Row guards of the chart module: a grant is seen by its doctor, its patient and administrators. */
export const chartGuards: readonly AnyRowGuard[] = [
  guardRows(EmergencyGrant, (grant, ctx) => {
    if (!maySeeEmergencyGrant(ctx.access.actor, { doctorId: grant.doctor.id, patientId: grant.patient.id })) {
      throw forbidden('You may not see this grant.');
    }
  }),
];
