/**
 * Marks a GraphQL field as clinical content: `@Extensions(CLINICAL)`. The access guard lets only
 * the patient and the doctors caring for them read such a field, whatever path leads to it.
 */
export const CLINICAL = { clinical: true } as const;
