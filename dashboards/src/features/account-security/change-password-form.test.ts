import { describe, expect, it } from 'vitest';
import { validatePasswordChange } from './change-password-form';

const email = 'ada.byron@example.com';
const draft = { currentPassword: 'the old passphrase', newPassword: 'a brand new passphrase', repeat: '' };

describe('validatePasswordChange', () => {
  it('accepts a new password that keeps the rule and is repeated', () => {
    expect(validatePasswordChange({ ...draft, repeat: draft.newPassword }, email)).toEqual({});
  });

  it('asks for the current password', () => {
    expect(validatePasswordChange({ ...draft, currentPassword: '', repeat: draft.newPassword }, email)).toEqual({
      currentPassword: 'Enter your current password.',
    });
  });

  it('holds the new password to the sign-up rule', () => {
    expect(validatePasswordChange({ ...draft, newPassword: 'short', repeat: 'short' }, email).newPassword).toBe(
      'Use at least 10 characters.',
    );
    const address = 'ADA.BYRON@example.com';
    expect(validatePasswordChange({ ...draft, newPassword: address, repeat: address }, email).newPassword).toBe(
      'Choose a password that is not your e-mail address.',
    );
  });

  it('refuses the current password as the new one', () => {
    const same = { ...draft, newPassword: draft.currentPassword, repeat: draft.currentPassword };
    expect(validatePasswordChange(same, email)).toEqual({
      newPassword: 'Choose a password different from your current one.',
    });
  });

  it('says on the repeat when it differs from the new password', () => {
    expect(validatePasswordChange({ ...draft, repeat: 'a brand new passphrose' }, email)).toEqual({
      repeat: 'The two passwords are not the same.',
    });
  });
});
