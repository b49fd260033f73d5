import { errorExtension, errorReason } from '../../shared/graphql-errors';

/** One conflict the API found, as it sends it in `extensions.conflicts`. */
export interface SafetyConflict {
  readonly reason: 'ALLERGY_CONFLICT' | 'DUPLICATE_THERAPY';
  readonly itemIndex: number;
  readonly medication: string;
  readonly allergy?: string;
  readonly duplicateOf?: string;
  readonly drugClass?: string;
}

/** The allergy and duplicate-therapy findings of an issuePrescription error; empty for any other error. */
export function safetyConflicts(error: unknown): SafetyConflict[] {
  const reason = errorReason(error);
  if (reason !== 'ALLERGY_CONFLICT' && reason !== 'DUPLICATE_THERAPY') {
    return [];
  }
  const conflicts = errorExtension(error, 'conflicts');
  return Array.isArray(conflicts) ? (conflicts as SafetyConflict[]) : [];
}

/** One finding in a sentence: "Amoxicillin 500 mg — the patient is allergic to Penicillin (Penicillins)". */
export function describeConflict(conflict: SafetyConflict): string {
  const drugClass = conflict.drugClass ? ` (${conflict.drugClass})` : '';
  return conflict.reason === 'ALLERGY_CONFLICT'
    ? `${conflict.medication} — the patient is allergic to ${conflict.allergy ?? 'a listed allergen'}${drugClass}`
    : `${conflict.medication} — duplicates ${conflict.duplicateOf ?? 'a current medication'}${drugClass}`;
}

export const OVERRIDE_REASON_MIN = 10;
