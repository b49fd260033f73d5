import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, notFound, slotTaken, unauthenticated } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { readTrip, uuidIn } from '../../shared/one-trip.js';
import { retryOnDeadlock } from '../../shared/retry.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { announceFreedTime } from '../../shared/freed-time.js';
import type { TimeInterval } from '../doctors/weekly-slots.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import { ACCOUNT_CLOSED, holdPatient } from '../patients/patient-hold.js';
import { asConflict } from './appointment-booking.service.js';
import { ACTIVE_STATUSES } from './appointment-status.js';
import { SlotHold } from './slot-hold.entity.js';
import { doctorTimeOf, EPOCH_MS, SlotService } from './slot.service.js';

/** A patient's own holds (not waitlist offers) at once; one per doctor, a new one replaces the old. */
export const MAX_HOLDS_PER_PATIENT = 3;

/** SQL: the hold `h` is in force now, by the database's clock. */
export const ACTIVE_HOLD = `h.released_at is null and h.expires_at > now()`;
const ACTIVE = ACTIVE_HOLD;

/**
 * Holds and bookings of one doctor take turns: a booking share-locks the doctor's row (bookings
 * run side by side, the appointment exclusion constraint settles them), a hold (or a waitlist
 * offer) locks it with `for no key update`, which waits for every booking in flight and blocks new
 * ones until it commits. So a hold sees every committed booking, and a booking sees every
 * committed hold: no slot is both held and booked. (`no key update` leaves foreign-key checks of
 * other rows pointing at the doctor unblocked.) A doctor deactivated meanwhile takes no hold.
 */
export async function lockDoctorForHolds(tx: EntityManager, doctorId: string, field: string): Promise<void> {
  if (!(await lockDoctor(tx, doctorId))) {
    throw badInput([{ field, message: 'is not a doctor taking appointments' }]);
  }
}

/** Takes the doctor's hold lock (as {@link lockDoctorForHolds}); whether they take appointments. */
export async function lockDoctor(tx: EntityManager, doctorId: string): Promise<boolean> {
  const [row] = await tx.execute<{ active: boolean }[]>(
    `select u.active from doctor d join app_user u on u.id = d.user_id where d.id = ? for no key update of d`,
    [doctorId],
  );
  return row?.active ?? false;
}

/**
 * Active holds of these doctors overlapping [from, to), except `exceptPatientId`'s own: one part of
 * the request's (or the transaction's) round trip.
 */
export async function activeHolds(
  em: EntityManager,
  doctorIds: readonly string[],
  from: Date,
  to: Date,
  exceptPatientId?: string,
): Promise<(TimeInterval & { readonly doctorId: string })[]> {
  if (doctorIds.length === 0) {
    return [];
  }
  const doctorsIn = uuidIn(1, doctorIds);
  const rows = await readTrip(em).load({
    sql: `select doctor_id, ${EPOCH_MS('starts_at')}, ${EPOCH_MS('ends_at')} from slot_hold h
          where doctor_id ${doctorsIn.sql} and ${ACTIVE} and starts_at < $2::timestamptz and ends_at > $3::timestamptz
            and ($4::uuid is null or patient_id <> $4::uuid)`,
    params: [doctorsIn.param, to.toISOString(), from.toISOString(), exceptPatientId ?? null],
  });
  return rows.map(doctorTimeOf);
}

/** CONFLICT `SLOT_HELD` when someone other than `patientId` holds part of the slot now. */
export async function refuseHeldByOthers(
  tx: EntityManager,
  doctorId: string,
  slot: TimeInterval,
  patientId: string,
): Promise<void> {
  const held = await activeHolds(tx, [doctorId], slot.startsAt, slot.endsAt, patientId);
  if (held.length > 0) {
    throw heldByOthers();
  }
}

/** CONFLICT `SLOT_HELD`: the slot is held for another patient. */
export const heldByOthers = () =>
  conflict('That slot is being held for another patient. Please choose another.', 'SLOT_HELD');

/**
 * Marks as used (by `appointmentId`) the patient's active holds on this slot. With `holdId`, that
 * hold must be the patient's, for this very slot, and still in force: CONFLICT `HOLD_EXPIRED`
 * when it ran out or was let go, BAD_USER_INPUT when it is another slot's, NOT_FOUND when it is
 * someone else's or does not exist.
 */
export async function useHolds(
  tx: EntityManager,
  args: { doctorId: string; patientId: string; slot: TimeInterval; holdId?: string; appointmentId: string },
): Promise<void> {
  if (args.holdId) {
    const [hold] = await tx.execute<{ doctor_id: string; starts_at: Date; active: boolean }[]>(
      `select h.doctor_id, h.starts_at, (${ACTIVE}) as active from slot_hold h where h.id = ? and h.patient_id = ? for update`,
      [args.holdId, args.patientId],
    );
    if (!hold) {
      throw notFound('Slot hold');
    }
    if (hold.doctor_id !== args.doctorId || new Date(hold.starts_at).getTime() !== args.slot.startsAt.getTime()) {
      throw badInput([{ field: 'input.holdId', message: 'holds another slot' }]);
    }
    if (!hold.active) {
      throw conflict('The hold on this slot has run out. Please pick a slot again.', 'HOLD_EXPIRED');
    }
  }
  await tx.execute(
    `update slot_hold h set released_at = now(), appointment_id = ?
      where h.doctor_id = ? and h.patient_id = ? and ${ACTIVE} and h.starts_at < ? and h.ends_at > ?`,
    [args.appointmentId, args.doctorId, args.patientId, args.slot.endsAt, args.slot.startsAt],
  );
}

/**
 * Puts a hold in, under {@link lockDoctorForHolds} (the caller takes it): expired holds of the
 * doctor are released first (they would trip the exclusion constraint), then the slot must be
 * free of active appointments and of others' holds. Expiry is `now() + minutes`, on the database's
 * clock; a `slot-freed` job at expiry lets the waitlist offer the slot on if it was not used.
 */
export async function insertHold(
  tx: EntityManager,
  args: { doctorId: string; patientId: string; slot: TimeInterval; minutes: number; waitlistEntryId?: string },
): Promise<SlotHold> {
  await tx.execute(
    `update slot_hold h set released_at = h.expires_at where h.doctor_id = ? and h.released_at is null and h.expires_at <= now()`,
    [args.doctorId],
  );
  const [taken] = await tx.execute<{ id: string }[]>(
    `select a.id from appointment a where a.doctor_id = ? and a.status in (${ACTIVE_STATUSES.map(() => '?').join(',')})
       and a.starts_at < ? and a.ends_at > ? limit 1`,
    [args.doctorId, ...ACTIVE_STATUSES, args.slot.endsAt, args.slot.startsAt],
  );
  if (taken) {
    throw slotTaken();
  }
  await refuseHeldByOthers(tx, args.doctorId, args.slot, args.patientId);
  const [clock] = await tx.execute<{ expires_at: Date }[]>(`select now() + make_interval(secs => ?) as expires_at`, [
    Math.round(args.minutes * 60_000) / 1000,
  ]);
  const hold = tx.create(SlotHold, {
    doctor: tx.getReference(Doctor, args.doctorId),
    patient: tx.getReference(Patient, args.patientId),
    startsAt: args.slot.startsAt,
    endsAt: args.slot.endsAt,
    expiresAt: new Date(clock!.expires_at),
    waitlistEntryId: args.waitlistEntryId,
  });
  await tx.flush();
  announceFreedTime(tx, args.doctorId, hold.expiresAt);
  return hold;
}

/** holdSlot and releaseSlotHold: a patient keeps a slot while finishing the booking form. */
export class SlotHoldService {
  constructor(private readonly ctx: Context) {}

  async hold(doctorIdInput: string, startsAt: Date, patientIdInput?: string | null): Promise<SlotHold> {
    const actor = this.ctx.access.requireRole(Role.PATIENT, Role.ADMIN);
    const doctorId = requireId(doctorIdInput, 'doctorId');
    let patientId: string;
    if (actor.role === Role.PATIENT) {
      if (patientIdInput && patientIdInput.toLowerCase() !== actor.patientId) {
        throw forbidden('Patients hold slots for themselves.');
      }
      patientId = actor.patientId!;
    } else {
      if (!patientIdInput) {
        throw badInput([{ field: 'patientId', message: 'is required when an administrator holds a slot' }]);
      }
      patientId = requireId(patientIdInput, 'patientId');
    }
    try {
      return await retryOnDeadlock(() =>
        this.ctx.em.transactional(async (tx) => {
          // The patient first, as closing the account locks (see holdPatient), then the doctor.
          if (!(await holdPatient(tx, patientId))) {
            throw actor.role === Role.PATIENT
              ? unauthenticated(ACCOUNT_CLOSED)
              : badInput([{ field: 'patientId', message: 'is not an active patient' }]);
          }
          await lockDoctorForHolds(tx, doctorId, 'doctorId');
          const doctor = await tx.findOneOrFail(Doctor, doctorId);
          const slot = await new SlotService(tx).bookableSlot(doctor, startsAt, 'startsAt');
          // One hold per doctor: picking another slot lets the previous one go.
          await tx.execute(
            `update slot_hold h set released_at = now()
              where h.patient_id = ? and h.doctor_id = ? and h.waitlist_entry_id is null and ${ACTIVE}`,
            [patientId, doctorId],
          );
          const [{ count } = { count: 0 }] = await tx.execute<{ count: number }[]>(
            `select count(*)::int as count from slot_hold h where h.patient_id = ? and h.waitlist_entry_id is null and ${ACTIVE}`,
            [patientId],
          );
          if (count >= MAX_HOLDS_PER_PATIENT) {
            throw conflict(
              `A patient can hold at most ${MAX_HOLDS_PER_PATIENT} slots at once. Book or let one go first.`,
              'HOLD_LIMIT',
            );
          }
          const hold = await insertHold(tx, { doctorId, patientId, slot, minutes: this.ctx.settings.slotHoldMinutes });
          this.ctx.audit.record(tx, { action: 'HOLD_SLOT', entityType: 'SlotHold', entityId: hold.id, patientId });
          return hold;
        }),
      );
    } catch (error) {
      throw asConflict(error);
    }
  }

  /** Lets a hold go at once (true), or answers false when it had already run out or been used. */
  async release(idInput: string): Promise<boolean> {
    const id = requireId(idInput, 'id');
    const actor = this.ctx.access.requireRole(Role.PATIENT, Role.ADMIN);
    return this.ctx.em.transactional(async (tx) => {
      const hold = await tx.findOne(SlotHold, id);
      if (!hold || (actor.role === Role.PATIENT && hold.patient.id !== actor.patientId)) {
        throw notFound('Slot hold');
      }
      if (hold.waitlistEntryId) {
        throw conflict('A waitlist offer is declined with leaveWaitlist.', 'WAITLIST_OFFER');
      }
      const rows = await tx.execute<{ id: string }[]>(
        `update slot_hold h set released_at = now() where h.id = ? and ${ACTIVE} returning h.id`,
        [id],
      );
      if (rows.length === 0) {
        return false;
      }
      announceFreedTime(tx, hold.doctor.id);
      this.ctx.audit.record(tx, {
        action: 'RELEASE_SLOT_HOLD',
        entityType: 'SlotHold',
        entityId: id,
        patientId: hold.patient.id,
      });
      return true;
    });
  }
}

/**
 * Lets go of every slot the patient still holds (their account closing): a booking's hold and a
 * waitlist offer's alike. The doctors whose time came free are added to `freed`, for the caller to
 * offer once its other changes are in.
 */
export async function releaseHoldsOf(tx: EntityManager, patientId: string, freed: Set<string>): Promise<void> {
  const released = await tx.execute<{ doctor_id: string }[]>(
    `update slot_hold h set released_at = now(), updated_at = now()
      where h.patient_id = ? and ${ACTIVE_HOLD} returning h.doctor_id`,
    [patientId],
  );
  for (const row of released) {
    freed.add(row.doctor_id);
  }
}
