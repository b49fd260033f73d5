import type { RetentionRule } from '../../shared/retention.js';

/**
 * The stream's events older than `retentionDays` go with the hourly retention cleanup (their
 * changes stay in the append-only history); a cursor of a deleted event is then refused as too old.
 */
export function appointmentEventRetention(retentionDays: number): RetentionRule {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error('the event retention is a whole number of days');
  }
  return {
    table: 'appointment_event',
    expired: `at < now() - interval '${retentionDays} days'`,
    why: `events are resumable for EVENT_RETENTION_DAYS (${retentionDays}); the history keeps every change`,
  };
}
