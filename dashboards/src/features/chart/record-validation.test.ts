import { describe, expect, it } from 'vitest';
import { CASES_TODAY, CLINICAL_CASES } from './clinical-cases';
import { draftFromCase } from './clinical-cases.draft';
import { validateRecord } from './record-validation';

describe('the record form validator over the shared clinical cases', () => {
  it.each(CLINICAL_CASES.map((c) => [c.name, c] as const))('%s', (_name, clinicalCase) => {
    const errors = validateRecord(draftFromCase(clinicalCase), CASES_TODAY);
    expect(Object.keys(errors).sort()).toEqual([...clinicalCase.refused].sort());
  });
});
