import type { Context } from '../../server/context.js';
import { forbidden } from '../../shared/errors.js';
import { Role } from '../identity/role.js';
import { guardRows, publicRows, type AnyRowGuard } from '../identity/row-guard.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';
import { TimeOff } from './time-off.entity.js';

/** A doctor's schedule (time off): administrators, and the doctor themself. */
export function assertManages(ctx: Context, doctorId: string): void {
  const actor = ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
  if (actor.role === Role.DOCTOR && actor.doctorId !== doctorId) {
    throw forbidden('Doctors manage only their own schedule.');
  }
}

/** Row guards of the doctors module. */
export const doctorGuards: readonly AnyRowGuard[] = [
  publicRows(Doctor, 'The doctor directory (name, specialty) is what patients choose from when booking.'),
  publicRows(AvailabilityRule, 'Weekly opening hours are shown to everyone choosing a slot.'),
  guardRows(TimeOff, (period, ctx) => assertManages(ctx, period.doctor.id)),
];
