import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { badInput, conflict, forbidden, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import type { PageArgs } from '../../shared/pagination.js';
import { readTimePage } from '../../shared/read-page.js';
import { AccountService } from '../identity/account.service.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { notifyPatientsOfBreach } from '../notifications/access-alert-notices.js';
import { ApiClientService } from '../partners/api-client.service.js';
import { AccessAlert, AccessAlertStatus } from './access-alert.entity.js';
import type { ReviewAccessAlertInput } from './privacy.inputs.js';

export const ACCESS_ALERT_NOTE_MIN = 10;
export const ACCESS_ALERT_NOTE_MAX = 2000;

/**
 * Access alerts (raised by the detection job, access-alert-jobs.ts), reviewed by administrators.
 * Dismissed with what explained the access, or confirmed as a breach — in one transaction: the
 * account locked out (a person's sessions ended and password voided, so only its owner gets back
 * in through a reset; a partner's API client revoked), every patient whose chart it read told
 * in-app and by e-mail, and the 72 hours for telling the supervisory authority started.
 */
export class AccessAlertService {
  constructor(private readonly ctx: Context) {}

  /** Alerts, newest first; `status` narrows them. ADMIN only. */
  list(
    statuses: readonly AccessAlertStatus[] | null | undefined,
    page: PageArgs,
    options: { count?: boolean } = {},
  ): Promise<ConnectionShape<AccessAlert>> {
    this.ctx.access.requireRole(Role.ADMIN);
    const where = statuses?.length ? [{ status: { $in: [...statuses] } }] : [];
    return readTimePage(this.ctx.em, AccessAlert, where, 'createdAt', 'desc', page, options);
  }

  async review(idInput: string, input: ReviewAccessAlertInput): Promise<AccessAlert> {
    const actor = this.ctx.access.requireRole(Role.ADMIN);
    const id = requireId(idInput, 'id');
    const note = input.note.trim();
    if (note.length < ACCESS_ALERT_NOTE_MIN || note.length > ACCESS_ALERT_NOTE_MAX) {
      throw badInput([
        {
          field: 'input.note',
          message: `must say what the review found, in ${ACCESS_ALERT_NOTE_MIN} to ${ACCESS_ALERT_NOTE_MAX} characters`,
        },
      ]);
    }
    return this.ctx.em.transactional(
      async (tx) => {
        const alert = await tx.findOne(AccessAlert, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!alert) {
          throw notFound('Access alert');
        }
        if (alert.status !== AccessAlertStatus.OPEN) {
          throw conflict(`This alert was reviewed already: it is ${alert.status}.`, 'ACCESS_ALERT_ALREADY_REVIEWED');
        }
        if (alert.actorId === actor.userId) {
          throw forbidden('An alert about your own account is reviewed by another administrator.');
        }
        alert.reviewedAt = new Date();
        alert.reviewedBy = tx.getReference(User, actor.userId, { wrapped: true });
        alert.note = note;
        if (input.breach) {
          alert.status = AccessAlertStatus.BREACH;
          if (alert.actorRole === Role.PARTNER) {
            await new ApiClientService(this.ctx).revokeIn(tx, alert.actorId);
          } else {
            await new AccountService(this.ctx).lockOut(tx, alert.actorId);
          }
          // The patients the alert kept (never shown), with accounts still open.
          const told = await tx.execute<{ user_id: string }[]>(
            `select p.user_id from access_alert a join patient p on p.id = any(a.patient_ids)
               join app_user u on u.id = p.user_id
              where a.id = ? and u.active`,
            [alert.id],
          );
          await notifyPatientsOfBreach(
            tx,
            told.map((row) => row.user_id),
          );
          alert.patientsNotified = told.length;
        } else {
          alert.status = AccessAlertStatus.DISMISSED;
        }
        this.ctx.audit.record(tx, {
          action: input.breach ? 'ACCESS_ALERT_BREACH' : 'ACCESS_ALERT_DISMISSED',
          entityType: 'AccessAlert',
          entityId: alert.id,
        });
        return alert;
      },
      { clear: true },
    );
  }
}
