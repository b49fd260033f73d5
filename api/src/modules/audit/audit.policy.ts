import { forbidden } from '../../shared/errors.js';
import { maySeeAuditEvent } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { AuditEvent } from './audit-event.entity.js';

/** Row guards of the audit module: administrators see every event, a patient those of their chart. */
export const auditGuards: readonly AnyRowGuard[] = [
  guardRows(AuditEvent, (event, ctx) => {
    if (!maySeeAuditEvent(ctx.access.actor, event)) {
      throw forbidden('You may not see this audit event.');
    }
  }),
];

/**
 * Whether the trail names people to this reader — whose chart an event touched, which administrator
 * or patient acted: to administrators, who answer "who read this record". A patient's own access log
 * is all their own chart, and names staff by role only (their e-mails are not the patient's to read).
 */
export function trailNamesPeopleTo(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === Role.ADMIN;
}
