import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { auditFieldsOf } from '../identity/access-control.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { PrescriptionStatus } from './prescription-status.js';
import { Prescription } from './prescription.entity.js';
import { MAX_ITEMS, type IssuePrescriptionInput } from './prescription.inputs.js';

const DAY_MS = 86_400_000;
export const DISCONTINUE_REASON_MIN = 3;
export const DISCONTINUE_REASON_MAX = 500;

/** `undefined` for a missing or blank optional text, the trimmed text otherwise. */
function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Prescriptions: issued by a doctor caring for the patient, never edited afterwards (a correction
 * is a new prescription), and discontinued with a reason. Audit rows name ids only: no
 * medication, dosage or note ever reaches them.
 */
export class PrescriptionService {
  constructor(private readonly ctx: Context) {}

  async issue(input: IssuePrescriptionInput): Promise<Prescription> {
    const actor = this.ctx.access.requireUser();
    const patientId = requireId(input.patientId, 'input.patientId');
    const access = await this.ctx.access.assertClinicalWrite(patientId);
    const doctorId = actor.doctorId;
    if (!doctorId) {
      throw forbidden('Only a doctor caring for this patient may write to the chart.');
    }

    if (input.items.length === 0) {
      throw badInput([{ field: 'input.items', message: 'must list at least one medication' }]);
    }
    if (input.items.length > MAX_ITEMS) {
      throw badInput([{ field: 'input.items', message: `must list at most ${MAX_ITEMS} medications` }]);
    }
    const appointmentId =
      input.appointmentId === null || input.appointmentId === undefined
        ? undefined
        : requireId(input.appointmentId, 'input.appointmentId');

    const issuedAt = new Date();
    const longest = Math.max(...input.items.map((item) => item.durationDays));
    const completesAt = new Date(issuedAt.getTime() + longest * DAY_MS);

    return this.ctx.em.transactional(
      async (tx) => {
        if (appointmentId) {
          // Counted, not loaded: the identity map stays free of half-loaded appointments.
          if ((await tx.count(Appointment, { id: appointmentId, patient: patientId })) === 0) {
            throw badInput([{ field: 'input.appointmentId', message: 'must be an appointment of this patient' }]);
          }
        }
        const prescription = tx.create(Prescription, {
          patient: tx.getReference(Patient, patientId),
          doctor: tx.getReference(Doctor, doctorId),
          appointment: appointmentId ? tx.getReference(Appointment, appointmentId) : undefined,
          storedStatus: PrescriptionStatus.ACTIVE,
          notes: optionalText(input.notes),
          issuedAt,
          completesAt,
        });
        input.items.forEach((item, position) => {
          tx.create(PrescriptionItem, {
            prescription,
            position,
            medication: item.medication.trim(),
            dosage: item.dosage.trim(),
            frequency: item.frequency.trim(),
            durationDays: item.durationDays,
            instructions: optionalText(item.instructions),
          });
        });
        this.ctx.audit.record(tx, {
          action: 'CREATE',
          entityType: 'Prescription',
          entityId: prescription.id,
          patientId,
          ...auditFieldsOf(access),
        });
        return prescription;
      },
      // A fresh identity map: nothing this request loaded before (items in particular) is flushed.
      { clear: true },
    );
  }

  async discontinue(idInput: string, reasonInput: string): Promise<Prescription> {
    const actor = this.ctx.access.requireUser();
    const id = requireId(idInput, 'id');
    return this.ctx.em.transactional(
      async (tx) => {
        // Locked, so two discontinuations at once cannot both succeed.
        const prescription = await tx.findOne(Prescription, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!prescription) {
          throw this.ctx.access.missing('Prescription', 'write');
        }
        const access = await this.ctx.access.assertClinicalWrite(prescription.patient.id);
        const reason = reasonInput.trim();
        if (reason.length < DISCONTINUE_REASON_MIN || reason.length > DISCONTINUE_REASON_MAX) {
          throw badInput([
            {
              field: 'reason',
              message: `must say why, in ${DISCONTINUE_REASON_MIN} to ${DISCONTINUE_REASON_MAX} characters`,
            },
          ]);
        }
        const now = new Date();
        const status = prescription.status(now);
        if (status !== PrescriptionStatus.ACTIVE) {
          throw conflict(
            `This prescription is already ${status}; only an ACTIVE prescription can be discontinued.`,
            'PRESCRIPTION_NOT_ACTIVE',
          );
        }
        prescription.storedStatus = PrescriptionStatus.DISCONTINUED;
        prescription.discontinuedAt = now;
        prescription.discontinuedReason = reason;
        prescription.discontinuedBy = tx.getReference(User, actor.userId, { wrapped: true });
        // The reason may be clinical: it stays on the prescription, not in the audit trail.
        this.ctx.audit.record(tx, {
          action: 'DISCONTINUE',
          entityType: 'Prescription',
          entityId: prescription.id,
          patientId: prescription.patient.id,
          ...auditFieldsOf(access),
        });
        return prescription;
      },
      // A fresh identity map: only the prescription just loaded can be flushed, never its items.
      { clear: true },
    );
  }
}
