import type { RetentionRule } from '../../shared/retention.js';

/**
 * Sign-in rows that outlive their use: an MFA challenge lives minutes, a password-reset token
 * less than an hour, an address-confirmation link two days. A day past expiry they serve nothing — the reset throttle counts the last
 * hour's requests, and the audit trail keeps the lasting record of each sign-in and reset.
 */
export const SIGN_IN_RETENTION: readonly RetentionRule[] = [
  {
    table: 'mfa_challenge',
    expired: `expires_at < now() - interval '1 day'`,
    why: 'A challenge is single-use and lives minutes; the sign-in itself is audited.',
  },
  {
    table: 'password_reset',
    expired: `expires_at < now() - interval '1 day'`,
    why: 'A reset token lives under an hour; the throttle looks back one hour; requests are audited.',
  },
  {
    table: 'email_verification',
    expired: `expires_at < now() - interval '1 day'`,
    why: 'A confirmation link lives two days; the confirmation itself is on the account and audited.',
  },
];
