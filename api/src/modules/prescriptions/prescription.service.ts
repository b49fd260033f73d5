import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../server/context.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, conflict, forbidden, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { assertLinkableVisit } from '../appointments/visit-link.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { auditFieldsOf } from '../identity/access-control.js';
import { User } from '../identity/user.entity.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import { notifyPrescription } from '../notifications/prescription-notices.js';
import { Patient } from '../patients/patient.entity.js';
import { identifyMedication } from './drug-classes.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { PrescriptionStatus } from './prescription-status.js';
import { findSafetyConflicts, type ActiveMedication, type SafetyConflict } from './prescription-safety.js';
import { Prescription } from './prescription.entity.js';
import { MAX_ITEMS, type IssuePrescriptionInput } from './prescription.inputs.js';
import { markIssued, repeatedCourse, waitingRepeatRequest } from './repeat-request.service.js';

const DAY_MS = 86_400_000;
export const DISCONTINUE_REASON_MIN = 3;
export const DISCONTINUE_REASON_MAX = 500;
export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 1000;

/**
 * CONFLICT for a prescription the safety checks stopped. The message names no medication or
 * allergy; `extensions` carry the findings for the prescribing doctor's screen.
 */
function safetyConflict(conflicts: readonly SafetyConflict[]): AppError {
  const first = conflicts[0]!;
  const message =
    first.reason === 'ALLERGY_CONFLICT'
      ? 'A medication conflicts with an allergy recorded in the chart. Change it, or give allergyOverrideReason to prescribe anyway.'
      : 'A medication duplicates a therapy the patient already takes. Change it, or give allergyOverrideReason to prescribe anyway.';
  return new AppError('CONFLICT', message, {
    reason: first.reason,
    extensions: {
      ...(first.allergy !== undefined ? { allergy: first.allergy } : {}),
      ...(first.prescriptionId !== undefined ? { prescriptionId: first.prescriptionId } : {}),
      medication: first.medication,
      ...(first.drugClass !== undefined ? { drugClass: first.drugClass } : {}),
      conflicts,
    },
  });
}

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

    const repeatRequestId =
      input.repeatRequestId === null || input.repeatRequestId === undefined
        ? undefined
        : requireId(input.repeatRequestId, 'input.repeatRequestId');
    const repeatOfId =
      input.repeatOfPrescriptionId === null || input.repeatOfPrescriptionId === undefined
        ? undefined
        : requireId(input.repeatOfPrescriptionId, 'input.repeatOfPrescriptionId');

    const overrideReason = optionalText(input.allergyOverrideReason);
    if (
      overrideReason !== undefined &&
      (overrideReason.length < OVERRIDE_REASON_MIN || overrideReason.length > OVERRIDE_REASON_MAX)
    ) {
      throw badInput([
        {
          field: 'input.allergyOverrideReason',
          message: `must say why, in ${OVERRIDE_REASON_MIN} to ${OVERRIDE_REASON_MAX} characters`,
        },
      ]);
    }

    const issuedAt = new Date();
    const longest = Math.max(...input.items.map((item) => item.durationDays));
    const completesAt = new Date(issuedAt.getTime() + longest * DAY_MS);

    return this.ctx.em.transactional(
      async (tx) => {
        if (appointmentId) {
          await assertLinkableVisit(tx, { appointmentId, patientId, doctorId }, 'input.appointmentId');
        }
        // The patient's row is locked: two prescriptions issued at once are checked one after the other.
        const patient = await tx.findOne(Patient, patientId, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!patient) {
          throw notFound('Patient');
        }
        // A repeat continues its prescription (the one a patient's request names, or the chart's
        // Repeat): that course is no duplicate of it.
        const repeating = repeatRequestId ? await waitingRepeatRequest(tx, repeatRequestId, patientId) : undefined;
        const repeated = await repeatedCourse(tx, patientId, repeating?.prescription.id, repeatOfId);
        const taking = await this.activeMedications(tx, patientId, issuedAt);
        const conflicts = findSafetyConflicts(
          input.items,
          patient.allergies,
          repeated ? taking.filter((taken) => taken.prescriptionId !== repeated.prescriptionId) : taking,
        );
        if (conflicts.length > 0 && !overrideReason) {
          throw safetyConflict(conflicts);
        }
        const prescription = tx.create(Prescription, {
          patient: tx.getReference(Patient, patientId),
          doctor: tx.getReference(Doctor, doctorId),
          appointment: appointmentId ? tx.getReference(Appointment, appointmentId) : undefined,
          storedStatus: PrescriptionStatus.ACTIVE,
          notes: optionalText(input.notes),
          issuedAt,
          completesAt,
          allergyOverrideReason: conflicts.length > 0 ? overrideReason : undefined,
          overriddenConflicts: [...new Set(conflicts.map((found) => found.reason))],
        });
        input.items.forEach((item, position) => {
          // Each medication of the repeated course continues its item there (the same substance).
          const repeatOf = repeated?.itemBySubstance.get(identifyMedication(item.medication).substance);
          tx.create(PrescriptionItem, {
            prescription,
            position,
            repeatOf: repeatOf ? tx.getReference(PrescriptionItem, repeatOf, { wrapped: true }) : undefined,
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
        // The override is its own audit event; its reason stays on the prescription (it is clinical text).
        for (const reason of new Set(conflicts.map((found) => found.reason))) {
          this.ctx.audit.record(tx, {
            action: `OVERRIDE_${reason}`,
            entityType: 'Prescription',
            entityId: prescription.id,
            patientId,
            ...auditFieldsOf(access),
          });
        }
        if (repeating) {
          markIssued(tx, repeating, prescription, actor);
          this.ctx.audit.record(tx, {
            action: 'ISSUE',
            entityType: 'RepeatRequest',
            entityId: repeating.id,
            patientId,
            ...auditFieldsOf(access),
          });
        }
        await notifyPrescription(tx, NotificationKind.PRESCRIPTION_ISSUED, { patientId, doctorId });
        return prescription;
      },
      // A fresh identity map: nothing this request loaded before (items in particular) is flushed.
      { clear: true },
    );
  }

  /** The medications the patient is taking now: items of ACTIVE prescriptions whose course still runs. */
  private async activeMedications(tx: EntityManager, patientId: string, now: Date): Promise<ActiveMedication[]> {
    const items = await tx.find(
      PrescriptionItem,
      {
        prescription: {
          patient: patientId,
          storedStatus: PrescriptionStatus.ACTIVE,
          completesAt: { $gt: now },
        },
      },
      { populate: ['prescription'], orderBy: { prescription: { issuedAt: 'asc' }, position: 'asc' } },
    );
    return items
      .filter((item) => item.prescription.getEntity().issuedAt.getTime() + item.durationDays * DAY_MS > now.getTime())
      .map((item) => ({ prescriptionId: item.prescription.id, medication: item.medication }));
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
        await notifyPrescription(tx, NotificationKind.PRESCRIPTION_DISCONTINUED, {
          patientId: prescription.patient.id,
          doctorId: actor.doctorId,
        });
        return prescription;
      },
      // A fresh identity map: only the prescription just loaded can be flushed, never its items.
      { clear: true },
    );
  }
}
