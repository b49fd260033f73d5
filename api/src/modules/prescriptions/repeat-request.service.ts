import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, unauthenticated } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { auditFieldsOf } from '../identity/access-control.js';
import { doctorIsAwaySql, mayOpenChartSql } from '../identity/care-rule.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import { ACCOUNT_CLOSED, holdPatient } from '../patients/patient-hold.js';
import { notifyPrescription, notifyRepeatRequested } from '../notifications/prescription-notices.js';
import { identifyMedication } from './drug-classes.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { PrescriptionStatus } from './prescription-status.js';
import { Prescription } from './prescription.entity.js';
import { RepeatRequest, RepeatRequestStatus } from './repeat-request.entity.js';

export const REPEAT_NOTE_MAX = 500;
export const DECLINE_REASON_MIN = 3;
export const DECLINE_REASON_MAX = 500;
/** The most requests a doctor's queue lists at once (oldest first). */
export const REPEAT_QUEUE_MAX = 100;

const ALREADY_ANSWERED = 'REPEAT_ALREADY_ANSWERED';

/**
 * The requests waiting for the doctor bound three times (`?`), as `r`: those asked of them, and
 * those asked of a doctor who is away (has left, or is on time off now: the patient's other doctors
 * answer meanwhile) — of patients whose chart they may open.
 */
const WAITING_FOR_DOCTOR = `repeat_request r
  where r.status = 'REQUESTED' and (r.doctor_id = ? or ${doctorIsAwaySql('r.doctor_id')})
    and ${mayOpenChartSql('r.patient_id')}`;

/** CONFLICT `REPEAT_ALREADY_ANSWERED` for a request no longer waiting (answered, withdrawn). */
function assertWaiting(request: RepeatRequest): void {
  if (request.status !== RepeatRequestStatus.REQUESTED) {
    throw conflict(`This request was already ${request.status.toLowerCase()}.`, ALREADY_ANSWERED);
  }
}

/**
 * Settles a request still waiting as `status`, by the user `userId` (the doctor answering, the
 * patient withdrawing).
 */
function settle(
  tx: EntityManager,
  request: RepeatRequest,
  status: Exclude<RepeatRequestStatus, RepeatRequestStatus.REQUESTED>,
  userId: string,
): void {
  assertWaiting(request);
  request.status = status;
  request.decidedAt = new Date();
  request.decidedBy = tx.getReference(User, userId, { wrapped: true });
}

/**
 * Repeat prescriptions asked for by patients: the patient asks the doctor who issued one (with an
 * optional note), the doctor answers by issuing a new prescription (`issuePrescription` with the
 * request's id: {@link waitingRepeatRequest}, {@link markIssued}) or declines with a reason the
 * patient reads in the portal. Audit rows name ids only; the note and the reason stay on the request.
 */
export class RepeatRequestService {
  constructor(private readonly ctx: Context) {}

  async request(prescriptionIdInput: string, noteInput: string | null | undefined): Promise<RepeatRequest> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const prescriptionId = requireId(prescriptionIdInput, 'prescriptionId');
    const note = noteInput?.trim() || undefined;
    if (note !== undefined && note.length > REPEAT_NOTE_MAX) {
      throw badInput([{ field: 'note', message: `must be at most ${REPEAT_NOTE_MAX} characters` }]);
    }
    return this.ctx.em.transactional(
      async (tx) => {
        // The patient first, as closing the account locks: an account closed meanwhile (its waiting
        // requests withdrawn) takes no new one (see holdPatient).
        if (!(await holdPatient(tx, actor.patientId!))) {
          throw unauthenticated(ACCOUNT_CLOSED);
        }
        // Locked: two requests for one prescription at once are taken one after the other.
        const prescription = await tx.findOne(Prescription, prescriptionId, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!prescription || prescription.patient.id !== actor.patientId) {
          throw this.ctx.access.missing('Prescription');
        }
        if (prescription.status() === PrescriptionStatus.DISCONTINUED) {
          throw conflict(
            'A prescription a doctor stopped cannot be repeated. Send your doctor a message if you think you still need it.',
            'PRESCRIPTION_NOT_REPEATABLE',
          );
        }
        // A second waiting request for it is refused by the partial unique index at the insert
        // (CONFLICT `REPEAT_ALREADY_REQUESTED`, shared/errors.ts), with everything else here.
        const request = tx.create(RepeatRequest, {
          prescription,
          patient: prescription.patient,
          doctor: prescription.doctor,
          note,
        });
        this.ctx.audit.record(tx, {
          action: 'CREATE',
          entityType: 'RepeatRequest',
          entityId: request.id,
          patientId: prescription.patient.id,
        });
        await notifyRepeatRequested(tx, { patientId: prescription.patient.id, doctorId: prescription.doctor.id });
        return request;
      },
      { clear: true },
    );
  }

  /** The patient takes back a request still waiting; the doctor's list no longer shows it. */
  async withdraw(idInput: string): Promise<RepeatRequest> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const id = requireId(idInput, 'id');
    return this.ctx.em.transactional(
      async (tx) => {
        const request = await tx.findOne(RepeatRequest, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!request || request.patient.id !== actor.patientId) {
          throw this.ctx.access.missing('Prescription');
        }
        settle(tx, request, RepeatRequestStatus.WITHDRAWN, actor.userId);
        this.ctx.audit.record(tx, {
          action: 'WITHDRAW',
          entityType: 'RepeatRequest',
          entityId: request.id,
          patientId: request.patient.id,
        });
        return request;
      },
      { clear: true },
    );
  }

  async decline(idInput: string, reasonInput: string): Promise<RepeatRequest> {
    const actor = this.ctx.access.requireRole(Role.DOCTOR);
    const id = requireId(idInput, 'id');
    const reason = reasonInput.trim();
    if (reason.length < DECLINE_REASON_MIN || reason.length > DECLINE_REASON_MAX) {
      throw badInput([
        {
          field: 'reason',
          message: `must tell the patient why, in ${DECLINE_REASON_MIN} to ${DECLINE_REASON_MAX} characters`,
        },
      ]);
    }
    return this.ctx.em.transactional(
      async (tx) => {
        const request = await tx.findOne(RepeatRequest, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!request) {
          throw this.ctx.access.missing('Prescription', 'write');
        }
        const access = await this.ctx.access.assertClinicalWrite(request.patient.id);
        settle(tx, request, RepeatRequestStatus.DECLINED, actor.userId);
        request.declineReason = reason;
        this.ctx.audit.record(tx, {
          action: 'DECLINE',
          entityType: 'RepeatRequest',
          entityId: request.id,
          patientId: request.patient.id,
          ...auditFieldsOf(access),
        });
        await notifyPrescription(tx, NotificationKind.REPEAT_DECLINED, {
          patientId: request.patient.id,
          doctorId: actor.doctorId,
        });
        return request;
      },
      { clear: true },
    );
  }

  /**
   * The requests waiting for the signed-in doctor, oldest first: those of patients whose chart
   * they may open (a request they could not act on is not listed, nor refused).
   */
  async waiting(): Promise<RepeatRequest[]> {
    const doctorId = this.asker();
    const rows = await this.ctx.em.execute<{ id: string }[]>(
      `select r.id from ${WAITING_FOR_DOCTOR} order by r.created_at, r.id limit ${REPEAT_QUEUE_MAX}`,
      [doctorId, doctorId, doctorId],
    );
    if (rows.length === 0) {
      return [];
    }
    return this.ctx.em.find(
      RepeatRequest,
      { id: { $in: rows.map((row) => row.id) } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /**
   * How many requests wait for the signed-in doctor (all of them; the list stops at
   * {@link REPEAT_QUEUE_MAX}), for a badge: reads no request.
   */
  async waitingCount(): Promise<number> {
    const doctorId = this.asker();
    const [row] = await this.ctx.em.execute<{ n: number }[]>(`select count(*)::int as n from ${WAITING_FOR_DOCTOR}`, [
      doctorId,
      doctorId,
      doctorId,
    ]);
    return row?.n ?? 0;
  }

  /** The signed-in doctor's id: only doctors are asked for repeats. */
  private asker(): string {
    const actor = this.ctx.access.requireRole(Role.DOCTOR);
    if (!actor.doctorId) {
      throw forbidden();
    }
    return actor.doctorId;
  }
}

/**
 * The repeat request `requestId` a prescription being issued answers, locked until the commit: the
 * patient's and still waiting (BAD_USER_INPUT naming `input.repeatRequestId` otherwise, CONFLICT
 * when already answered).
 */
export async function waitingRepeatRequest(
  tx: EntityManager,
  requestId: string,
  patientId: string,
): Promise<RepeatRequest> {
  const request = await tx.findOne(RepeatRequest, requestId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!request || request.patient.id !== patientId) {
    throw badInput([{ field: 'input.repeatRequestId', message: 'is not a repeat request of this patient' }]);
  }
  assertWaiting(request);
  return request;
}

/** Marks `request` ISSUED by `prescription`, in the transaction issuing it (whose notice tells the patient). */
export function markIssued(
  tx: EntityManager,
  request: RepeatRequest,
  prescription: Prescription,
  actor: { readonly userId: string },
): void {
  settle(tx, request, RepeatRequestStatus.ISSUED, actor.userId);
  request.issuedPrescription = tx.getReference(Prescription, prescription.id, { wrapped: true });
}

/** The course a new prescription repeats: its id, and its items' ids by substance. */
export interface RepeatedCourse {
  readonly prescriptionId: string;
  /** By `identifyMedication`'s substance (a new strength of the same medicine still continues it), the first of each. */
  readonly itemBySubstance: ReadonlyMap<string, string>;
}

/**
 * The course a new prescription repeats: the repeat request's prescription (`requested`), or the
 * one the chart's Repeat names (`named`: the patient's own, BAD_USER_INPUT naming
 * `input.repeatOfPrescriptionId` otherwise, or when it is not the request's). Its items are read
 * once, and prove it the patient's (a prescription has at least one item).
 */
export async function repeatedCourse(
  tx: EntityManager,
  patientId: string,
  requested: string | undefined,
  named: string | undefined,
): Promise<RepeatedCourse | undefined> {
  const field = 'input.repeatOfPrescriptionId';
  if (requested !== undefined && named !== undefined && requested !== named) {
    throw badInput([{ field, message: 'is not the prescription the repeat request asks for' }]);
  }
  const prescriptionId = requested ?? named;
  if (prescriptionId === undefined) {
    return undefined;
  }
  const items = await tx.find(
    PrescriptionItem,
    { prescription: { id: prescriptionId, patient: patientId } },
    { orderBy: { position: 'asc' } },
  );
  if (items.length === 0) {
    throw badInput([{ field, message: 'is not a prescription of this patient' }]);
  }
  const itemBySubstance = new Map<string, string>();
  for (const item of items) {
    const substance = identifyMedication(item.medication).substance;
    if (!itemBySubstance.has(substance)) {
      itemBySubstance.set(substance, item.id);
    }
  }
  return { prescriptionId, itemBySubstance };
}

/**
 * Withdraws the patient's repeat requests still waiting (their account closing at their request):
 * their doctors' lists no longer show them. In the caller's transaction, each audited as the
 * patient's own withdrawal would be, by `userId` (who carried the closing out).
 */
export async function withdrawWaitingRepeatRequests(
  ctx: Context,
  tx: EntityManager,
  patientId: string,
  userId: string,
): Promise<number> {
  const withdrawn = await tx.execute<{ id: string }[]>(
    `update repeat_request set status = ?, decided_at = now(), decided_by_id = ?, updated_at = now()
      where patient_id = ? and status = ? returning id`,
    [RepeatRequestStatus.WITHDRAWN, userId, patientId, RepeatRequestStatus.REQUESTED],
  );
  for (const { id } of withdrawn) {
    ctx.audit.record(tx, { action: 'WITHDRAW', entityType: 'RepeatRequest', entityId: id, patientId });
  }
  return withdrawn.length;
}
