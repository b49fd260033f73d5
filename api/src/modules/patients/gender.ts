/**
 * Gender is stored and answered as a FHIR AdministrativeGender code
 * (http://hl7.org/fhir/administrative-gender); input may use any case.
 */
export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

/** What inputs accept: a code in any case. */
export const GENDER_INPUT = new RegExp(`^(${GENDERS.join('|')})$`, 'i');

export const GENDER_DESCRIPTION = `A FHIR AdministrativeGender code: ${GENDERS.join(', ')} (any case on input; answered in lower case).`;

/** A validated input value as stored: the lower-case code (null clears it, undefined leaves it). */
export function genderCode(value: string): Gender;
export function genderCode(value: string | null | undefined): Gender | null | undefined;
export function genderCode(value: string | null | undefined): Gender | null | undefined {
  return typeof value === 'string' ? (value.trim().toLowerCase() as Gender) : value;
}
