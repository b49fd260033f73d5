import type { RegisterPatientInput } from '../../gql/graphql';
import { PHONE } from '../my-health/profile-form';
import { passwordProblem } from '../../shared/password-rule';

export interface RegisterDraft {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  password: string;
  repeat: string;
  phone: string;
  gender: string;
}

export type RegisterField = keyof RegisterDraft;

export const EMPTY_REGISTER_DRAFT: RegisterDraft = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  email: '',
  password: '',
  repeat: '',
  phone: '',
  gender: '',
};

// Deliberately loose, as on the sign-in page: the API decides.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A date as the date input gives it (YYYY-MM-DD), in this device's calendar. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Problems keyed by field, the same names the API gives (`input.password` → `password`). */
export function validateRegistration(draft: RegisterDraft, today = new Date()): Partial<Record<RegisterField, string>> {
  const problems: Partial<Record<RegisterField, string>> = {};
  if (!draft.firstName.trim()) {
    problems.firstName = 'Enter your first name.';
  } else if (draft.firstName.trim().length > 100) {
    problems.firstName = 'Keep the first name under 100 characters.';
  }
  if (!draft.lastName.trim()) {
    problems.lastName = 'Enter your last name.';
  } else if (draft.lastName.trim().length > 100) {
    problems.lastName = 'Keep the last name under 100 characters.';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.dateOfBirth)) {
    problems.dateOfBirth = 'Enter your date of birth.';
  } else if (draft.dateOfBirth > isoDay(today)) {
    problems.dateOfBirth = 'The date of birth must be in the past.';
  } else if (draft.dateOfBirth < '1900-01-01') {
    problems.dateOfBirth = 'Enter a date of birth after 1 January 1900.';
  }
  const email = draft.email.trim();
  if (!email) {
    problems.email = 'Enter your email address.';
  } else if (!EMAIL_SHAPE.test(email)) {
    problems.email = 'Enter an email address like name@example.com.';
  }
  const password = passwordProblem(draft.password, email);
  if (password) {
    problems.password = password;
  } else if (draft.repeat !== draft.password) {
    problems.repeat = 'The two passwords are not the same.';
  }
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) {
    problems.phone = 'Enter a phone number like +49 30 1234567.';
  }
  return problems;
}

/** What `registerPatient` is sent: trimmed, the optional fields left out when empty. */
export function registrationInput(draft: RegisterDraft): RegisterPatientInput {
  return {
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    dateOfBirth: draft.dateOfBirth,
    email: draft.email.trim(),
    password: draft.password,
    phone: draft.phone.trim() || null,
    gender: draft.gender || null,
  };
}
