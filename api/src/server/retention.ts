import type { Settings } from '../config/settings.js';
import { appointmentEventRetention } from '../modules/appointments/appointment-event-pruning.js';
import { ATTACHMENT_RETENTION } from '../modules/files/attachment-retention.js';
import { SIGN_IN_RETENTION } from '../modules/identity/retention.js';
import { PHONE_CONFIRMATION_RETENTION } from '../modules/patients/phone-confirmation.service.js';
import type { RetentionRule } from '../shared/retention.js';
import { IDEMPOTENCY_RETENTION } from './idempotency.js';
import { RATE_LIMIT_RETENTION } from './rate-limit.js';

/** Every table the hourly retention cleanup prunes (the job: notifications/jobs.ts). */
export const RETENTION_RULES: readonly RetentionRule[] = [
  IDEMPOTENCY_RETENTION,
  RATE_LIMIT_RETENTION,
  ...SIGN_IN_RETENTION,
  ...ATTACHMENT_RETENTION,
  PHONE_CONFIRMATION_RETENTION,
];

/** The rules with those that depend on settings. */
export function retentionRules(settings: Pick<Settings, 'eventRetentionDays'>): readonly RetentionRule[] {
  return [...RETENTION_RULES, appointmentEventRetention(settings.eventRetentionDays)];
}
