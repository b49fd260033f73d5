import { SIGN_IN_RETENTION } from '../modules/identity/retention.js';
import type { RetentionRule } from '../shared/retention.js';
import { IDEMPOTENCY_RETENTION } from './idempotency.js';

/** Every table the hourly retention cleanup prunes (the job: notifications/jobs.ts). */
export const RETENTION_RULES: readonly RetentionRule[] = [IDEMPOTENCY_RETENTION, ...SIGN_IN_RETENTION];
