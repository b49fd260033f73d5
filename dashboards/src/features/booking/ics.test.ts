import { describe, expect, it } from 'vitest';
import { appointmentIcs } from './ics';

describe('appointmentIcs', () => {
  it('writes one VEVENT in UTC with CRLF lines, escaped text, a reminder, and no reason for the visit', () => {
    const text = appointmentIcs(
      {
        id: 'a1',
        startsAt: '2026-03-02T09:30:00.000Z',
        endsAt: '2026-03-02T10:00:00.000Z',
        doctorName: 'Dr Ana Ruiz',
        specialization: 'Cardiology, adult',
      },
      'Healthcare Platform',
      new Date('2026-02-01T08:00:00.000Z'),
    );
    const lines = text.split('\r\n');
    expect(lines).toContain('DTSTART:20260302T093000Z');
    expect(lines).toContain('DTEND:20260302T100000Z');
    expect(lines).toContain('DTSTAMP:20260201T080000Z');
    expect(lines).toContain('UID:appointment-a1@healthcare-platform');
    expect(lines).toContain('SUMMARY:Appointment with Dr Ana Ruiz (Cardiology\\, adult)');
    expect(lines).toContain('TRIGGER:-PT2H');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
