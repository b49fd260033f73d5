// `.js` suffixes: the API's agreement test imports this file (Node ESM resolution).
import type { ClinicalCase } from './clinical-cases.js';
import { emptyRecordDraft, VITAL_FIELDS, type RecordDraft } from './record-validation.js';

/** The record form's draft for a shared clinical case (what a doctor would have typed). */
export function draftFromCase(clinicalCase: ClinicalCase): RecordDraft {
  const draft = emptyRecordDraft();
  for (const field of VITAL_FIELDS) {
    draft.vitals[field.name] = clinicalCase.vitals?.[field.name] ?? '';
  }
  return {
    ...draft,
    diagnoses: (clinicalCase.diagnoses ?? []).map((d): { code: string; description: string } => ({ ...d })),
    followUpDate: clinicalCase.followUpDate ?? '',
    notes: clinicalCase.notes ?? '',
  };
}
