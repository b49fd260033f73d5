import { raw, type EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { retryOnDeadlock } from '../../shared/retry.js';
import { asConflict, AppointmentBookingService } from '../appointments/appointment-booking.service.js';
import { AppointmentType } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { lockDoctor, lockDoctorForHolds } from '../appointments/slot-hold.service.js';
import { MAX_SLOT_WINDOW_DAYS } from '../appointments/slot.service.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { findSpecializationName, UNKNOWN_SPECIALIZATION } from '../doctors/specialization.service.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import { ACCOUNT_CLOSED, holdPatient } from '../patients/patient-hold.js';
import { OPEN_WAITLIST_STATUSES, WaitlistEntry, WaitlistStatus } from './waitlist-entry.entity.js';
import type { JoinWaitlistInput } from './waitlist.inputs.js';
import { offerFreedTime } from './waitlist-offers.js';

const DAY = 86_400_000;
/** Open places a patient may have at once. */
export const MAX_OPEN_PLACES = 5;
/** How far ahead a window may start. */
const MAX_LEAD_DAYS = 180;
/** Doctors of one specialisation offered to when a place is taken (the rest as their slots free up). */
const MAX_DOCTORS_PER_JOIN = 20;

/** Joining, accepting an offer, leaving; the lists of places. */
export class WaitlistService {
  constructor(private readonly ctx: Context) {}

  async join(input: JoinWaitlistInput): Promise<WaitlistEntry> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const patientId = actor.patientId!;
    const now = new Date();
    if ((input.doctorId ? 1 : 0) + (input.specialization?.trim() ? 1 : 0) !== 1) {
      throw badInput([{ field: 'input', message: 'must name exactly one of doctorId or specialization' }]);
    }
    const from = new Date(Math.max(input.from.getTime(), now.getTime()));
    if (input.to <= input.from) {
      throw badInput([{ field: 'input.to', message: 'must be after from' }]);
    }
    if (input.to <= now) {
      throw badInput([{ field: 'input.to', message: 'must be in the future' }]);
    }
    if (input.to.getTime() - from.getTime() > MAX_SLOT_WINDOW_DAYS * DAY) {
      throw badInput([{ field: 'input.to', message: `must be at most ${MAX_SLOT_WINDOW_DAYS} days after from` }]);
    }
    if (from.getTime() - now.getTime() > MAX_LEAD_DAYS * DAY) {
      throw badInput([{ field: 'input.from', message: `must be within ${MAX_LEAD_DAYS} days from now` }]);
    }
    const em = this.ctx.em;
    let doctorIds: string[];
    let target: { doctor?: Doctor; specialization?: string };
    if (input.doctorId) {
      const doctor = await em.findOne(Doctor, requireId(input.doctorId, 'input.doctorId'), { populate: ['user'] });
      if (!doctor?.user.getEntity().active) {
        throw badInput([{ field: 'input.doctorId', message: 'is not a doctor taking appointments' }]);
      }
      doctorIds = [doctor.id];
      target = { doctor };
    } else {
      const specialization = await findSpecializationName(em, input.specialization!);
      if (!specialization) {
        throw badInput([{ field: 'input.specialization', message: UNKNOWN_SPECIALIZATION }]);
      }
      const rows = await em.execute<{ id: string }[]>(
        `select d.id from doctor d join app_user u on u.id = d.user_id
          where u.active and d.specialization = ? order by d.id limit ${MAX_DOCTORS_PER_JOIN}`,
        [specialization],
      );
      doctorIds = rows.map((row) => row.id);
      target = { specialization };
    }
    try {
      const id = await retryOnDeadlock(() =>
        em.transactional(async (tx) => {
          // The patient's row serialises their own joins (the cap and the duplicate check hold); the
          // hold also sees the account closed meanwhile (see holdPatient).
          if (!(await holdPatient(tx, patientId, { lock: 'no key update' }))) {
            throw unauthenticated(ACCOUNT_CLOSED);
          }
          await this.refuseTooMany(tx, patientId, target);
          const entry = tx.create(WaitlistEntry, {
            patient: tx.getReference(Patient, patientId),
            doctor: target.doctor ? tx.getReference(Doctor, target.doctor.id) : undefined,
            specialization: target.specialization,
            windowFrom: from,
            windowTo: input.to,
          });
          this.ctx.audit.record(tx, {
            action: 'JOIN_WAITLIST',
            entityType: 'WaitlistEntry',
            entityId: entry.id,
            patientId,
          });
          await tx.flush();
          // A slot already free in the window is offered at once (to whoever is first in line).
          await offerFreedTime(tx, this.ctx.settings, doctorIds);
          return entry.id;
        }),
      );
      return await this.ctx.em.fork().findOneOrFail(WaitlistEntry, id);
    } catch (error) {
      throw asConflict(error);
    }
  }

  private async refuseTooMany(
    tx: EntityManager,
    patientId: string,
    target: { doctor?: Doctor; specialization?: string },
  ): Promise<void> {
    const open = await tx.find(WaitlistEntry, {
      patient: patientId,
      status: { $in: [...OPEN_WAITLIST_STATUSES] },
      windowTo: { $gt: new Date() },
    });
    if (
      open.some((entry) =>
        target.doctor ? entry.doctor?.id === target.doctor.id : entry.specialization === target.specialization,
      )
    ) {
      throw conflict('You are already on this waitlist. Leave it first to change the window.', 'ALREADY_WAITING');
    }
    if (open.length >= MAX_OPEN_PLACES) {
      throw conflict(`You can wait for at most ${MAX_OPEN_PLACES} things at once.`, 'WAITLIST_LIMIT');
    }
  }

  /** Books the held slot of an offer; CONFLICT when there is no offer or it ran out. */
  async accept(idInput: string): Promise<Appointment> {
    const id = requireId(idInput, 'id');
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const ahead = await this.ctx.em.fork().findOne(WaitlistEntry, id, { populate: ['offerHold'] });
    if (!ahead || ahead.patient.id !== actor.patientId) {
      throw notFound('Waitlist entry');
    }
    const hold = ahead.offerHold?.getEntity();
    if (ahead.status !== WaitlistStatus.OFFERED || !hold) {
      throw conflict(`There is no offer to accept: the place is ${ahead.status}.`, 'NO_OFFER');
    }
    const booking = new AppointmentBookingService(this.ctx);
    try {
      return await retryOnDeadlock(() =>
        this.ctx.em.transactional(async (tx) => {
          // The patient first, as closing the account locks (see holdPatient); then the doctor, then
          // the place: the order every waitlist pass locks in.
          const patient = await booking.holdActivePatient(tx, actor.patientId!, () => unauthenticated(ACCOUNT_CLOSED));
          await lockDoctorForHolds(tx, hold.doctor.id, 'id');
          const entry = await this.lockEntry(tx, id);
          if (entry.status !== WaitlistStatus.OFFERED || entry.offerHold?.id !== hold.id) {
            throw conflict(`There is no offer to accept: the place is ${entry.status}.`, 'NO_OFFER');
          }
          const doctor = await tx.findOneOrFail(Doctor, hold.doctor.id);
          const appointment = await booking.insertBooking(tx, {
            doctor,
            patient,
            startsAt: hold.startsAt,
            type: AppointmentType.REGULAR,
            holdId: hold.id,
          });
          entry.status = WaitlistStatus.BOOKED;
          entry.appointmentId = appointment.id;
          this.ctx.audit.record(tx, {
            action: 'ACCEPT_WAITLIST_OFFER',
            entityType: 'WaitlistEntry',
            entityId: entry.id,
            patientId: entry.patient.id,
          });
          return appointment;
        }),
      );
    } catch (error) {
      throw asConflict(error);
    }
  }

  /** Leaves the queue (CANCELLED); an offer held is let go and passed on at once. */
  async leave(idInput: string): Promise<WaitlistEntry> {
    const id = requireId(idInput, 'id');
    const actor = this.ctx.access.requireRole(Role.PATIENT, Role.ADMIN);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ahead = await this.ctx.em.fork().findOne(WaitlistEntry, id, { populate: ['offerHold'] });
      if (!ahead || (actor.role === Role.PATIENT && ahead.patient.id !== actor.patientId)) {
        throw notFound('Waitlist entry');
      }
      if (ahead.status === WaitlistStatus.CANCELLED) {
        return ahead;
      }
      if (ahead.status === WaitlistStatus.BOOKED) {
        throw conflict('This place was already used for a booking; cancel the appointment instead.', 'BOOKED');
      }
      const doctorId = ahead.status === WaitlistStatus.OFFERED ? ahead.offerHold?.getEntity().doctor.id : undefined;
      const left = await retryOnDeadlock(() =>
        this.ctx.em.transactional(async (tx) => {
          if (doctorId) {
            await lockDoctor(tx, doctorId); // an inactive doctor's offer can be left all the same
          }
          const entry = await this.lockEntry(tx, id);
          if (entry.status === WaitlistStatus.OFFERED && !doctorId) {
            return undefined; // offered meanwhile: start again, taking the doctor's lock first
          }
          const wasOffered = entry.status === WaitlistStatus.OFFERED;
          if (entry.status === WaitlistStatus.WAITING || wasOffered) {
            entry.status = WaitlistStatus.CANCELLED;
          }
          if (wasOffered && entry.offerHold) {
            await tx.execute(`update slot_hold set released_at = now() where id = ? and released_at is null`, [
              entry.offerHold.id,
            ]);
          }
          this.ctx.audit.record(tx, {
            action: 'LEAVE_WAITLIST',
            entityType: 'WaitlistEntry',
            entityId: entry.id,
            patientId: entry.patient.id,
          });
          await tx.flush();
          if (wasOffered && doctorId) {
            await offerFreedTime(tx, this.ctx.settings, [doctorId]);
          }
          return entry.id;
        }),
      );
      if (left) {
        return this.ctx.em.fork().findOneOrFail(WaitlistEntry, left);
      }
    }
    throw conflict('The place changed while leaving; please try again.', 'BUSY');
  }

  private async lockEntry(tx: EntityManager, id: string): Promise<WaitlistEntry> {
    const [row] = await tx.execute<{ id: string }[]>(`select id from waitlist_entry where id = ? for update`, [id]);
    if (!row) {
      throw notFound('Waitlist entry');
    }
    return tx.findOneOrFail(WaitlistEntry, id, { refresh: true });
  }

  /** The signed-in patient's places, newest first (the last 50). */
  async mine(): Promise<WaitlistEntry[]> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    return this.ctx.em.find(
      WaitlistEntry,
      { patient: actor.patientId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 50, populate: ['offerHold'] },
    );
  }

  /**
   * The queue for a doctor (the doctor themself, or an administrator), in the order offers go out
   * (at most 200): the places waiting for the doctor or their specialisation, and those holding an
   * offer of one of the doctor's slots — not a specialisation's place offered a colleague's slot,
   * which this doctor may not see and which will not come back to their queue. One statement: the
   * specialisation is a subquery of the entries' statement (with their holds and patients joined),
   * and whether the doctor exists is asked only when no entry came back (a doctor's own id exists).
   */
  async forDoctor(doctorIdInput: string): Promise<WaitlistEntry[]> {
    const doctorId = requireId(doctorIdInput, 'doctorId');
    const actor = this.ctx.access.requireRole(Role.DOCTOR, Role.ADMIN);
    if (actor.role === Role.DOCTOR && actor.doctorId !== doctorId) {
      throw forbidden('Doctors see only their own waitlist.');
    }
    const entries = await this.ctx.em.find(
      WaitlistEntry,
      {
        windowTo: { $gt: new Date() },
        $or: [
          {
            status: WaitlistStatus.WAITING,
            $or: [
              { doctor: doctorId },
              {
                doctor: null,
                specialization: raw<WaitlistEntry, string>('(select d.specialization from doctor d where d.id = ?)', [
                  doctorId,
                ]),
              },
            ],
          },
          // An offer leaves the queue of every doctor but the one whose slot it holds: it ends
          // booked, declined or expired, never waiting again.
          { status: WaitlistStatus.OFFERED, offerHold: { doctor: doctorId } },
        ],
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 200, populate: ['offerHold', 'patient'] },
    );
    if (entries.length === 0 && actor.role !== Role.DOCTOR && (await this.ctx.em.count(Doctor, doctorId)) === 0) {
      throw notFound('Doctor');
    }
    return entries;
  }
}

/**
 * Takes the patient off every waitlist they are on (their account closing): WAITING and OFFERED
 * places are CANCELLED, each audited as leaving; an offer's held slot is released by the caller
 * (`releaseHoldsOf`), which offers it to the next in line. In the caller's transaction.
 */
export async function leaveEveryWaitlist(ctx: Context, tx: EntityManager, patientId: string): Promise<number> {
  const left = await tx.execute<{ id: string }[]>(
    `update waitlist_entry set status = ?, updated_at = now()
      where patient_id = ? and status in (${OPEN_WAITLIST_STATUSES.map(() => '?').join(', ')}) returning id`,
    [WaitlistStatus.CANCELLED, patientId, ...OPEN_WAITLIST_STATUSES],
  );
  for (const { id } of left) {
    ctx.audit.record(tx, { action: 'LEAVE_WAITLIST', entityType: 'WaitlistEntry', entityId: id, patientId });
  }
  return left.length;
}
