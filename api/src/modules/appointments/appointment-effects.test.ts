import { describe, expect, it } from 'vitest';
import { doctorFreedBy, type AppointmentPlace } from './appointment-effects.js';
import { AppointmentStatus } from './appointment-status.js';

const now = new Date('2030-03-04T08:00:00.000Z');
const ahead = new Date('2030-03-05T09:00:00.000Z');
const place = (overrides: Partial<AppointmentPlace> = {}): AppointmentPlace => ({
  doctorId: 'doctor-a',
  startsAt: ahead,
  status: AppointmentStatus.CONFIRMED,
  ...overrides,
});

describe('doctorFreedBy', () => {
  it('names the old doctor when a visit ahead is cancelled, moved in time, or moved to another doctor', () => {
    expect(doctorFreedBy(place(), place({ status: AppointmentStatus.CANCELLED }), now)).toBe('doctor-a');
    expect(doctorFreedBy(place(), place({ startsAt: new Date('2030-03-06T09:00:00.000Z') }), now)).toBe('doctor-a');
    expect(doctorFreedBy(place(), place({ doctorId: 'doctor-b' }), now)).toBe('doctor-a');
    expect(doctorFreedBy(place({ status: AppointmentStatus.REQUESTED }), place({ doctorId: 'doctor-b' }), now)).toBe(
      'doctor-a',
    );
  });

  it('names nobody when the slot stays held, was never held, or lies in the past', () => {
    expect(doctorFreedBy(place({ status: AppointmentStatus.REQUESTED }), place(), now)).toBeUndefined();
    expect(doctorFreedBy(place({ status: undefined }), place(), now)).toBeUndefined();
    expect(
      doctorFreedBy(
        place({ status: AppointmentStatus.CANCELLED }),
        place({ status: AppointmentStatus.CANCELLED }),
        now,
      ),
    ).toBeUndefined();
    const past = new Date('2030-03-04T07:30:00.000Z');
    expect(
      doctorFreedBy(place({ startsAt: past }), place({ startsAt: past, status: AppointmentStatus.NO_SHOW }), now),
    ).toBeUndefined();
  });
});
