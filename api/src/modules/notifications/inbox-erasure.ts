import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import type { DeliveryDependencies } from './notification.service.js';

/** The job that empties a closed account's in-app inbox, once the closing committed. */
export const ERASE_INBOX = 'erase-inbox';
const eraseInboxPayload = z.object({ userId: z.string().refine(isUuid, 'must be a UUID') });

/**
 * The `erase-inbox` task: deletes the in-app notifications of an account closed at its owner's
 * request (no one can read them any more; what they said of visits stays in the record). Nothing
 * if the account was opened again meanwhile.
 */
export async function handleEraseInbox(deps: Pick<DeliveryDependencies, 'orm' | 'logger'>, payload: unknown) {
  const { userId } = eraseInboxPayload.parse(payload);
  const erased = await deps.orm.em
    .fork()
    .getConnection()
    .execute<{ n: number }[]>(
      `with gone as (delete from notification n using app_user u
                      where n.user_id = ? and u.id = n.user_id and not u.active returning n.id)
       select count(*)::int as n from gone`,
      [userId],
    );
  deps.logger.info({ userId, erased: erased[0]?.n ?? 0 }, 'closed account inbox erased');
}
