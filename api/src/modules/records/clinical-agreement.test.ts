import { describe, expect, it } from 'vitest';
import { CASES_TODAY, CLINICAL_CASES } from '../../../../dashboards/src/features/chart/clinical-cases.js';
import { draftFromCase } from '../../../../dashboards/src/features/chart/clinical-cases.draft.js';
import { toRecordInput, validateRecord } from '../../../../dashboards/src/features/chart/record-validation.js';
import { checkClinicalFields } from './clinical-validation.js';
import { RecordType } from './record.types.js';

/** The server's field path (`input.diagnoses.0.code`) as the record form's key (`code.0`). */
function formKey(field: string): string {
  const path = field.replace(/^input\./, '');
  const diagnosis = /^diagnoses\.(\d+)\.(code|description)$/.exec(path);
  if (diagnosis) {
    return `${diagnosis[2]}.${diagnosis[1]}`;
  }
  return path.replace(/^vitals\./, '');
}

const now = new Date(`${CASES_TODAY}T12:00:00.000Z`);

describe('the record form and the API judge the shared clinical cases alike', () => {
  it.each(CLINICAL_CASES.map((c) => [c.name, c] as const))('%s', (_name, clinicalCase) => {
    const draft = draftFromCase(clinicalCase);
    const client = Object.keys(validateRecord(draft, CASES_TODAY)).sort();
    // What the form would send once it let the draft through, as the API receives it.
    const input = toRecordInput('patient-1', draft);
    // The form sends no lab results; the client's enum strings become the server's enum.
    const { labResults: _none, ...rest } = input;
    const fields = { ...rest, type: RecordType[input.type] };
    const server = [...new Set(checkClinicalFields(fields, { now }).problems.map((p) => formKey(p.field)))].sort();
    expect({ client, server }).toEqual({
      client: [...clinicalCase.refused].sort(),
      server: [...clinicalCase.refused].sort(),
    });
  });
});
