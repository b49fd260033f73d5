import { describe, expect, it } from 'vitest';
import { describeAccessAlert, formatWindow, isReportDue, timeLeft } from './access-alert-wording';

describe('describeAccessAlert', () => {
  it('says how many charts were read within an hour against the account’s busiest hour before', () => {
    const many = { rule: 'MANY_CHARTS', actorName: 'Dr Mara Ng', patientCount: 64 } as const;
    expect(describeAccessAlert({ ...many, usualCount: 11 })).toBe(
      'Dr Mara Ng read the charts of 64 patients within an hour — at most 11 in any hour of the four weeks before',
    );
    expect(describeAccessAlert({ ...many, usualCount: 0 })).toBe(
      'Dr Mara Ng read the charts of 64 patients within an hour — none in any hour of the four weeks before',
    );
    expect(describeAccessAlert({ ...many, usualCount: null })).toBe(
      'Dr Mara Ng read the charts of 64 patients within an hour',
    );
  });

  it('says how many charts were opened with emergency access within a day', () => {
    expect(describeAccessAlert({ rule: 'REPEATED_EMERGENCY_ACCESS', actorName: 'Dr Ivo Berg', patientCount: 3 })).toBe(
      'Dr Ivo Berg opened 3 patients’ charts with emergency access within a day',
    );
  });
});

describe('report deadline', () => {
  const now = Date.parse('2026-12-08T10:00:00Z');
  it('is due only for a breach whose deadline is still ahead', () => {
    expect(isReportDue({ status: 'BREACH', reportDueAt: '2026-12-11T10:00:00Z' }, now)).toBe(true);
    expect(isReportDue({ status: 'BREACH', reportDueAt: '2026-12-08T09:59:00Z' }, now)).toBe(false);
    expect(isReportDue({ status: 'DISMISSED', reportDueAt: null }, now)).toBe(false);
  });

  it('says the time left in hours, the last hour in minutes', () => {
    expect(timeLeft('2026-12-11T10:00:00Z', now)).toBe('72 hours left');
    expect(timeLeft('2026-12-08T11:30:00Z', now)).toBe('1 hour left');
    expect(timeLeft('2026-12-08T10:45:00Z', now)).toBe('45 minutes left');
  });
});

describe('formatWindow', () => {
  // Days near now, so that they read without their year.
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const day = '[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2}';

  it('gives the end’s time alone within one day, both days across two', () => {
    expect(formatWindow(`${today}T09:30:00Z`, `${today}T10:30:00Z`, 'UTC')).toMatch(
      new RegExp(`^${day}, 09:30–10:30$`),
    );
    expect(formatWindow(`${yesterday}T10:30:00Z`, `${today}T10:30:00Z`, 'UTC')).toMatch(
      new RegExp(`^${day}, 10:30 – ${day}, 10:30$`),
    );
  });
});
