import type { FieldProblem } from '../../shared/errors.js';

export const MIN_PASSWORD_LENGTH = 10;

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string, field = 'password'): FieldProblem | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { field, message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` };
  }
  if (password.length > 128) {
    return { field, message: 'must be at most 128 characters long' };
  }
  const normalized = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  if (normalized === address || (localPart.length >= 4 && normalized === localPart)) {
    return { field, message: 'must not be your email address' };
  }
  return undefined;
}
