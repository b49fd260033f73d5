import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { childPages } from '../../shared/keyset.js';
import { careBetween } from '../identity/care-rule.js';
import { Message } from './message.entity.js';

const pairKey = (doctorId: string, patientId: string) => `${doctorId}:${patientId}`;

/** The messages module's batch loaders, one set per request. */
export function messageLoaders(em: EntityManager) {
  /**
   * Whether each doctor–patient pair is still a care relationship: the access policy's care rule
   * (an appointment that is not cancelled), with both accounts still active. One statement per
   * request, however many threads.
   */
  const careActive = batchLoader<string, boolean>(async (keys) => {
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const rows = await em.execute<{ doctor_id: string; patient_id: string; active: boolean }[]>(
      `select x.doctor_id, x.patient_id,
              (${careBetween('x.doctor_id', 'x.patient_id')} and du.active and pu.active) as active
       from unnest(?::uuid[], ?::uuid[]) as x(doctor_id, patient_id)
       join doctor d on d.id = x.doctor_id join app_user du on du.id = d.user_id
       join patient p on p.id = x.patient_id join app_user pu on pu.id = p.user_id`,
      [`{${pairs.map(([doctor]) => doctor).join(',')}}`, `{${pairs.map(([, patient]) => patient).join(',')}}`],
    );
    const active = new Set(rows.filter((row) => row.active).map((row) => pairKey(row.doctor_id, row.patient_id)));
    return keys.map((key) => active.has(key));
  });
  /** Unread messages per `reader:thread` key: sent by the other participant, not yet read. */
  const unread = batchLoader<string, number>(async (keys) => {
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const rows = await em.execute<{ reader: string; thread_id: string; unread: number }[]>(
      `select x.reader, m.thread_id, count(*)::int as unread
       from unnest(?::uuid[], ?::uuid[]) as x(reader, thread_id)
       join message m on m.thread_id = x.thread_id and m.sender_id <> x.reader and m.read_at is null
       group by x.reader, m.thread_id`,
      [`{${pairs.map(([reader]) => reader).join(',')}}`, `{${pairs.map(([, thread]) => thread).join(',')}}`],
    );
    const counts = new Map(rows.map((row) => [`${row.reader}:${row.thread_id}`, row.unread]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
  return {
    careActive: {
      load: (parties: { doctorId: string; patientId: string }) =>
        careActive.load(pairKey(parties.doctorId, parties.patientId)),
    },
    unread: { load: (readerUserId: string, threadId: string) => unread.load(`${readerUserId}:${threadId}`) },
    /** A thread's messages, newest first, paged; batched across threads. */
    messagesOfThread: childPages(
      em,
      { table: 'message', parentColumn: 'thread_id', sortColumn: 'sent_at', direction: 'desc' },
      Message,
    ),
  };
}
