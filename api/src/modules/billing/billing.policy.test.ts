import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { mayAdmit, maySeeAdmission } from '../organisation/organisation.policy.js';
import { mayAddPolicy, mayListBilling, mayManageBilling, maySeeBilling } from './billing.policy.js';
import { policyCovers } from './insurance.service.js';

const user = (role: Role, ids: { patientId?: string; doctorId?: string } = {}): Actor => ({
  kind: 'user',
  userId: 'u',
  role,
  sessionId: 's',
  patientId: ids.patientId,
  doctorId: ids.doctorId,
  tokenExpiresAt: new Date(),
});
const admin = user(Role.ADMIN);
const patient = user(Role.PATIENT, { patientId: 'p1' });
const doctor = user(Role.DOCTOR, { doctorId: 'd1' });
const anonymous: Actor = { kind: 'anonymous' };

describe('billing policy', () => {
  it('admins manage and see all money; patients see only their own; doctors none', () => {
    expect(mayManageBilling(admin)).toBe(true);
    expect([patient, doctor, anonymous].map(mayManageBilling)).toEqual([false, false, false]);
    expect(maySeeBilling(admin, { patientId: 'p2' })).toBe(true);
    expect(maySeeBilling(patient, { patientId: 'p1' })).toBe(true);
    expect(maySeeBilling(patient, { patientId: 'p2' })).toBe(false);
    expect(maySeeBilling(doctor, { patientId: 'p1' })).toBe(false);
    expect(maySeeBilling(anonymous, { patientId: 'p1' })).toBe(false);
    expect([admin, patient, doctor, anonymous].map(mayListBilling)).toEqual([true, true, false, false]);
    expect(mayAddPolicy(patient, 'p1')).toBe(true);
    expect(mayAddPolicy(patient, 'p2')).toBe(false);
  });

  it('a policy covers its days inclusively, open-ended without an end', () => {
    expect(policyCovers({ validFrom: '2026-01-01', validTo: '2026-12-31' }, '2026-12-31')).toBe(true);
    expect(policyCovers({ validFrom: '2026-01-01', validTo: '2026-12-31' }, '2027-01-01')).toBe(false);
    expect(policyCovers({ validFrom: '2026-01-01' }, '2099-01-01')).toBe(true);
    expect(policyCovers({ validFrom: '2026-01-01' }, '2025-12-31')).toBe(false);
  });
});

describe('organisation policy', () => {
  it('admissions: admins and treating doctors admit; the chart relation decides who sees them', () => {
    expect(mayAdmit(admin, 'admin')).toBe(true);
    expect(mayAdmit(doctor, 'care')).toBe(true);
    expect(mayAdmit(doctor, 'schedule')).toBe(false);
    expect(mayAdmit(patient, 'self')).toBe(false);
    expect(maySeeAdmission(patient, 'self')).toBe(true);
    expect(maySeeAdmission(admin, 'admin')).toBe(true);
    expect(maySeeAdmission(doctor, 'emergency')).toBe(true);
    expect(maySeeAdmission(doctor, 'none')).toBe(false);
  });
});
