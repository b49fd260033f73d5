import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import type { AppointmentEventKind } from './appointment-event.type.js';
import type { Appointment } from './appointment.entity.js';

/**
 * Work other modules do inside an appointment change's own transaction (billing drafts the
 * invoice of a completed visit), registered at start-up so this module needs no import of the
 * modules above it. A hook that throws rolls the change back.
 */
export type AppointmentHook = (
  tx: EntityManager,
  ctx: Context,
  appointment: Appointment,
  kind: AppointmentEventKind,
) => Promise<void>;

const hooks = new Set<AppointmentHook>();

export function registerAppointmentHook(hook: AppointmentHook): void {
  hooks.add(hook);
}

export async function runAppointmentHooks(
  tx: EntityManager,
  ctx: Context,
  appointment: Appointment,
  kind: AppointmentEventKind,
): Promise<void> {
  for (const hook of hooks) {
    await hook(tx, ctx, appointment, kind);
  }
}
