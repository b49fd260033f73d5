import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { appointmentMessage, formatWhen, type AppointmentFacts } from './messages.js';
import { NotificationKind } from './notification.entity.js';
import { maskEmail } from './transport.js';

const facts: AppointmentFacts = {
  startsAt: new Date('2026-03-03T08:30:00.000Z'),
  doctor: { firstName: 'Ana', lastName: 'Ruiz', specialization: 'Cardiology', timezone: 'Europe/Berlin' },
  patient: { firstName: 'Ada', lastName: 'Lovelace' },
};

describe('messages', () => {
  it("writes times in the doctor's zone, naming it, across daylight-saving time", () => {
    expect(formatWhen(new Date('2026-03-03T08:30:00.000Z'), 'Europe/Berlin')).toBe(
      'Tuesday 3 March 2026, 09:30 (Europe/Berlin)',
    );
    expect(formatWhen(new Date('2026-07-07T08:30:00.000Z'), 'Europe/Berlin')).toBe(
      'Tuesday 7 July 2026, 10:30 (Europe/Berlin)',
    );
    expect(formatWhen(new Date('2026-03-03T08:30:00.000Z'), 'Not/AZone')).toBe('Tuesday 3 March 2026, 08:30 (UTC)');
  });

  it("writes every time as luxon's 'cccc d LLLL yyyy, HH:mm' does, midnight and the changes of time included", () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      // Every 211 minutes across a year: all hours, weekdays and months, and both changes of time.
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 211 * 60_000) {
        const luxon = DateTime.fromMillis(at, { zone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm');
        expect(formatWhen(new Date(at), zone)).toBe(`${luxon} (${zone})`);
      }
    }
  });

  it('says what and when', () => {
    expect(appointmentMessage(NotificationKind.APPOINTMENT_CONFIRMED, 'patient', facts)).toEqual({
      title: 'Appointment confirmed',
      body: 'Your appointment with Dr Ana Ruiz (Cardiology) on Tuesday 3 March 2026, 09:30 (Europe/Berlin) is confirmed.',
    });
    expect(appointmentMessage(NotificationKind.APPOINTMENT_REMINDER, 'patient', facts, '24h').body).toBe(
      'Reminder: your appointment with Dr Ana Ruiz (Cardiology) is on Tuesday 3 March 2026, 09:30 (Europe/Berlin), in 24 hours.',
    );
    expect(appointmentMessage(NotificationKind.APPOINTMENT_CANCELLED, 'doctor', facts).body).toBe(
      'The appointment with Ada Lovelace on Tuesday 3 March 2026, 09:30 (Europe/Berlin) has been cancelled.',
    );
  });

  it('masks addresses for the log', () => {
    expect(maskEmail('ada.lovelace@example.com')).toBe('a***@example.com');
    expect(maskEmail('nobody')).toBe('***');
  });
});
