import { forbidden } from '../../shared/errors.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Role } from '../identity/role.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { WaitlistEntry } from './waitlist-entry.entity.js';

/**
 * Row guards of the waitlist: a place is seen by its patient, by an administrator, and by the
 * doctors it may go to (the doctor named, or a doctor of the specialisation named).
 */
export const waitlistGuards: readonly AnyRowGuard[] = [
  guardRows(WaitlistEntry, async (entry, ctx) => {
    const actor = ctx.access.actor;
    if (actor.kind === 'user') {
      if (actor.role === Role.ADMIN || (actor.role === Role.PATIENT && actor.patientId === entry.patient.id)) {
        return;
      }
      if (actor.role === Role.DOCTOR && actor.doctorId) {
        if (entry.doctor?.id === actor.doctorId) {
          return;
        }
        const own = entry.specialization ? await ctx.em.findOne(Doctor, actor.doctorId) : null;
        if (own && own.specialization === entry.specialization) {
          return;
        }
      }
    }
    throw forbidden('You may not see this waitlist place.');
  }),
];
