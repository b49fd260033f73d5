import type { Role } from './role.js';

/**
 * MFA_REQUIRED_ROLES: a signed-in user of such a role without TOTP may only enrol (and look at
 * who they are, or sign out) until they have; everything else is FORBIDDEN with reason
 * MFA_ENROLLMENT_REQUIRED. The one rule, used by the schema-wide gate and by `User.mfaEnrollmentRequired`.
 */
export function mustEnrolMfa(
  actor: { readonly role: Role; readonly mfaEnabled: boolean },
  requiredRoles: readonly string[],
): boolean {
  return !actor.mfaEnabled && requiredRoles.includes(actor.role);
}

/** Root fields a user who must enrol may still use. */
export const ALLOWED_BEFORE_ENROLMENT: ReadonlySet<string> = new Set([
  'me',
  'serverTime',
  'startTotpEnrollment',
  'confirmTotpEnrollment',
  'logout',
  'refreshSession',
  'mySessions',
  'revokeSession',
  'revokeOtherSessions',
]);
