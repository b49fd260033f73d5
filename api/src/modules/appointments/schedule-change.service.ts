import type { Context } from '../../server/context.js';
import { AppError, badInput, forbidden } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { isValidZone, NOT_A_ZONE } from '../../shared/zone-cache.js';
import { retryOnDeadlock } from '../../shared/retry.js';
import { findAffectedAppointmentIds, type ScheduleChange } from '../doctors/affected-appointments.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { SlotService } from './slot.service.js';
import { refuseHeldByOthers } from './slot-hold.service.js';
import { Role } from '../identity/role.js';
import { asConflict, AppointmentBookingService } from './appointment-booking.service.js';
import { AppointmentEventKind } from './appointment-event.type.js';
import { judge, RESCHEDULE, TRANSITIONS } from './appointment-lifecycle.js';
import { AppointmentStatus } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';
import {
  AffectedAppointmentAction,
  type AffectedAppointmentResolutionInput,
  type ScheduleChangeInput,
} from './schedule-change.inputs.js';

const MAX_RESOLUTIONS = 200;
const CANCEL_REASON_MIN = 3;

/**
 * Time off, new weekly hours and deactivation never strand a booked patient: the change lists
 * the appointments it would leave without a doctor, and the administrator (or the doctor, for
 * their own) cancels each with a reason or moves it to another time or doctor. Patients hear of
 * either through the usual notifications, written in the same transaction.
 */
export class ScheduleChangeService {
  constructor(private readonly ctx: Context) {}

  /** The doctor's booked appointments the planned change would strand, in start order. */
  async affected(input: ScheduleChangeInput): Promise<Appointment[]> {
    const doctorId = requireId(input.doctorId, 'input.doctorId');
    this.assertManages(doctorId);
    const given = [input.timeOff, input.availability, input.timezone, input.deactivate ? true : null].filter(
      (value) => value !== null && value !== undefined,
    );
    if (given.length !== 1) {
      throw badInput([
        { field: 'input', message: 'must name exactly one of timeOff, availability, timezone or deactivate' },
      ]);
    }
    let change: ScheduleChange;
    if (input.timeOff) {
      if (input.timeOff.endsAt <= input.timeOff.startsAt) {
        throw badInput([{ field: 'input.timeOff.endsAt', message: 'must be after startsAt' }]);
      }
      change = { kind: 'timeOff', doctorId, ...input.timeOff };
    } else if (input.availability) {
      change = { kind: 'availability', doctorId, rules: input.availability };
    } else if (input.timezone) {
      // Moving a doctor to another zone is an administrator's change (updateDoctor), as deactivation.
      this.ctx.access.requireRole(Role.ADMIN);
      if (!isValidZone(input.timezone)) {
        throw badInput([{ field: 'input.timezone', message: NOT_A_ZONE }]);
      }
      change = { kind: 'timezone', doctorId, timezone: input.timezone };
    } else {
      this.ctx.access.requireRole(Role.ADMIN);
      change = { kind: 'deactivation', doctorId };
    }
    const ids = await findAffectedAppointmentIds(this.ctx.em, change);
    return ids.length === 0
      ? []
      : this.ctx.em.find(Appointment, { id: { $in: ids } }, { orderBy: { startsAt: 'asc' } });
  }

  /** Cancels or moves each appointment, all in one transaction: every one is resolved, or none. */
  async resolve(resolutions: readonly AffectedAppointmentResolutionInput[]): Promise<Appointment[]> {
    const actor = this.ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
    if (resolutions.length === 0 || resolutions.length > MAX_RESOLUTIONS) {
      throw badInput([{ field: 'resolutions', message: `must list 1 to ${MAX_RESOLUTIONS} appointments` }]);
    }
    const plans = resolutions.map((resolution, index) => this.plan(resolution, index));
    const seen = new Set<string>();
    plans.forEach((plan, index) => {
      if (seen.has(plan.id)) {
        throw badInput([{ field: `resolutions.${index}.appointmentId`, message: 'is listed twice' }]);
      }
      seen.add(plan.id);
      if (plan.kind === 'move' && plan.doctorId && actor.role !== Role.ADMIN) {
        throw forbidden('Only an administrator moves an appointment to another doctor.');
      }
    });
    const booking = new AppointmentBookingService(this.ctx);
    try {
      return await retryOnDeadlock(() =>
        this.ctx.em.transactional(async (tx) => {
          const done = new Map<string, Appointment>();
          // Time freed here goes to the waitlist once every change is in: a move into a slot a
          // cancellation of this batch freed must not find it offered to someone else first.
          const freed = new Set<string>();
          // Cancellations first: they free time the moves may use.
          const ordered = [...plans.entries()].sort(([, a], [, b]) =>
            a.kind === b.kind ? 0 : a.kind === 'cancel' ? -1 : 1,
          );
          for (const [index, plan] of ordered) {
            const appointment = await booking.lockVisible(tx, plan.id);
            const now = new Date();
            const rule = plan.kind === 'cancel' ? TRANSITIONS.cancel : { ...RESCHEDULE, verb: 'move' as const };
            const verdict = judge(this.ctx.access.actor, booking.facts(appointment), rule, now, 0);
            if (!verdict.ok) {
              throw new AppError(verdict.code, verdict.message, verdict.reason ? { reason: verdict.reason } : {});
            }
            const before = booking.before(appointment);
            if (plan.kind === 'cancel') {
              appointment.status = AppointmentStatus.CANCELLED;
              appointment.cancellationReason = plan.reason;
              await booking.recordChange(tx, appointment, AppointmentEventKind.CANCELLED, before, plan.reason, freed);
            } else {
              const doctorId = plan.doctorId ?? appointment.doctor.id;
              const field = `resolutions.${index}`;
              await booking.holdDoctor(tx, doctorId, `${field}.doctorId`);
              const doctor = await tx.findOneOrFail(Doctor, doctorId);
              const slot = await new SlotService(tx).bookableSlot(doctor, plan.startsAt, `${field}.startsAt`);
              await refuseHeldByOthers(tx, doctorId, slot, appointment.patient.id);
              if (doctorId === appointment.doctor.id && slot.startsAt.getTime() === appointment.startsAt.getTime()) {
                throw badInput([{ field: `${field}.startsAt`, message: 'is the time the appointment already has' }]);
              }
              appointment.doctor = tx.getReference(Doctor, doctorId, { wrapped: true });
              appointment.startsAt = slot.startsAt;
              appointment.endsAt = slot.endsAt;
              await booking.recordChange(tx, appointment, AppointmentEventKind.RESCHEDULED, before, plan.reason, freed);
            }
            done.set(plan.id, appointment);
          }
          await this.ctx.offerFreedTime(tx, freed);
          return plans.map((plan) => done.get(plan.id)!);
        }),
      );
    } catch (error) {
      throw asConflict(error);
    }
  }

  private plan(
    resolution: AffectedAppointmentResolutionInput,
    index: number,
  ):
    | { kind: 'cancel'; id: string; reason: string }
    | { kind: 'move'; id: string; startsAt: Date; doctorId: string | undefined; reason: string | undefined } {
    const field = `resolutions.${index}`;
    const id = requireId(resolution.appointmentId, `${field}.appointmentId`);
    const reason = resolution.reason?.trim() || undefined;
    if (resolution.action === AffectedAppointmentAction.CANCEL) {
      if (!reason || reason.length < CANCEL_REASON_MIN) {
        throw badInput([{ field: `${field}.reason`, message: 'must tell the patient why, in 3 to 500 characters' }]);
      }
      return { kind: 'cancel', id, reason };
    }
    if (!resolution.startsAt) {
      throw badInput([{ field: `${field}.startsAt`, message: 'is required to move an appointment' }]);
    }
    const doctorId = resolution.doctorId ? requireId(resolution.doctorId, `${field}.doctorId`) : undefined;
    return { kind: 'move', id, startsAt: resolution.startsAt, doctorId, reason };
  }

  private assertManages(doctorId: string): void {
    const actor = this.ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
    if (actor.role === Role.DOCTOR && actor.doctorId !== doctorId) {
      throw forbidden('Doctors manage only their own schedule.');
    }
  }
}
