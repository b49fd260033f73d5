import type { EntityManager } from '@mikro-orm/postgresql';
import { requireTransaction } from '../../shared/job-queue.js';
import { enqueueNotice } from './notice-mail.js';
import { NotificationKind } from './notification.entity.js';
import { addNotifications, notifyAdministrators } from './notification.service.js';

/**
 * Tells every active administrator of an access alert, in the detection's transaction: in-app
 * naming the account and what was unusual (read in the console), by a fixed-text e-mail naming no one.
 */
export async function notifyAdministratorsOfAccessAlert(
  tx: EntityManager,
  alert: { readonly actorName: string; readonly what: string },
): Promise<void> {
  requireTransaction(tx, 'notifyAdministratorsOfAccessAlert');
  await notifyAdministrators(
    tx,
    {
      kind: NotificationKind.ACCESS_ALERT,
      title: 'Unusual access to patients’ charts',
      body: `${alert.actorName} ${alert.what}. Review it under Access alerts.`,
    },
    'ACCESS_ALERT',
  );
}

/**
 * Tells each patient (by their user ids) that an account that read their chart was misused, in the
 * review's transaction: in-app and by a fixed-text e-mail. Says nothing of what was read.
 */
export async function notifyPatientsOfBreach(tx: EntityManager, userIds: readonly string[]): Promise<void> {
  requireTransaction(tx, 'notifyPatientsOfBreach');
  await addNotifications(
    tx,
    userIds.map((userId) => ({
      userId,
      fields: {
        kind: NotificationKind.DATA_BREACH,
        title: 'Your chart may have been seen without authorisation',
        body: 'An account with access to your chart was misused and may have read it. The account is locked out and the clinic reports the incident as the law requires. Your access log shows every read of your chart.',
      },
    })),
  );
  for (const userId of userIds) {
    enqueueNotice(tx, userId, 'DATA_BREACH');
  }
}
