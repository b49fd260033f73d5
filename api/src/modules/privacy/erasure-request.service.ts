import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import type { PageArgs } from '../../shared/pagination.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { readTimePage } from '../../shared/read-page.js';
import { retryOnDeadlock } from '../../shared/retry.js';
import { AppointmentBookingService, asConflict } from '../appointments/appointment-booking.service.js';
import { releaseHoldsOf } from '../appointments/slot-hold.service.js';
import { AccountService } from '../identity/account.service.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { notifyErasureAnswered, notifyAdministratorsOfErasure } from '../notifications/erasure-notices.js';
import { withdrawAllConsents } from '../partners/consent.service.js';
import { eraseContactDetails } from '../patients/patient-account.service.js';
import { Patient } from '../patients/patient.entity.js';
import { withdrawWaitingRepeatRequests } from '../prescriptions/repeat-request.service.js';
import { leaveEveryWaitlist } from '../waitlist/waitlist.service.js';
import { scheduleErasureReminder } from './erasure-jobs.js';
import {
  ERASURE_ANSWER_DAYS,
  ErasureRequest,
  ErasureRequestStatus,
  type ErasureOutcome,
} from './erasure-request.entity.js';
import type { DecideErasureRequestInput } from './privacy.inputs.js';

export const ERASURE_REASON_MAX = 1000;
export const ERASURE_ANSWER_MIN = 10;
export const ERASURE_ANSWER_MAX = 2000;

/** What a visit cancelled by a closing account tells its doctor (and the patient's last notices). */
const CANCELLED_BY_CLOSING = 'The patient closed their account';

/**
 * A patient's right to erasure (GDPR Art. 17), as a clinic can honour it. The patient asks (one
 * open request at a time) and may take it back; the administrators are told and answer within
 * {@link ERASURE_ANSWER_DAYS} days: refused, with the legal ground the patient reads in the
 * portal, or carried out — in one transaction, through each part's own rule: upcoming visits
 * cancelled (their doctors told, the time offered to the waitlist), waitlist places left and held
 * slots let go, consents withdrawn (no partner sees the patient from the commit on), waiting repeat
 * requests withdrawn, the phone and emergency contacts erased, the account closed and its password
 * and second factor forgotten. The medical record, the bills and the audit trail stay: the law
 * keeps them (Art. 17(3)(b), (c) and (e)), and the patient may still ask the clinic for them.
 */
export class ErasureRequestService {
  constructor(private readonly ctx: Context) {}

  async request(reasonInput: string | null | undefined): Promise<ErasureRequest> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const reason = reasonInput?.trim() || null;
    if (reason && reason.length > ERASURE_REASON_MAX) {
      throw badInput([{ field: 'reason', message: `must be at most ${ERASURE_REASON_MAX} characters` }]);
    }
    return this.ctx.em.transactional(
      async (tx) => {
        const patient = await tx.findOneOrFail(Patient, actor.patientId!);
        const createdAt = new Date();
        const dueAt = new Date(createdAt.getTime() + ERASURE_ANSWER_DAYS * 86_400_000);
        // A second open request is refused by the partial unique index at the insert (CONFLICT
        // `ERASURE_ALREADY_REQUESTED`, shared/errors.ts).
        const request = tx.create(ErasureRequest, { patient, reason, createdAt, dueAt });
        await tx.flush();
        this.ctx.audit.record(tx, {
          action: 'ERASURE_REQUESTED',
          entityType: 'ErasureRequest',
          entityId: request.id,
          patientId: patient.id,
        });
        await notifyAdministratorsOfErasure(tx, 'requested', {
          patientName: `${patient.firstName} ${patient.lastName}`,
          dueAt,
        });
        scheduleErasureReminder(tx, request);
        return request;
      },
      { clear: true },
    );
  }

  /** The patient takes back their request before it is answered. */
  async withdraw(idInput: string): Promise<ErasureRequest> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const id = requireId(idInput, 'id');
    return this.ctx.em.transactional(
      async (tx) => {
        const request = await this.lockOpen(tx, id, actor.patientId);
        request.status = ErasureRequestStatus.WITHDRAWN;
        request.decidedAt = new Date();
        request.decidedBy = tx.getReference(User, actor.userId, { wrapped: true });
        this.ctx.audit.record(tx, {
          action: 'ERASURE_WITHDRAWN',
          entityType: 'ErasureRequest',
          entityId: request.id,
          patientId: request.patient.id,
        });
        return request;
      },
      { clear: true },
    );
  }

  /** An administrator's answer: carried out (the whole erasure, or nothing) or refused with its ground. */
  async decide(idInput: string, input: DecideErasureRequestInput): Promise<ErasureRequest> {
    const actor = this.ctx.access.requireRole(Role.ADMIN);
    const id = requireId(idInput, 'id');
    const answer = input.answer?.trim() || null;
    if (!input.carryOut && (!answer || answer.length < ERASURE_ANSWER_MIN)) {
      throw badInput([
        {
          field: 'input.answer',
          message: `must give the patient the legal ground for refusing, in ${ERASURE_ANSWER_MIN} to ${ERASURE_ANSWER_MAX} characters`,
        },
      ]);
    }
    if (answer && answer.length > ERASURE_ANSWER_MAX) {
      throw badInput([{ field: 'input.answer', message: `must be at most ${ERASURE_ANSWER_MAX} characters` }]);
    }
    try {
      const decided = await retryOnDeadlock(() =>
        this.ctx.em.transactional(async (tx) => {
          const request = await this.lockOpen(tx, id, undefined);
          const patientId = request.patient.id;
          // The patient's row first, as a change that adds to the patient's chart or account holds it
          // (see holdPatient): one that held it first has committed once this lock is granted, and is
          // ended below; one that comes after waits for this answer's commit and finds the account closed.
          const [patient] = await tx.execute<{ user_id: string }[]>(
            'select user_id from patient where id = ? for update',
            [patientId],
          );
          request.decidedAt = new Date();
          request.decidedBy = tx.getReference(User, actor.userId, { wrapped: true });
          request.answer = answer;
          if (input.carryOut) {
            request.status = ErasureRequestStatus.CARRIED_OUT;
            request.outcome = await this.carryOut(tx, patientId, patient!.user_id);
          } else {
            request.status = ErasureRequestStatus.REFUSED;
          }
          this.ctx.audit.record(tx, {
            action: input.carryOut ? 'ERASURE_CARRIED_OUT' : 'ERASURE_REFUSED',
            entityType: 'ErasureRequest',
            entityId: request.id,
            patientId,
          });
          await notifyErasureAnswered(tx, patient!.user_id, input.carryOut ? 'carried out' : 'refused');
          return request;
        }),
      );
      return decided;
    } catch (error) {
      throw asConflict(error);
    }
  }

  /** Ends and erases what the law lets go, through each part's own rule; counts what it did. */
  private async carryOut(tx: EntityManager, patientId: string, userId: string): Promise<ErasureOutcome> {
    const freed = new Set<string>();
    const appointmentsCancelled = await new AppointmentBookingService(this.ctx).cancelUpcomingOf(
      tx,
      patientId,
      CANCELLED_BY_CLOSING,
      freed,
    );
    const waitlistPlacesLeft = await leaveEveryWaitlist(this.ctx, tx, patientId);
    await releaseHoldsOf(tx, patientId, freed);
    const consentsWithdrawn = await withdrawAllConsents(this.ctx, tx, patientId);
    const repeatRequestsWithdrawn = await withdrawWaitingRepeatRequests(
      this.ctx,
      tx,
      patientId,
      this.ctx.access.requireUser().userId,
    );
    await eraseContactDetails(tx, patientId);
    const user = await tx.findOneOrFail(User, userId);
    if (user.active) {
      await new AccountService(this.ctx).close(tx, user, patientId, { forget: true });
    }
    // Only now, with every place and hold let go: the freed time goes to the next in line.
    await this.ctx.offerFreedTime(tx, freed);
    return { appointmentsCancelled, waitlistPlacesLeft, consentsWithdrawn, repeatRequestsWithdrawn };
  }

  /**
   * Requests oldest first (the first due first): an administrator's of every patient, a patient's
   * their own. `status` narrows them.
   */
  list(
    statuses: readonly ErasureRequestStatus[] | null | undefined,
    page: PageArgs,
    options: { count?: boolean } = {},
  ): Promise<ConnectionShape<ErasureRequest>> {
    const actor = this.ctx.access.requireRole(Role.ADMIN, Role.PATIENT);
    const where: object[] = [];
    if (actor.role === Role.PATIENT) {
      where.push({ patient: actor.patientId });
    }
    if (statuses?.length) {
      where.push({ status: { $in: [...statuses] } });
    }
    return readTimePage(this.ctx.em, ErasureRequest, where, 'createdAt', 'asc', page, options);
  }

  /** The request, locked; a patient's own only (another's answers as missing); REQUESTED or CONFLICT. */
  private async lockOpen(tx: EntityManager, id: string, patientId: string | undefined): Promise<ErasureRequest> {
    const request = await tx.findOne(ErasureRequest, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!request || (patientId !== undefined && request.patient.id !== patientId)) {
      throw notFound('Erasure request');
    }
    if (request.status !== ErasureRequestStatus.REQUESTED) {
      throw conflict('This request was already answered or withdrawn.', 'ERASURE_ALREADY_ANSWERED');
    }
    return request;
  }
}
