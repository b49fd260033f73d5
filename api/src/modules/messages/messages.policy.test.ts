import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type UserActor } from '../identity/actor.js';
import { Role, type PersonRole } from '../identity/role.js';
import { counterpartRole, isThreadParticipant, mayWriteToThread } from './messages.policy.js';

const user = (role: PersonRole, ids: Partial<UserActor> = {}): UserActor => ({
  kind: 'user',
  userId: `u-${role}`,
  role,
  sessionId: 's',
  patientId: undefined,
  doctorId: undefined,
  tokenExpiresAt: new Date(),
  mfaEnabled: false,
  ...ids,
});
const thread = { patientId: 'p1', doctorId: 'd1' };

describe('messages policy', () => {
  it('lets only the thread’s patient and doctor read it', () => {
    expect(isThreadParticipant(user(Role.PATIENT, { patientId: 'p1' }), thread)).toBe(true);
    expect(isThreadParticipant(user(Role.DOCTOR, { doctorId: 'd1' }), thread)).toBe(true);
    expect(isThreadParticipant(user(Role.PATIENT, { patientId: 'p2' }), thread)).toBe(false);
    expect(isThreadParticipant(user(Role.DOCTOR, { doctorId: 'd2' }), thread)).toBe(false);
    expect(isThreadParticipant(user(Role.ADMIN), thread)).toBe(false);
    expect(isThreadParticipant(ANONYMOUS, thread)).toBe(false);
  });

  it('freezes a thread once care has ended', () => {
    const patient = user(Role.PATIENT, { patientId: 'p1' });
    expect(mayWriteToThread(patient, thread, true)).toBe(true);
    expect(mayWriteToThread(patient, thread, false)).toBe(false);
    expect(mayWriteToThread(user(Role.ADMIN), thread, true)).toBe(false);
  });

  it('pairs patients with doctors and leaves administrators out', () => {
    expect(counterpartRole(user(Role.PATIENT))).toBe('doctor');
    expect(counterpartRole(user(Role.DOCTOR))).toBe('patient');
    expect(counterpartRole(user(Role.ADMIN))).toBeUndefined();
    expect(counterpartRole(ANONYMOUS)).toBeUndefined();
  });
});
