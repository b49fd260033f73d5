import { forbidden } from '../../shared/errors.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Role } from '../identity/role.js';
import { guardRowLists, type AnyRowGuard } from '../identity/row-guard.js';
import { WaitlistEntry } from './waitlist-entry.entity.js';

/**
 * Row guards of the waitlist: a place is seen by its patient, by an administrator, and by the
 * doctors it may go to (the doctor named, or a doctor of the specialisation named). A list is
 * checked at once: a doctor's own specialisation is read once for it, not once per place.
 */
export const waitlistGuards: readonly AnyRowGuard[] = [
  guardRowLists(WaitlistEntry, async (entries, ctx) => {
    const actor = ctx.access.actor;
    if (actor.kind === 'user') {
      if (actor.role === Role.ADMIN) {
        return;
      }
      if (actor.role === Role.PATIENT && entries.every((entry) => entry.patient.id === actor.patientId)) {
        return;
      }
      if (actor.role === Role.DOCTOR && actor.doctorId) {
        const bySpecialty = entries.filter((entry) => entry.doctor?.id !== actor.doctorId);
        if (bySpecialty.length === 0) {
          return;
        }
        const own = bySpecialty.every((entry) => entry.specialization)
          ? await ctx.em.findOne(Doctor, actor.doctorId)
          : null;
        if (own && bySpecialty.every((entry) => entry.specialization === own.specialization)) {
          return;
        }
      }
    }
    throw forbidden('You may not see this waitlist place.');
  }),
];
