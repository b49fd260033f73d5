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
    [
      { action: 'READ', entityType: 'LabOrder', entityDate: '2026-11-27T10:50:00.000Z' },
      'Dr Kerry Witting read your lab tests of 27 Nov 2026',
    ],
    [
      { action: 'CREATE', entityType: 'LabOrder', entityDate: '2026-11-27T10:50:00.000Z' },
      'Dr Kerry Witting ordered lab tests for you on 27 Nov 2026',
    ],
    [
      { action: 'RESULT', entityType: 'LabOrder', entityDate: '2026-11-27T10:50:00.000Z' },
      'Dr Kerry Witting entered the results of your lab tests of 27 Nov 2026',
    ],
    [
      { action: 'REVIEW', entityType: 'LabOrder', entityDate: '2026-11-27T10:50:00.000Z' },
      'Dr Kerry Witting reviewed the results of your lab tests of 27 Nov 2026',
    ],
    [
      { action: 'READ', entityType: 'MedicalHistoryChange', entityDate: '2026-12-02T09:15:00.000Z' },
      'Dr Kerry Witting read the change of 2 Dec 2026 to your medical history',
    ],
    [
      { action: 'READ', entityType: 'MedicalHistoryChange', entityDate: '2026-12-02T09:15:00.000Z', emergency: true },
      'Dr Kerry Witting read the change of 2 Dec 2026 to your medical history in an emergency',
    ],
    [
      { action: 'READ', entityType: 'MedicalHistoryChange', actorRole: 'PATIENT' },
      'You read a change to your medical history',
    ],
    [
      { action: 'SUBMIT', entityType: 'InsuranceClaim', entityDate: '2026-12-03T10:00:00.000Z' },
      'Dr Kerry Witting sent an insurance claim for your bill to your insurer on 3 Dec 2026',
    ],
    [
      {
        action: 'PARTIALLY_APPROVED',
        entityType: 'InsuranceClaim',
        entityDate: '2026-12-03T10:00:00.000Z',
        actorName: 'Northern Health Insurance',
      },
      'Northern Health Insurance partly approved your insurance claim sent on 3 Dec 2026',
    ],
    [
      { action: 'READ', entityType: 'InsuranceClaim', actorName: 'Northern Health Insurance' },
      'Northern Health Insurance read your insurance claim sent to them',
    ],
    [
      { action: 'DISCHARGE', entityType: 'Admission', entityDate: '2026-10-02T14:00:00.000Z' },
      'Dr Kerry Witting discharged you from hospital (admitted on 2 Oct 2026)',
    ],
    // Asking to close the account, and what carrying it out ends, each its own entry.
    [
      { action: 'ERASURE_REQUESTED', entityType: 'ErasureRequest', actorRole: 'PATIENT' },
      'You asked to close your account and erase your data',
    ],
    [
      { action: 'ERASURE_WITHDRAWN', entityType: 'ErasureRequest', actorRole: 'PATIENT' },
      'You withdrew the request to close your account',
    ],
    [
      { action: 'ERASURE_REFUSED', entityType: 'ErasureRequest', actorName: 'Administrator' },
      'Administrator refused your request to close your account',
    ],
    [
      { action: 'ERASURE_CARRIED_OUT', entityType: 'ErasureRequest', actorName: 'Administrator' },
      'Administrator closed your account and erased your data, as you asked',
    ],
    [{ action: 'DEACTIVATE', entityType: 'User', actorName: 'Administrator' }, 'Administrator closed your account'],
    [
      { action: 'REVOKE_CONSENT', entityType: 'Consent', actorName: 'Administrator' },
      'Administrator withdrew consent to share your data with a partner',
    ],
    [
      { action: 'LEAVE_WAITLIST', entityType: 'WaitlistEntry', actorName: 'Administrator' },
      'Administrator took you off a waitlist',
    ],
    [
      { action: 'WITHDRAW', entityType: 'RepeatRequest', actorName: 'Administrator' },
      'Administrator withdrew your request for a repeat prescription',
    ],
    [
      {
        action: 'CANCELLED',
        entityType: 'Appointment',
        entityDate: '2026-12-14T09:00:00.000Z',
        actorName: 'Administrator',
      },
      'Administrator cancelled your visit on 14 Dec 2026',
    ],
  ])('%o reads "%s"', (entry, words) => {
    expect(describeAccess({ emergency: false, actorName: doctor, ...entry })).toBe(words);
  });
});
