import { forbidden } from '../../shared/errors.js';
import { maySeeAuditEvent } from '../identity/access.policy.js';
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
