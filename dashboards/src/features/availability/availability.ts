export interface RuleDraft {
  key: string;
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Problems by rule key: bad times, start not before end, or overlapping another rule of the same weekday. */
export function validateRules(rules: readonly RuleDraft[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const rule of rules) {
    if (!HHMM.test(rule.startTime) || !HHMM.test(rule.endTime)) {
      problems[rule.key] = 'Enter times as HH:MM.';
    } else if (minutes(rule.startTime) >= minutes(rule.endTime)) {
      problems[rule.key] = 'The start must be before the end.';
    } else if (!(rule.slotMinutes >= 5 && rule.slotMinutes <= 240)) {
      problems[rule.key] = 'Slots are 5 to 240 minutes.';
    }
  }
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = rules
      .filter((r) => r.weekday === weekday && !problems[r.key])
      .sort((a, b) => minutes(a.startTime) - minutes(b.startTime));
    for (let i = 1; i < day.length; i++) {
      const previous = day[i - 1]!;
      const current = day[i]!;
      if (minutes(current.startTime) < minutes(previous.endTime)) {
        problems[current.key] = `Overlaps ${previous.startTime}–${previous.endTime} on ${WEEKDAYS[weekday - 1]}.`;
      }
    }
  }
  return problems;
}
