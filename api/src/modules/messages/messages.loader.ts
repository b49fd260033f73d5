import type { Context } from '../../server/context.js';
import { careSql } from '../identity/access-control.js';
import { User } from '../identity/user.entity.js';
import type { ThreadParties } from './messages.policy.js';

/**
 * Whether each doctor–patient pair is still a care relationship: the access policy's care rule
 * (an appointment that is not cancelled), with both accounts still active. One statement per
 * request, however many threads.
 */
export function careActiveLoader(ctx: Context) {
  return ctx.loaders.get<string, boolean>('messages:careActive', async (keys) => {
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const rows = await ctx.em.execute<{ doctor_id: string; patient_id: string; active: boolean }[]>(
      `select x.doctor_id, x.patient_id,
              (${careSql('x.doctor_id', 'x.patient_id')} and du.active and pu.active) as active
       from unnest(?::uuid[], ?::uuid[]) as x(doctor_id, patient_id)
       join doctor d on d.id = x.doctor_id join app_user du on du.id = d.user_id
       join patient p on p.id = x.patient_id join app_user pu on pu.id = p.user_id`,
      [`{${pairs.map(([doctor]) => doctor).join(',')}}`, `{${pairs.map(([, patient]) => patient).join(',')}}`],
    );
    const active = new Set(rows.filter((row) => row.active).map((row) => `${row.doctor_id}:${row.patient_id}`));
    return keys.map((key) => active.has(key));
  });
}

export function careActive(ctx: Context, parties: ThreadParties): Promise<boolean> {
  return careActiveLoader(ctx).load(`${parties.doctorId}:${parties.patientId}`);
}

/** Unread messages of each thread for the signed-in user (sent by the other participant). */
export function unreadCountLoader(ctx: Context, userId: string) {
  return ctx.loaders.get<string, number>(`messages:unread:${userId}`, async (threadIds) => {
    const rows = await ctx.em.execute<{ thread_id: string; unread: number }[]>(
      `select thread_id, count(*)::int as unread from message
       where thread_id = any(?::uuid[]) and sender_id <> ? and read_at is null
       group by thread_id`,
      [`{${threadIds.join(',')}}`, userId],
    );
    const byThread = new Map(rows.map((row) => [row.thread_id, row.unread]));
    return threadIds.map((id) => byThread.get(id) ?? 0);
  });
}

/** Senders of messages, batched. */
export function senderLoader(ctx: Context) {
  return ctx.loaders.get<string, User>('messages:sender', async (userIds) => {
    const users = await ctx.em.find(User, { id: { $in: [...userIds] } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return userIds.map((id) => byId.get(id) ?? new Error('sender not found'));
  });
}
