import type { Context } from '../../server/context.js';
import { badInput, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Role } from '../identity/role.js';
import { notifyEmergencyAccess } from '../notifications/emergency-notices.js';
import { Patient } from '../patients/patient.entity.js';
import { EmergencyGrant } from './emergency-grant.entity.js';

export const EMERGENCY_ACCESS_MINUTES = 60;

/** Break-glass access to a chart outside a doctor's care. */
export class EmergencyAccessService {
  constructor(private readonly ctx: Context) {}

  /**
   * Break-glass: a doctor states a reason and gets the chart for an hour, audited as an emergency;
   * the patient and the administrators are told (not the reason) in the same transaction.
   */
  async requestEmergencyAccess(patientIdInput: string, reasonInput: string): Promise<EmergencyGrant> {
    const actor = this.ctx.access.requireRole(Role.DOCTOR);
    const patientId = requireId(patientIdInput, 'patientId');
    const reason = reasonInput.trim();
    if (reason.length < 10 || reason.length > 1000) {
      throw badInput([{ field: 'reason', message: 'must say why, in 10 to 1000 characters' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const patient = await tx.findOne(Patient, patientId);
      if (!patient || !actor.doctorId) {
        throw notFound('Patient');
      }
      const grant = tx.create(EmergencyGrant, {
        doctor: tx.getReference(Doctor, actor.doctorId),
        patient,
        reason,
        expiresAt: new Date(Date.now() + EMERGENCY_ACCESS_MINUTES * 60_000),
      });
      this.ctx.audit.record(tx, {
        action: 'EMERGENCY_ACCESS',
        entityType: 'Patient',
        entityId: patient.id,
        patientId: patient.id,
        emergency: true,
        reason,
      });
      await notifyEmergencyAccess(tx, { patientId: patient.id, doctorId: actor.doctorId });
      return grant;
    });
  }
}
