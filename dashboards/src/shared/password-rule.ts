/** The password rule as said beside a new password, before anything is typed. */
export const PASSWORD_RULE = 'At least 10 characters, and not your e-mail address.';

/**
 * The API's password rule: at least 10 characters (at most 128), and not the e-mail address or
 * its part before the "@" (when that has 4 characters or more), whatever the case — checked by
 * every form that sets a new password before it sends it (`email` empty where it is not known).
 */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < 10) {
    return 'Use at least 10 characters.';
  }
  if (password.length > 128) {
    return 'Use at most 128 characters.';
  }
  const typed = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  if (address && (typed === address || (localPart.length >= 4 && typed === localPart))) {
    return 'Choose a password that is not your e-mail address.';
  }
  return undefined;
}
