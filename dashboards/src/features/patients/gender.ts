/**
 * The API stores gender as a FHIR AdministrativeGender code; people read and choose words.
 */
const GENDER_WORDS = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' } as const;

/** The choices of a gender field: the code as value, the word as label. */
export const GENDER_OPTIONS = Object.entries(GENDER_WORDS).map(([value, label]) => ({ value, label }));

/** A gender code as a word ("female" → "Female"); anything unexpected as given. */
export function genderWord(code: string): string {
  return GENDER_WORDS[code.toLowerCase() as keyof typeof GENDER_WORDS] ?? code;
}
