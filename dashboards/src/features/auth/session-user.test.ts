import { describe, expect, it } from 'vitest';
import { landingPath } from './session-user';

describe('landingPath', () => {
  it('lands each role in its own area', () => {
    expect(landingPath('PATIENT', null)).toBe('/patient');
    expect(landingPath('DOCTOR', null)).toBe('/doctor');
    expect(landingPath('ADMIN', null)).toBe('/admin');
  });

  it("honours `next` only inside the user's own area and this site", () => {
    expect(landingPath('DOCTOR', '/doctor/week?d=2026-03-02')).toBe('/doctor/week?d=2026-03-02');
    expect(landingPath('DOCTOR', '/admin/audit')).toBe('/doctor');
    expect(landingPath('DOCTOR', '/doctorate')).toBe('/doctor');
    expect(landingPath('DOCTOR', '//evil.example/doctor')).toBe('/doctor');
    expect(landingPath('DOCTOR', 'https://evil.example/doctor')).toBe('/doctor');
  });
});
