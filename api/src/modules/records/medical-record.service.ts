import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { auditFieldsOf } from '../identity/access-control.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import {
  checkAmendmentReason,
  checkClinicalFields,
  mergeContent,
  sameContent,
  type ClinicalContent,
} from './clinical-validation.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { MedicalRecord } from './medical-record.entity.js';
import type { AmendMedicalRecordInput, CreateMedicalRecordInput } from './medical-record.inputs.js';

const WRITE_FORBIDDEN = 'Only a doctor caring for this patient may write to the chart.';

/** The content a record or version says now, in the shape the clinical rules use. */
export function contentOf(entity: MedicalRecord | MedicalRecordVersion): ClinicalContent {
  const followUpDate = entity.followUpDate as string | Date | null | undefined;
  return {
    type: entity.type,
    diagnoses: entity.diagnoses ?? [],
    symptoms: entity.symptoms ?? [],
    vitals: entity.vitals ?? null,
    labResults: entity.labResults ?? [],
    notes: entity.notes ?? null,
    followUpDate: followUpDate instanceof Date ? followUpDate.toISOString().slice(0, 10) : (followUpDate ?? null),
  };
}

/**
 * Entity data for one version's content. Every version gets its own copy of the JSON values, so
 * the head and its versions never share (and never change through) the same objects.
 */
function columnsOf(content: ClinicalContent) {
  const copy = structuredClone(content);
  // null, not undefined: an amendment that clears a field must write NULL.
  return {
    type: copy.type,
    diagnoses: copy.diagnoses,
    symptoms: copy.symptoms,
    vitals: copy.vitals as MedicalRecord['vitals'],
    labResults: copy.labResults,
    notes: copy.notes as MedicalRecord['notes'],
    followUpDate: copy.followUpDate as MedicalRecord['followUpDate'],
  };
}

/**
 * Medical records: written by doctors caring for the patient (or under an emergency grant),
 * never overwritten. The head row (`medical_record`) says what the record reads now; every
 * version, the first included, is an immutable `medical_record_version` row.
 */
export class MedicalRecordService {
  constructor(private readonly ctx: Context) {}

  async create(input: CreateMedicalRecordInput): Promise<MedicalRecord> {
    this.ctx.access.requireUser();
    const patientId = requireId(input.patientId, 'input.patientId');
    const access = await this.ctx.access.assertClinicalWrite(patientId);
    const doctorId = this.actingDoctorId();

    const now = new Date();
    const { changes, problems } = checkClinicalFields(
      {
        type: input.type,
        diagnoses: input.diagnoses ?? [],
        symptoms: input.symptoms ?? [],
        vitals: input.vitals ?? null,
        labResults: input.labResults ?? [],
        notes: input.notes ?? null,
        followUpDate: input.followUpDate ?? null,
      },
      { now },
    );
    let appointmentId: string | undefined;
    if (input.appointmentId !== null && input.appointmentId !== undefined) {
      try {
        appointmentId = requireId(input.appointmentId, 'input.appointmentId');
      } catch {
        problems.push({ field: 'input.appointmentId', message: 'must be an ID (a UUID)' });
      }
    }
    if (problems.length > 0) {
      throw badInput(problems);
    }
    if (appointmentId && !(await this.ctx.em.count(Appointment, { id: appointmentId, patient: patientId }))) {
      throw badInput([{ field: 'input.appointmentId', message: 'must be an appointment of this patient' }]);
    }
    const content = mergeContent(
      { type: input.type, diagnoses: [], symptoms: [], vitals: null, labResults: [], notes: null, followUpDate: null },
      changes,
    );

    return this.ctx.em.transactional((tx) => {
      const doctor = tx.getReference(Doctor, doctorId);
      const record = tx.create(MedicalRecord, {
        ...columnsOf(content),
        recordedAt: now,
        version: 1,
        patient: tx.getReference(Patient, patientId),
        doctor,
        appointment: appointmentId ? tx.getReference(Appointment, appointmentId) : undefined,
      });
      tx.create(MedicalRecordVersion, {
        ...columnsOf(content),
        recordedAt: now,
        version: 1,
        record,
        author: doctor,
      });
      // Ids and the fact of the change only: the trail never carries clinical text.
      this.ctx.audit.record(tx, {
        action: 'CREATE',
        entityType: 'MedicalRecord',
        entityId: record.id,
        patientId,
        ...auditFieldsOf(access),
      });
      return record;
    });
  }

  /**
   * Writes version + 1 with the given fields laid over the latest content; earlier versions are
   * never touched. Concurrent amendments of one record take turns on a row lock of the head, so
   * each one builds on the version before it; `expectedVersion` turns "someone amended it since I
   * read it" into CONFLICT instead.
   */
  async amend(
    idInput: string,
    input: AmendMedicalRecordInput,
    reasonInput: string,
    expectedVersion?: number | null,
  ): Promise<MedicalRecord> {
    const actor = this.ctx.access.requireUser();
    // Only doctors ever write: everyone else gets the same answer whether or not the record exists.
    if (actor.role !== Role.DOCTOR) {
      throw forbidden(WRITE_FORBIDDEN);
    }
    const id = requireId(idInput, 'id');
    const existing = await this.ctx.em.findOne(MedicalRecord, id);
    if (!existing) {
      throw this.ctx.access.missing('MedicalRecord', 'write');
    }
    const patientId = existing.patient.id;
    const access = await this.ctx.access.assertClinicalWrite(patientId);
    const doctorId = this.actingDoctorId();

    const { changes, problems } = checkClinicalFields(input, { now: new Date() });
    const { reason, problem } = checkAmendmentReason(reasonInput);
    const allProblems: FieldProblem[] = problem ? [...problems, problem] : problems;
    if (allProblems.length > 0) {
      throw badInput(allProblems);
    }

    return this.ctx.em.transactional(async (tx) => {
      const head = await this.lockHead(tx, id);
      if (expectedVersion !== null && expectedVersion !== undefined && head.version !== expectedVersion) {
        throw conflict(
          `The record is at version ${head.version}, not ${expectedVersion}: it was amended meanwhile. Read it again, then amend.`,
          'STALE_VERSION',
        );
      }
      const current = contentOf(head);
      const next = mergeContent(current, changes);
      if (sameContent(current, next)) {
        throw badInput([{ field: 'input', message: 'changes nothing: give at least one field with a new value' }]);
      }
      const version = head.version + 1;
      tx.create(MedicalRecordVersion, {
        ...columnsOf(next),
        recordedAt: head.recordedAt,
        version,
        record: head,
        author: tx.getReference(Doctor, doctorId),
        amendmentReason: reason,
      });
      tx.assign(head, { ...columnsOf(next), version });
      // The amendment's reason stays on the version: it may well be clinical text.
      this.ctx.audit.record(tx, {
        action: 'AMEND',
        entityType: 'MedicalRecord',
        entityId: head.id,
        patientId,
        ...auditFieldsOf(access),
      });
      return head;
    });
  }

  /** The head, re-read under `select … for update`: amendments of one record take turns. */
  private async lockHead(tx: EntityManager, id: string): Promise<MedicalRecord> {
    const head = await tx.findOne(MedicalRecord, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!head) {
      throw notFound('Medical record');
    }
    return head;
  }

  private actingDoctorId(): string {
    const actor = this.ctx.access.actor;
    if (actor.kind !== 'user' || !actor.doctorId) {
      throw forbidden(WRITE_FORBIDDEN);
    }
    return actor.doctorId;
  }
}
