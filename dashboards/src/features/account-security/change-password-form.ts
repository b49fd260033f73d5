import { passwordProblem } from '../../shared/password-rule';

export interface ChangePasswordDraft {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export type ChangePasswordField = keyof ChangePasswordDraft;

export const EMPTY_CHANGE_PASSWORD_DRAFT: ChangePasswordDraft = { currentPassword: '', newPassword: '', repeat: '' };

/**
 * Problems keyed by field, the same names the API gives (`currentPassword`, `newPassword`): the new
 * password follows the sign-up rule (against the account's `email`) and differs from the current
 * one, and the repeat matches it.
 */
export function validatePasswordChange(
  draft: ChangePasswordDraft,
  email: string,
): Partial<Record<ChangePasswordField, string>> {
  const problems: Partial<Record<ChangePasswordField, string>> = {};
  if (!draft.currentPassword) {
    problems.currentPassword = 'Enter your current password.';
  }
  const rule = passwordProblem(draft.newPassword, email);
  if (rule) {
    problems.newPassword = rule;
  } else if (draft.newPassword === draft.currentPassword) {
    problems.newPassword = 'Choose a password different from your current one.';
  } else if (draft.repeat !== draft.newPassword) {
    problems.repeat = 'The two passwords are not the same.';
  }
  return problems;
}
