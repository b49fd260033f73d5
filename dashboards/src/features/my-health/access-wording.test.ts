import { describe, expect, it } from 'vitest';
import { describeAccess } from './access-wording';

describe('describeAccess', () => {
  const doctor = 'Dr Kerry Witting (General Practice)';
  it.each([
    [{ action: 'READ', entityType: 'Patient' }, 'Dr Kerry Witting opened your chart'],
    [{ action: 'READ', entityType: 'Patient', emergency: true }, 'Dr Kerry Witting opened your chart in an emergency'],
    [
      { action: 'READ', entityType: 'MedicalRecord', entityDate: '2026-11-05T09:00:00.000Z' },
      'Dr Kerry Witting read your record of 5 Nov 2026',
    ],
    [
      { action: 'CREATE', entityType: 'Prescription', entityDate: '2026-11-05T09:00:00.000Z' },
      'Dr Kerry Witting issued a prescription of 5 Nov 2026',
    ],
    [{ action: 'AMEND', entityType: 'MedicalRecord' }, 'Dr Kerry Witting amended your record'],
    [
      { action: 'DOWNLOAD', entityType: 'HealthRecordSummary' },
      'Dr Kerry Witting downloaded your whole record (PDF summary)',
    ],
    [
      { action: 'DOWNLOAD', entityType: 'HealthRecordBundle', actorRole: 'PATIENT' },
      'You downloaded your whole record (FHIR file)',
    ],
  ])('%o reads "%s"', (entry, words) => {
    expect(describeAccess({ emergency: false, actorName: doctor, ...entry })).toBe(words);
  });
});
