import { describe, expect, it } from 'vitest';
import { registrationInput, validateRegistration, type RegisterDraft } from './register-form';

const draft: RegisterDraft = {
  firstName: ' Ada ',
  lastName: 'Byron',
  dateOfBirth: '1990-04-12',
  email: ' ada.byron@example.com ',
  password: 'correct horse battery',
  repeat: 'correct horse battery',
  phone: '',
  gender: '',
};
const today = new Date(2026, 11, 7, 9, 30);

describe('validateRegistration', () => {
  it('accepts a complete sign-up', () => {
    expect(validateRegistration(draft, today)).toEqual({});
  });

  it('refuses the e-mail address or its name part as the password, whatever the case', () => {
    const asAddress = 'ADA.BYRON@example.com';
    expect(validateRegistration({ ...draft, password: asAddress, repeat: asAddress }, today).password).toBe(
      'Choose a password that is not your e-mail address.',
    );
    const asName = 'Ada.Byron ';
    expect(validateRegistration({ ...draft, password: `${asName}   `, repeat: `${asName}   ` }, today).password).toBe(
      'Choose a password that is not your e-mail address.',
    );
  });

  it('takes a birth today (as the API does) but not tomorrow', () => {
    expect(validateRegistration({ ...draft, dateOfBirth: '2026-12-07' }, today).dateOfBirth).toBeUndefined();
    expect(validateRegistration({ ...draft, dateOfBirth: '2026-12-08' }, today).dateOfBirth).toBe(
      'The date of birth must be in the past.',
    );
  });
});

describe('registrationInput', () => {
  it('trims the details and leaves out the optional ones left empty', () => {
    expect(registrationInput(draft)).toEqual({
      firstName: 'Ada',
      lastName: 'Byron',
      dateOfBirth: '1990-04-12',
      email: 'ada.byron@example.com',
      password: 'correct horse battery',
      phone: null,
      gender: null,
    });
  });
});
