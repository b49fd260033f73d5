import { describe, expect, it } from 'vitest';
import {
  directRelation,
  mayReadClinical,
  mayReadProfile,
  maySeeAppointment,
  maySeeAuditEvent,
  maySeeEmergencyGrant,
  maySeeUser,
  profileReach,
  mayWriteClinical,
  type ChartRelation,
} from './access.policy.js';
import { ANONYMOUS, type UserActor } from './actor.js';
import { Role, type PersonRole } from './role.js';

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
const patientA = user(Role.PATIENT, { userId: 'ua', patientId: 'pa' });
const doctor = user(Role.DOCTOR, { userId: 'ud', doctorId: 'd1' });
const admin = user(Role.ADMIN);
const RELATIONS: ChartRelation[] = ['self', 'care', 'emergency', 'schedule', 'admin', 'none'];

describe('access policy (the role table)', () => {
  it('derives the relation that needs no database', () => {
    expect(directRelation(ANONYMOUS, 'pa')).toBe('none');
    expect(directRelation(patientA, 'pa')).toBe('self');
    expect(directRelation(patientA, 'pb')).toBe('none');
    expect(directRelation(admin, 'pa')).toBe('admin');
    expect(directRelation(doctor, 'pa')).toBe('ask-care');
  });

  it('shows demographics to everyone related, clinical content only to the patient and their doctors', () => {
    expect(RELATIONS.filter(mayReadProfile)).toEqual(['self', 'care', 'emergency', 'schedule', 'admin']);
    expect(RELATIONS.filter(mayReadClinical)).toEqual(['self', 'care', 'emergency']);
  });

  it('lets the patient change their whole profile, an administrator its demographics, a caring doctor its history', () => {
    expect(profileReach(patientA, 'self')).toBe('all');
    expect(profileReach(patientA, 'none')).toBeUndefined();
    expect(profileReach(admin, 'admin')).toBe('demographics');
    // A doctor: only while they may write to the chart, and only its history.
    expect(
      (['care', 'emergency', 'schedule', 'none'] as const).map((relation) => profileReach(doctor, relation)),
    ).toEqual(['history', 'history', undefined, undefined]);
  });

  it('lets only a caring doctor write clinical content', () => {
    expect(RELATIONS.filter((relation) => mayWriteClinical(doctor, relation))).toEqual(['care', 'emergency']);
    expect(RELATIONS.filter((relation) => mayWriteClinical(patientA, relation))).toEqual([]);
    expect(RELATIONS.filter((relation) => mayWriteClinical(admin, relation))).toEqual([]);
  });

  it('shows an appointment to its doctor, administrators, and doctors who may read the chart', () => {
    const own = { patientId: 'px', doctorId: 'd1' };
    const others = { patientId: 'px', doctorId: 'd2' };
    expect(maySeeAppointment(doctor, own, 'none')).toBe(true);
    expect(maySeeAppointment(doctor, others, 'schedule')).toBe(false);
    expect(maySeeAppointment(doctor, others, 'care')).toBe(true);
    expect(maySeeAppointment(admin, others, 'admin')).toBe(true);
    expect(maySeeAppointment(patientA, { patientId: 'pa', doctorId: 'd2' }, 'self')).toBe(true);
    expect(maySeeAppointment(patientA, others, 'none')).toBe(false);
    expect(maySeeAppointment(ANONYMOUS, own, 'none')).toBe(false);
  });

  it('limits accounts, audit events and grants to those they concern', () => {
    expect(maySeeUser(patientA, 'ua')).toBe(true);
    expect(maySeeUser(patientA, 'ub')).toBe(false);
    expect(maySeeUser(admin, 'ub')).toBe(true);
    expect(maySeeAuditEvent(patientA, { patientId: 'pa' })).toBe(true);
    expect(maySeeAuditEvent(patientA, { patientId: 'pb' })).toBe(false);
    expect(maySeeAuditEvent(patientA, { patientId: null })).toBe(false);
    expect(maySeeAuditEvent(doctor, { patientId: 'pa' })).toBe(false);
    expect(maySeeAuditEvent(admin, { patientId: null })).toBe(true);
    expect(maySeeEmergencyGrant(doctor, { doctorId: 'd1', patientId: 'px' })).toBe(true);
    expect(maySeeEmergencyGrant(patientA, { doctorId: 'd1', patientId: 'pa' })).toBe(true);
    expect(maySeeEmergencyGrant(patientA, { doctorId: 'd1', patientId: 'pb' })).toBe(false);
  });
});
