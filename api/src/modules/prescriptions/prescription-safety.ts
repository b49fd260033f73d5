import { allergyCovers, duplicates, identifyMedication } from './drug-classes.js';

export type SafetyReason = 'ALLERGY_CONFLICT' | 'DUPLICATE_THERAPY';

/** One conflict of one item of a new prescription: what it meets and why. */
export interface SafetyConflict {
  readonly reason: SafetyReason;
  /** Index of the item in `input.items`. */
  readonly itemIndex: number;
  readonly medication: string;
  /** ALLERGY_CONFLICT: the allergy as the chart records it. */
  readonly allergy?: string;
  /** DUPLICATE_THERAPY: the active prescription it duplicates (absent for two items of this prescription). */
  readonly prescriptionId?: string;
  /** DUPLICATE_THERAPY: the medication it duplicates. */
  readonly duplicateOf?: string;
  /** The class both belong to, when the match is by class, e.g. "Penicillins". */
  readonly drugClass?: string;
}

export interface ActiveMedication {
  readonly prescriptionId: string;
  readonly medication: string;
}

/**
 * Every conflict of the new items with the patient's recorded allergies and active
 * medications, and between the new items themselves. Pure: the caller loads the facts.
 */
export function findSafetyConflicts(
  items: readonly { readonly medication: string }[],
  allergies: readonly string[],
  active: readonly ActiveMedication[],
): SafetyConflict[] {
  const conflicts: SafetyConflict[] = [];
  const identities = items.map((item) => identifyMedication(item.medication));
  const activeIdentities = active.map((entry) => ({ entry, identity: identifyMedication(entry.medication) }));
  items.forEach((item, itemIndex) => {
    const identity = identities[itemIndex]!;
    for (const allergy of allergies) {
      const match = allergyCovers(allergy, identity);
      if (match) {
        conflicts.push({
          reason: 'ALLERGY_CONFLICT',
          itemIndex,
          medication: item.medication,
          allergy: match.allergy,
          ...(match.drugClass ? { drugClass: match.drugClass.label } : {}),
        });
      }
    }
    for (const { entry, identity: other } of activeIdentities) {
      const match = duplicates(identity, other);
      if (match) {
        conflicts.push({
          reason: 'DUPLICATE_THERAPY',
          itemIndex,
          medication: item.medication,
          prescriptionId: entry.prescriptionId,
          duplicateOf: entry.medication,
          ...(match.drugClass ? { drugClass: match.drugClass.label } : {}),
        });
      }
    }
    for (let earlier = 0; earlier < itemIndex; earlier++) {
      const match = duplicates(identity, identities[earlier]!);
      if (match) {
        conflicts.push({
          reason: 'DUPLICATE_THERAPY',
          itemIndex,
          medication: item.medication,
          duplicateOf: items[earlier]!.medication,
          ...(match.drugClass ? { drugClass: match.drugClass.label } : {}),
        });
      }
    }
  });
  // Allergies first: the graver finding names the error.
  return conflicts.sort((a, b) => (a.reason === b.reason ? 0 : a.reason === 'ALLERGY_CONFLICT' ? -1 : 1));
}
