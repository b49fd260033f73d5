import { describe, expect, it } from 'vitest';
import type { Actor, UserActor } from '../identity/actor.js';
import { Role, type PersonRole } from '../identity/role.js';
import { interpret, isCritical } from './lab-interpretation.js';
import { mayActOnLabOrder, mayRecordLabResults, mayTransition, type LabOrderStatus } from './lab-order.policy.js';
import { catalogueTest, LAB_PANELS, LAB_TESTS, testsOrdered } from './loinc-catalogue.js';

const potassium = catalogueTest('2823-3')!;
const hdl = catalogueTest('2085-9')!;
const covid = catalogueTest('94500-6')!;

describe('the LOINC catalogue', () => {
  it('has unique codes with a valid LOINC check digit, and panels made of catalogue tests', () => {
    const codes = [...LAB_TESTS.map((test) => test.code), ...LAB_PANELS.map((panel) => panel.code)];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code, code).toMatch(/^\d{1,7}-\d$/);
      expect(loincCheckDigit(code.split('-')[0]!), code).toBe(Number(code.split('-')[1]));
    }
    for (const panel of LAB_PANELS) {
      expect(panel.members.every((member) => catalogueTest(member))).toBe(true);
    }
  });

  it('expands panels, keeps each test once and lists unknown codes', () => {
    const { tests, unknown } = testsOrdered(['58410-2', '718-7', ' 2823-3 ', '9999-9']);
    expect(tests.map((test) => test.code)).toEqual(['718-7', '6690-2', '777-3', '2823-3']);
    expect(unknown).toEqual(['9999-9']);
  });
});

describe('interpret', () => {
  it.each([
    ['4.1', 'NORMAL'],
    ['3.5', 'NORMAL'],
    ['5.1', 'NORMAL'],
    ['3.4', 'LOW'],
    ['5.2', 'HIGH'],
    ['2.7', 'CRITICAL_LOW'],
    ['6.5', 'CRITICAL_HIGH'],
  ])('reads potassium %s mmol/L as %s', (value, expected) => {
    expect(interpret(potassium, value)).toMatchObject({ ok: true, interpretation: expected, numeric: Number(value) });
  });

  it('applies only the limits a test has', () => {
    expect(interpret(hdl, '120')).toMatchObject({ interpretation: 'NORMAL' });
    expect(interpret(hdl, '35')).toMatchObject({ interpretation: 'LOW' });
  });

  it('reads coded values as NORMAL or ABNORMAL', () => {
    expect(interpret(covid, 'not detected')).toMatchObject({ ok: true, interpretation: 'NORMAL', numeric: null });
    expect(interpret(covid, 'Detected')).toMatchObject({ ok: true, interpretation: 'ABNORMAL' });
  });

  it('refuses what is not a plain number for a numeric test', () => {
    for (const value of ['', 'high', '4,1', '1e3', '4.1 mmol/L', 'NaN', 'Infinity']) {
      expect(interpret(potassium, value).ok, value).toBe(false);
    }
  });

  it('marks only critical interpretations as critical', () => {
    expect(['CRITICAL_LOW', 'CRITICAL_HIGH'].every((value) => isCritical(value as never))).toBe(true);
    expect(['NORMAL', 'LOW', 'HIGH', 'ABNORMAL'].some((value) => isCritical(value as never))).toBe(false);
  });
});

describe('lab order lifecycle and who records results', () => {
  it('moves ORDERED → COLLECTED → RESULTED, cancels only before results, corrects and reviews a RESULTED order', () => {
    const allowed = (status: LabOrderStatus) =>
      (['collect', 'result', 'cancel', 'review'] as const).filter((action) => mayTransition(status, action));
    expect(allowed('ORDERED')).toEqual(['collect', 'result', 'cancel']);
    expect(allowed('COLLECTED')).toEqual(['result', 'cancel']);
    expect(allowed('RESULTED')).toEqual(['result', 'review']);
    expect(allowed('CANCELLED')).toEqual([]);
  });

  it('lets only the ordering doctor mark results reviewed, never a lab client', () => {
    const order = { doctorId: 'd1' };
    const lab: Actor = {
      kind: 'partner',
      role: Role.PARTNER,
      clientId: 'c',
      scopes: ['labs:write'],
      tokenExpiresAt: new Date(),
    };
    expect(mayActOnLabOrder(user(Role.DOCTOR, { doctorId: 'd1' }), 'review', order)).toBe(true);
    expect(mayActOnLabOrder(user(Role.DOCTOR, { doctorId: 'd2' }), 'review', order)).toBe(false);
    expect(mayActOnLabOrder(user(Role.PATIENT, { patientId: 'p1' }), 'review', order)).toBe(false);
    expect(mayActOnLabOrder(lab, 'review', order, true)).toBe(false);
    // Once the ordering doctor has left, a doctor caring for the patient reviews (never cancels).
    const handedOver = { ...order, handedOver: true };
    expect(mayActOnLabOrder(user(Role.DOCTOR, { doctorId: 'd2' }), 'review', handedOver)).toBe(true);
    expect(mayActOnLabOrder(user(Role.DOCTOR, { doctorId: 'd2' }), 'cancel', handedOver)).toBe(false);
    expect(mayActOnLabOrder(user(Role.PATIENT, { patientId: 'p1' }), 'review', handedOver)).toBe(false);
    expect(mayActOnLabOrder(lab, 'review', handedOver, true)).toBe(false);
  });

  const user = (role: PersonRole, ids: { doctorId?: string; patientId?: string } = {}): UserActor => ({
    kind: 'user',
    userId: 'u',
    role,
    sessionId: 's',
    patientId: ids.patientId,
    doctorId: ids.doctorId,
    tokenExpiresAt: new Date(),
    mfaEnabled: false,
  });

  it('lets only the ordering doctor record results', () => {
    const order = { doctorId: 'd1' };
    const cases: [Actor, boolean][] = [
      [user(Role.DOCTOR, { doctorId: 'd1' }), true],
      [user(Role.DOCTOR, { doctorId: 'd2' }), false],
      [user(Role.DOCTOR), false],
      [user(Role.PATIENT, { patientId: 'p1' }), false],
      [user(Role.ADMIN), false],
      [{ kind: 'anonymous' }, false],
    ];
    for (const [actor, expected] of cases) {
      expect(mayRecordLabResults(actor, order)).toBe(expected);
    }
  });

  it("lets a lab's API client record results only with labs:write for a patient who shares with it", () => {
    const partner = (scopes: string[]): Actor => ({
      kind: 'partner',
      role: Role.PARTNER,
      clientId: 'c',
      scopes,
      tokenExpiresAt: new Date(),
    });
    const order = { doctorId: 'd1' };
    expect(mayRecordLabResults(partner(['labs:write']), order, true)).toBe(true);
    expect(mayRecordLabResults(partner(['labs:write']), order, false)).toBe(false);
    expect(mayRecordLabResults(partner(['clinical:read']), order, true)).toBe(false);
  });
});

/** LOINC's mod-10 check digit (Luhn over the code's digits). */
function loincCheckDigit(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((char, index) => {
    let value = Number(char);
    if (index % 2 === 0) {
      value *= 2;
      if (value > 9) {
        value -= 9;
      }
    }
    sum += value;
  });
  return (10 - (sum % 10)) % 10;
}
