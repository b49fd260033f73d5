import type { MyProfileFieldsFragment, UpdatePatientInput } from '../../gql/graphql';
import { linesOf } from '../../shared/list-lines';

/** Same rule as the API: digits, spaces and `()./-`, optionally a leading +. */
export const PHONE = /^\+?[0-9 ()./-]{6,24}$/;

export interface ContactDraft {
  name: string;
  phone: string;
  relationship: string;
}

export interface ProfileDraft {
  firstName: string;
  lastName: string;
  /** The sign-in address; sent only when changed (a new one has to be confirmed). */
  email: string;
  phone: string;
  address: string;
  dateOfBirth: string;
  gender: string;
  allergies: string;
  chronicConditions: string;
  currentMedications: string;
  emergencyContacts: ContactDraft[];
}

export function draftFrom(patient: MyProfileFieldsFragment): ProfileDraft {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    email: patient.email,
    phone: patient.phone ?? '',
    address: patient.address ?? '',
    dateOfBirth: patient.dateOfBirth,
    gender: patient.gender ?? '',
    allergies: patient.allergies.join('\n'),
    chronicConditions: patient.chronicConditions.join('\n'),
    currentMedications: patient.currentMedications.join('\n'),
    emergencyContacts: patient.emergencyContacts.map((c) => ({
      name: c.name,
      phone: c.phone,
      relationship: c.relationship,
    })),
  };
}

/** The draft's address is another than `current` (the API compares them trimmed, in lower case). */
export function emailChanged(draft: ProfileDraft, current: string): boolean {
  return draft.email.trim().toLowerCase() !== current.trim().toLowerCase();
}

/** The changes to send; the e-mail only when it is another than `currentEmail`. */
export function inputFrom(draft: ProfileDraft, currentEmail: string): UpdatePatientInput {
  return {
    ...(emailChanged(draft, currentEmail) ? { email: draft.email.trim() } : {}),
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    phone: draft.phone.trim() || null,
    address: draft.address.trim() || null,
    dateOfBirth: draft.dateOfBirth,
    gender: draft.gender || null,
    allergies: linesOf(draft.allergies),
    chronicConditions: linesOf(draft.chronicConditions),
    currentMedications: linesOf(draft.currentMedications),
    emergencyContacts: draft.emergencyContacts.map((c) => ({
      name: c.name.trim(),
      phone: c.phone.trim(),
      relationship: c.relationship.trim(),
    })),
  };
}

/** Problems keyed like the server's paths without `input.`: `phone`, `emergencyContacts.0.phone`. */
export function validateProfile(draft: ProfileDraft, today = new Date()): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.firstName.trim()) {
    errors.firstName = 'Enter your first name.';
  }
  if (!draft.lastName.trim()) {
    errors.lastName = 'Enter your last name.';
  }
  if (!draft.email.trim()) {
    errors.email = 'Enter your email address.';
  } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) {
    errors.email = 'Enter an email address like name@example.com.';
  }
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) {
    errors.phone = 'Enter a phone number like +49 30 1234567.';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.dateOfBirth)) {
    errors.dateOfBirth = 'Enter your date of birth.';
  } else if (new Date(`${draft.dateOfBirth}T00:00:00`) >= today) {
    errors.dateOfBirth = 'The date of birth must be in the past.';
  }
  if (draft.address.length > 300) {
    errors.address = 'Keep the address under 300 characters.';
  }
  draft.emergencyContacts.forEach((contact, index) => {
    if (!contact.name.trim()) {
      errors[`emergencyContacts.${index}.name`] = 'Enter a name.';
    }
    if (!contact.relationship.trim()) {
      errors[`emergencyContacts.${index}.relationship`] = 'Say how you are related.';
    }
    if (!PHONE.test(contact.phone.trim())) {
      errors[`emergencyContacts.${index}.phone`] = 'Enter a phone number like +49 30 1234567.';
    }
  });
  return errors;
}
