import type { Context } from '../../server/context.js';
import { forbidden } from '../../shared/errors.js';
import { Role } from '../identity/role.js';
import { guardRows, publicRows, type AnyRowGuard } from '../identity/row-guard.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';
import { Specialization } from './specialization.entity.js';
import { TimeOff } from './time-off.entity.js';

/** A doctor's schedule (time off): administrators, and the doctor themself. */
export function assertManages(ctx: Context, doctorId: string): void {
  const actor = ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
  if (actor.role === Role.DOCTOR && actor.doctorId !== doctorId) {
    throw forbidden('Doctors manage only their own schedule.');
  }
}

/** What the doctor may change in their own profile; an administrator changes every field. */
export const DOCTOR_OWN_PROFILE_FIELDS = ['bio', 'qualifications'] as const;

/**
 * A doctor's profile: administrators every field, the doctor themself only what introduces them
 * to patients (FORBIDDEN naming the other fields given).
 */
export function assertMayEditProfile(ctx: Context, doctorId: string, fields: readonly string[]): void {
  const actor = ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
  if (actor.role === Role.ADMIN) {
    return;
  }
  if (actor.doctorId !== doctorId) {
    throw forbidden('Doctors may change only their own profile.');
  }
  const others = fields.filter((field) => !(DOCTOR_OWN_PROFILE_FIELDS as readonly string[]).includes(field));
  if (others.length > 0) {
    throw forbidden(`Only an administrator may change: ${others.join(', ')}.`);
  }
}

/** Row guards of the doctors module. */
export const doctorGuards: readonly AnyRowGuard[] = [
  publicRows(Doctor, 'The doctor directory (name, specialty) is what patients choose from when booking.'),
  publicRows(AvailabilityRule, 'Weekly opening hours are shown to everyone choosing a slot.'),
  publicRows(Specialization, 'The managed list of specialisations is what patients choose a doctor by.'),
  guardRows(TimeOff, (period, ctx) => assertManages(ctx, period.doctor.id)),
];
