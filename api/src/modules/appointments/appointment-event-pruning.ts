import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../shared/logger.js';

/** The job (hourly, graphile-worker cron) that forgets events older than the retention. */
export const PRUNE_APPOINTMENT_EVENTS = 'prune-appointment-events';

/**
 * Deletes the stream's events older than `retentionDays` (their changes stay in the append-only
 * history); a cursor of a deleted event is then refused as too old. Returns how many went.
 */
export async function pruneAppointmentEvents(em: EntityManager, retentionDays: number): Promise<number> {
  const rows = await em.execute<{ pruned: string }[]>(
    `with gone as (delete from appointment_event where at < now() - make_interval(days => ?) returning 1)
     select count(*)::text as pruned from gone`,
    [retentionDays],
  );
  return Number(rows[0]?.pruned ?? 0);
}

/** The job's body: one statement, logged with the count only. */
export async function handlePruneAppointmentEvents(
  deps: { orm: MikroORM; logger: Logger },
  retentionDays: number,
): Promise<void> {
  const pruned = await pruneAppointmentEvents(deps.orm.em.fork(), retentionDays);
  deps.logger.info({ pruned }, 'pruned old appointment events');
}
