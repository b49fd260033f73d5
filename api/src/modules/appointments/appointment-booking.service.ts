import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, type EntityClass, type EntityData } from '@mikro-orm/core';
import type { Context } from '../../server/context.js';
import { AppError, badInput, forbidden, fromDatabaseError, slotTaken } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { retryOnDeadlock } from '../../shared/retry.js';
import { Doctor } from '../doctors/doctor.entity.js';
import {
  assertFutureStart,
  judgeSlotFacts,
  SlotService,
  slotFactsStatement,
  type SlotFactsRow,
} from './slot.service.js';
import { bookingClaims, slotClaimKey } from './booking-claims.js';
import type { TimeInterval } from '../doctors/weekly-slots.js';
import { runStatements, type Statement } from '../../shared/round-trips.js';
import { lockDoctorForHolds, useHolds } from './slot-hold.service.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { HELD_PATIENT_COLUMNS, heldPatientFrom, holdPatient } from '../patients/patient-hold.js';
import { AppointmentChange } from './appointment-change.entity.js';
import { AppointmentEventKind } from './appointment-event.type.js';
import {
  appointmentSideEffects,
  doctorFreedBy,
  type AppointmentPeople,
  type ChangeDetails,
} from './appointment-effects.js';
import { enqueueWebhookFanout, WEBHOOK_LISTENERS_LOCK } from './webhook-fanout.js';
import { deferInsert } from '../../shared/transaction-outbox.js';
import { entityColumns } from '../../shared/entity-columns.js';
import { judge, RESCHEDULE, TRANSITIONS, type Transition } from './appointment-lifecycle.js';
import { AppointmentStatus, AppointmentType } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';
import type { BookAppointmentInput } from './booking.inputs.js';

/** An appointment's status, time and doctor before a change (all empty for a new booking). */
export interface ChangeBefore {
  readonly fromStatus: AppointmentStatus | undefined;
  readonly fromStartsAt: Date | undefined;
  readonly fromDoctorId: string | undefined;
}

/**
 * An entity from a row of its columns, as `em.map` makes it, but left out of `tx`'s unit of work:
 * a booking only reads its doctor and patient (and refers to them), so neither is registered,
 * snapshotted for change tracking, nor compared again at the flush before the commit.
 */
function readOnlyEntity<T extends object>(
  tx: EntityManager,
  entity: EntityClass<T>,
  columns: Record<string, unknown>,
): T {
  const data = tx.getDriver().mapResult(columns as EntityData<T>, tx.getMetadata().get<T>(entity.name));
  return tx.getEntityFactory().create(entity, data as EntityData<T>, {
    merge: false,
    refresh: true,
    convertCustomTypes: true,
  });
}

/** Which of a new appointment's doctor and patient the caller's answer shows (see `book`). */
export interface BookingWants {
  readonly doctor: boolean;
  readonly patient: boolean;
}

/** A lost race for a slot (the exclusion constraint) as CONFLICT, never an internal error. */
export const asConflict = (error: unknown): unknown => fromDatabaseError(error) ?? error;

/** Booking, rescheduling and the lifecycle: each change in one transaction, published after commit. */
export class AppointmentBookingService {
  constructor(private readonly ctx: Context) {}

  /**
   * `wants` says which of the appointment's doctor and patient the caller's answer shows: only
   * those are read whole and built as entities (else the appointment refers to them, loaded if
   * ever asked for); the notices need only the names and accounts read with the lock.
   */
  async book(input: BookAppointmentInput, wants: BookingWants = { doctor: true, patient: true }): Promise<Appointment> {
    const caller = this.ctx.access.requireSignedIn();
    const actor = caller.kind === 'partner' ? caller : this.ctx.access.requireRole(Role.PATIENT, Role.ADMIN);
    const doctorId = requireId(input.doctorId, 'input.doctorId');
    let patientId: string;
    if (actor.kind === 'partner') {
      // A partner books for a patient who shares their data with it (appointments:write).
      if (!input.patientId) {
        throw badInput([{ field: 'input.patientId', message: 'is required when a partner books' }]);
      }
      patientId = requireId(input.patientId, 'input.patientId');
      if (!(await this.ctx.access.partnerMaySee(patientId))) {
        throw forbidden('This patient does not share their data with this API client.');
      }
    } else if (actor.role === Role.PATIENT) {
      if (input.patientId && input.patientId.toLowerCase() !== actor.patientId) {
        throw forbidden('Patients book for themselves.');
      }
      patientId = actor.patientId!;
    } else {
      if (!input.patientId) {
        throw badInput([{ field: 'input.patientId', message: 'is required when an administrator books' }]);
      }
      patientId = requireId(input.patientId, 'input.patientId');
    }
    const holdId = input.holdId ? requireId(input.holdId, 'input.holdId') : undefined;
    const claim = { holdsOf: patientId, claim: true };
    const claimKey = slotClaimKey(doctorId, input.startsAt);
    const claims = bookingClaims(this.ctx.em);
    if (actor.kind === 'user' && actor.role === Role.PATIENT) {
      // A slot another booking of this process holds (claim taken, slot judged bookable) is
      // CONFLICT now, as the try-lock would answer: no transaction, no round trip. Only for a
      // patient booking for themselves: their account's state is the session's, checked already;
      // the rest of what the database would judge first (the doctor, the slot) the holder judged.
      assertFutureStart(input.startsAt, 'input.startsAt');
      if (await claims.taken(claimKey)) {
        throw slotTaken();
      }
    }
    try {
      return await retryOnDeadlock(async () => {
        const entry = claims.enter(claimKey);
        try {
          return await this.ctx.em.transactional(async (tx) => {
            // One round trip (with the transaction's BEGIN): the doctor's row locked with the two
            // accounts read, then the slot's facts in a statement of their own (see
            // lockForBookingStatement) in the same message. The slot is judged once the accounts are.
            const lock = this.lockForBookingStatement(tx, doctorId, patientId, wants);
            const [lockRows, factRows] = await runStatements<[Record<string, unknown>[], SlotFactsRow[]]>(tx, [
              lock,
              slotFactsStatement(doctorId, input.startsAt, 'input.startsAt', claim),
            ]);
            const { doctor, patient, people } = lock.read(lockRows[0]);
            const facts = judgeSlotFacts(people.doctor, input.startsAt, 'input.startsAt', factRows[0]!, claim);
            entry?.won();
            return this.insertBooking(tx, {
              doctor,
              patient,
              people,
              startsAt: input.startsAt,
              type: input.type ?? AppointmentType.REGULAR,
              reason: input.reason?.trim() || undefined,
              holdId,
              doctorHeld: true,
              facts,
            });
          });
        } finally {
          entry?.leave();
        }
      });
    } catch (error) {
      throw asConflict(error);
    }
  }

  /**
   * A booking's first statement, in its transaction: the doctor's row shared-locked as
   * {@link holdDoctor} does (and the webhook listeners, see {@link WEBHOOK_LISTENERS_LOCK}), the
   * doctor's and the patient's names and accounts read with it (the patient held, see
   * `holdPatient`: an account closed meanwhile is seen), each checked to be an active account:
   * BAD_USER_INPUT otherwise. `read` gives them as {@link AppointmentPeople}, and the
   * doctor and the patient as entities (out of `tx`'s unit of work) where `wants` asks for them
   * (their whole rows are read only then: the patient's chart columns never for nothing), else as
   * references. The slot's facts need a statement of their own after this one (in the same
   * message or not): one that waited for a schedule change must see that change's rules, and a
   * statement's snapshot is taken as it starts.
   */
  lockForBookingStatement(
    tx: EntityManager,
    doctorId: string,
    patientId: string,
    wants: BookingWants = { doctor: true, patient: true },
  ): Statement & {
    read(row: Record<string, unknown> | undefined): { doctor: Doctor; patient: Patient; people: AppointmentPeople };
  } {
    const doctorColumns = wants.doctor ? entityColumns(tx, Doctor, 'd') : undefined;
    const patientColumns = wants.patient ? entityColumns(tx, Patient, 'p') : undefined;
    return {
      sql: `select d.user_id as doctor_user_id, d.first_name as doctor_first_name, d.last_name as doctor_last_name,
              d.specialization as doctor_specialization, d.timezone as doctor_timezone, du.active as doctor_active,
              pp.*,${doctorColumns ? ` ${doctorColumns.select},` : ''} pg_advisory_xact_lock_shared(?) is null as listeners_held
         from doctor d join app_user du on du.id = d.user_id
         left join (select ${HELD_PATIENT_COLUMNS}${patientColumns ? `, ${patientColumns.select}` : ''}
           ${heldPatientFrom('share')}) pp on true
        where d.id = ? for share of d`,
      params: [WEBHOOK_LISTENERS_LOCK, patientId, doctorId],
      prepare: true,
      read: (row) => {
        if (!row?.['doctor_active']) {
          throw badInput([{ field: 'input.doctorId', message: 'is not a doctor taking appointments' }]);
        }
        if (!row['patient_active']) {
          throw badInput([{ field: 'input.patientId', message: 'is not an active patient' }]);
        }
        const text = (column: string) => row[column] as string;
        return {
          doctor: doctorColumns
            ? readOnlyEntity(tx, Doctor, doctorColumns.pick(row))
            : tx.getReference(Doctor, doctorId),
          patient: patientColumns
            ? readOnlyEntity(tx, Patient, patientColumns.pick(row))
            : tx.getReference(Patient, patientId),
          people: {
            doctor: {
              userId: text('doctor_user_id'),
              firstName: text('doctor_first_name'),
              lastName: text('doctor_last_name'),
              specialization: text('doctor_specialization'),
              timezone: text('doctor_timezone'),
            },
            patient: {
              userId: text('patient_user_id'),
              firstName: text('patient_first_name'),
              lastName: text('patient_last_name'),
            },
          },
        };
      },
    };
  }

  /**
   * The booking itself, inside the caller's transaction: the slot must be the doctor's, free of
   * others' holds (the patient's own hold on it, or `holdId`, is used up), and not booked (the
   * exclusion constraint). The waitlist books an accepted offer through here. With `doctorHeld`
   * the caller took {@link lockForBookingStatement} already (and with `facts`, read the slot's). The appointment, its event and audit row, and
   * all that follows them are written in one statement at the commit (the transaction's outbox):
   * a slot taken meanwhile fails there, as CONFLICT.
   */
  async insertBooking(
    tx: EntityManager,
    args: {
      doctor: Doctor;
      /** The patient's id, or the patient loaded with their names (else loaded here). */
      patient: Patient | string;
      startsAt: Date;
      type: AppointmentType;
      reason?: string | undefined;
      holdId?: string | undefined;
      doctorHeld?: boolean;
      /** The slot's facts, judged already (read under the doctor's lock, with `claim`). */
      facts?: { slot: TimeInterval; ownHold: boolean };
      /** The doctor and the patient as the notices name them (read with the lock), if read. */
      people?: AppointmentPeople;
    },
  ): Promise<Appointment> {
    const actor = this.ctx.access.requireSignedIn();
    if (!args.doctorHeld) {
      await this.holdDoctor(tx, args.doctor.id, 'input.doctorId', { listeners: true });
    }
    const patientId = typeof args.patient === 'string' ? args.patient : args.patient.id;
    const { slot, ownHold } =
      args.facts ??
      (await new SlotService(tx).slotFacts(args.doctor, args.startsAt, 'input.startsAt', {
        holdsOf: patientId,
        claim: true,
      }));
    const patient = typeof args.patient === 'string' ? await this.holdActivePatient(tx, patientId) : args.patient;
    const appointment = tx.create(
      Appointment,
      {
        patient,
        doctor: args.doctor,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        status: AppointmentStatus.REQUESTED,
        type: args.type,
        reason: args.reason,
        bookedBy: actor.kind === 'user' ? tx.getReference(User, actor.userId) : undefined,
      },
      { persist: false },
    );
    if (ownHold || args.holdId) {
      await useHolds(tx, {
        doctorId: args.doctor.id,
        patientId,
        slot,
        holdId: args.holdId,
        appointmentId: appointment.id,
      });
    }
    await this.recordChange(
      tx,
      appointment,
      AppointmentEventKind.BOOKED,
      { fromStatus: undefined, fromStartsAt: undefined, fromDoctorId: undefined },
      undefined,
      undefined,
      { usedHold: ownHold || args.holdId !== undefined, ...(args.people ? { people: args.people } : {}) },
      { insert: true },
    );
    return appointment;
  }

  /** Moves an appointment to another free slot in one statement: the old slot is never freed first. */
  async reschedule(idInput: string, startsAt: Date): Promise<Appointment> {
    const id = requireId(idInput, 'id');
    await this.authorizeAhead(id);
    try {
      return await retryOnDeadlock(() =>
        this.ctx.em.transactional(async (tx) => {
          const appointment = await this.lockVisible(tx, id);
          const verdict = judge(
            this.ctx.access.actor,
            this.facts(appointment),
            { ...RESCHEDULE, verb: 'reschedule' },
            new Date(),
            this.ctx.settings.cancellationCutoffHours,
          );
          if (!verdict.ok) {
            throw new AppError(verdict.code, verdict.message, verdict.reason ? { reason: verdict.reason } : {});
          }
          // Exclusive: the freed time may go to the waitlist in this transaction (a hold).
          await lockDoctorForHolds(tx, appointment.doctor.id, 'id');
          const doctor = await tx.findOneOrFail(Doctor, appointment.doctor.id);
          const { slot } = await new SlotService(tx).slotFacts(doctor, startsAt, 'startsAt', {
            holdsOf: appointment.patient.id,
          });
          if (slot.startsAt.getTime() === appointment.startsAt.getTime()) {
            throw badInput([{ field: 'startsAt', message: 'is the time the appointment already has' }]);
          }
          const before = this.before(appointment);
          appointment.startsAt = slot.startsAt;
          appointment.endsAt = slot.endsAt;
          if (verdict.asPatient) {
            // A time the patient picked needs the doctor's confirmation again.
            appointment.status = AppointmentStatus.REQUESTED;
          }
          await this.recordChange(tx, appointment, AppointmentEventKind.RESCHEDULED, before);
          return appointment;
        }),
      );
    } catch (error) {
      throw asConflict(error);
    }
  }

  async transition(idInput: string, transition: Transition, reason?: string | null): Promise<Appointment> {
    const id = requireId(idInput, 'id');
    const rule = TRANSITIONS[transition];
    const cleanReason = reason?.trim() || undefined;
    if (cleanReason && cleanReason.length > 500) {
      throw badInput([{ field: 'reason', message: 'must be at most 500 characters' }]);
    }
    await this.authorizeAhead(id);
    // A cancellation may offer the freed slot to the waitlist (a hold, under the doctor's lock),
    // which can meet a booking waiting on this row: PostgreSQL aborts one of the two, retried here.
    return retryOnDeadlock(() => this.transitionOnce(id, rule, cleanReason));
  }

  private transitionOnce(id: string, rule: (typeof TRANSITIONS)[Transition], cleanReason: string | undefined) {
    return this.ctx.em.transactional(async (tx) => {
      const appointment = await this.lockVisible(tx, id);
      const verdict = judge(
        this.ctx.access.actor,
        this.facts(appointment),
        rule,
        new Date(),
        this.ctx.settings.cancellationCutoffHours,
        this.ctx.settings.checkInEarliestMinutes,
      );
      if (!verdict.ok) {
        throw new AppError(verdict.code, verdict.message, verdict.reason ? { reason: verdict.reason } : {});
      }
      const before = this.before(appointment);
      appointment.status = rule.to;
      if (rule.to === AppointmentStatus.CANCELLED) {
        appointment.cancellationReason = cleanReason;
      }
      await this.recordChange(tx, appointment, rule.event, before, cleanReason);
      return appointment;
    });
  }

  /**
   * Looks up, before the transaction opens, the care facts the access check needs (cached for the
   * request), so the check inside the transaction needs no second connection: under load, every
   * pooled connection held by a transaction waiting for another one would stall the pool.
   */
  private async authorizeAhead(id: string): Promise<void> {
    const appointment = await this.ctx.em.fork().findOne(Appointment, id);
    if (appointment) {
      await this.ctx.access.chart(appointment.patient.id);
    }
  }

  /**
   * A share lock on the doctor's row for this transaction: bookings run side by side, but never
   * between a schedule change's check for affected appointments and its commit (those take the
   * row exclusively). A doctor deactivated meanwhile takes no booking.
   */
  async holdDoctor(tx: EntityManager, doctorId: string, field: string, options: { listeners?: boolean } = {}) {
    // With `listeners`, also the webhook listeners (shared), for a booking's fan-out decision.
    const [row] = await tx.execute<{ active: boolean }[]>(
      `select u.active${options.listeners ? ', pg_advisory_xact_lock_shared(?) is null as listeners_held' : ''}
         from doctor d join app_user u on u.id = d.user_id where d.id = ? for share of d`,
      options.listeners ? [WEBHOOK_LISTENERS_LOCK, doctorId] : [doctorId],
    );
    if (!row?.active) {
      throw badInput([{ field, message: 'is not a doctor taking appointments' }]);
    }
  }

  /**
   * The patient held for this transaction (see `holdPatient`) and read, for {@link insertBooking};
   * `closed` (BAD_USER_INPUT on `input.patientId` unless given) when the account is not active.
   */
  async holdActivePatient(
    tx: EntityManager,
    patientId: string,
    closed: () => AppError = () => badInput([{ field: 'input.patientId', message: 'is not an active patient' }]),
  ): Promise<Patient> {
    const columns = entityColumns(tx, Patient, 'p');
    const row = await holdPatient(tx, patientId, { select: columns.select });
    if (!row) {
      throw closed();
    }
    return readOnlyEntity(tx, Patient, columns.pick(row));
  }

  /**
   * Cancels each of the patient's visits still ahead (REQUESTED or CONFIRMED, not started: a visit
   * under way is finished by its doctor) as the caller's cancellation with `reason`: each with its
   * event, audit, notices and webhooks, as one by one. The doctors whose time came free are added to
   * `freed`, for the caller to offer once its other changes are in. Answers how many.
   */
  async cancelUpcomingOf(tx: EntityManager, patientId: string, reason: string, freed: Set<string>): Promise<number> {
    const upcoming = await tx.execute<{ id: string }[]>(
      `select id from appointment
        where patient_id = ? and status in (${TRANSITIONS.cancel.from.map(() => '?').join(', ')}) and starts_at > now()
        order by starts_at, id`,
      [patientId, ...TRANSITIONS.cancel.from],
    );
    for (const { id } of upcoming) {
      const appointment = await this.lockVisible(tx, id);
      const verdict = judge(this.ctx.access.actor, this.facts(appointment), TRANSITIONS.cancel, new Date(), 0);
      if (!verdict.ok) {
        throw new AppError(verdict.code, verdict.message, verdict.reason ? { reason: verdict.reason } : {});
      }
      const before = this.before(appointment);
      appointment.status = AppointmentStatus.CANCELLED;
      appointment.cancellationReason = reason;
      await this.recordChange(tx, appointment, AppointmentEventKind.CANCELLED, before, reason, freed);
    }
    return upcoming.length;
  }

  /** The appointment, locked for this transaction; hidden and missing ones get the same answer. */
  async lockVisible(tx: EntityManager, id: string): Promise<Appointment> {
    const appointment = await tx.findOne(Appointment, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!appointment) {
      throw this.ctx.access.missing('Appointment');
    }
    await this.ctx.access.assertAppointment(this.facts(appointment));
    return appointment;
  }

  facts(appointment: Appointment) {
    return {
      patientId: appointment.patient.id,
      doctorId: appointment.doctor.id,
      status: appointment.status,
      startsAt: appointment.startsAt,
    };
  }

  /** Where the appointment stands before a change: what {@link recordChange} compares with. */
  before(appointment: Appointment): ChangeBefore {
    return { fromStatus: appointment.status, fromStartsAt: appointment.startsAt, fromDoctorId: appointment.doctor.id };
  }

  /**
   * Who, when, why (the durable event); the audit event; reminders and notifications; the
   * wake-up; and the time the change freed, offered to the waitlist in this transaction — or,
   * with `freed`, collected there for the caller to offer once its other changes are in (a
   * batch that cancels one visit to move another into its time must not see it offered first).
   * With `insert` (a new booking, made with `persist: false`, under {@link holdDoctor} or
   * {@link lockForBookingStatement}), the appointment, its event and its audit row are written with the
   * outbox in one statement at the commit, and its webhook fan-out is queued only if a webhook
   * listens for bookings.
   */
  async recordChange(
    tx: EntityManager,
    appointment: Appointment,
    kind: AppointmentEventKind,
    before: ChangeBefore,
    reason?: string,
    freed?: Set<string>,
    details: ChangeDetails = {},
    options: { readonly insert?: boolean } = {},
  ): Promise<void> {
    // A partner is audited as itself below; the person columns stay empty.
    const actor = this.ctx.access.requireSignedIn();
    const user = actor.kind === 'user' ? actor.userId : undefined;
    const now = new Date();
    appointment.statusChangedAt = now;
    appointment.statusChangedBy = user ? tx.getReference(User, user, { wrapped: true }) : undefined;
    const change = tx.create(
      AppointmentChange,
      {
        appointment,
        kind,
        fromStatus: before.fromStatus,
        toStatus: appointment.status,
        fromStartsAt: before.fromStartsAt,
        toStartsAt: appointment.startsAt,
        changedBy: user ? tx.getReference(User, user) : undefined,
        reason,
      },
      { persist: !options.insert },
    );
    const audited = this.ctx.audit.record(tx, {
      action: kind === AppointmentEventKind.BOOKED ? 'CREATE' : kind,
      entityType: 'Appointment',
      entityId: appointment.id,
      patientId: appointment.patient.id,
    });
    if (options.insert) {
      // One statement at the commit (the followers below only add to the outbox or read other rows).
      deferInsert(tx, [appointment, change, audited]);
    } else {
      // Writes first, so the constraint speaks now and side effects see the row.
      await tx.flush();
    }
    // The event's webhooks, queued with the change: nothing if it rolls back.
    enqueueWebhookFanout(tx, change.id, options.insert ? { kind } : undefined);
    await appointmentSideEffects(tx, appointment, kind, change.id, this.ctx.appointmentFollowers, details);
    const freedDoctor =
      before.fromDoctorId && before.fromStartsAt
        ? doctorFreedBy(
            { doctorId: before.fromDoctorId, startsAt: before.fromStartsAt, status: before.fromStatus },
            { doctorId: appointment.doctor.id, startsAt: appointment.startsAt, status: appointment.status },
          )
        : undefined;
    if (freedDoctor && freed) {
      freed.add(freedDoctor);
    } else if (freedDoctor) {
      await this.ctx.offerFreedTime(tx, [freedDoctor]);
    }
  }
}
