import { Badge } from '@chakra-ui/react';
import type { AccessAlertRule, AccessAlertStatus, Role } from '../../gql/graphql';
import { formatDateTime, formatDay } from '../../shared/format-date-time';
import { formatCount } from '../../shared/format-number';

/** Each status in the administrators' words, with its colour. */
const STATUS: Record<AccessAlertStatus, { label: string; palette: string }> = {
  OPEN: { label: 'Waiting for review', palette: 'orange' },
  DISMISSED: { label: 'Not a breach', palette: 'gray' },
  BREACH: { label: 'Breach', palette: 'red' },
};

export function AccessAlertStatusBadge({ status }: { status: AccessAlertStatus }) {
  return <Badge colorPalette={STATUS[status].palette}>{STATUS[status].label}</Badge>;
}

const ROLE: Record<Role, string> = {
  ADMIN: 'Administrator',
  DOCTOR: 'Doctor',
  PATIENT: 'Patient',
  PARTNER: 'Partner system',
};

/** The account's role as a word ("Doctor", "Partner system"). */
export function accountRoleLabel(role: Role): string {
  return ROLE[role];
}

/** What each rule looked for, in a few words. */
const RULE: Record<AccessAlertRule, string> = {
  MANY_CHARTS: 'Many charts within an hour',
  REPEATED_EMERGENCY_ACCESS: 'Repeated emergency access',
};

export function accessAlertRuleLabel(rule: AccessAlertRule): string {
  return RULE[rule];
}

const patients = (count: number) => `${formatCount(count)} ${count === 1 ? 'patient' : 'patients'}`;

/**
 * What happened, in plain words: "Dr X read the charts of 64 patients within an hour — at most 11
 * in any hour of the four weeks before", "Dr Y opened 3 patients’ charts with emergency access
 * within a day".
 */
export function describeAccessAlert(alert: {
  readonly rule: AccessAlertRule;
  readonly actorName: string;
  readonly patientCount: number;
  readonly usualCount?: number | null;
}): string {
  switch (alert.rule) {
    case 'MANY_CHARTS': {
      const usual =
        alert.usualCount === null || alert.usualCount === undefined
          ? ''
          : alert.usualCount === 0
            ? ' — none in any hour of the four weeks before'
            : ` — at most ${formatCount(alert.usualCount)} in any hour of the four weeks before`;
      return `${alert.actorName} read the charts of ${patients(alert.patientCount)} within an hour${usual}`;
    }
    case 'REPEATED_EMERGENCY_ACCESS':
      return `${alert.actorName} opened ${alert.patientCount === 1 ? '1 patient’s chart' : `${formatCount(alert.patientCount)} patients’ charts`} with emergency access within a day`;
  }
}

const clock = new Map<string, Intl.DateTimeFormat>();

/** "09:30" in the viewer's zone. */
function timeOfDay(iso: string, zone: string): string {
  let format = clock.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clock.set(zone, format);
  }
  return format.format(new Date(iso));
}

/** When it happened: "Tue 3 Mar, 09:30–10:30", or both days when the window spans two. */
export function formatWindow(start: string, end: string, zone: string): string {
  return formatDay(start, zone) === formatDay(end, zone)
    ? `${formatDateTime(start, zone)}–${timeOfDay(end, zone)}`
    : `${formatDateTime(start, zone)} – ${formatDateTime(end, zone)}`;
}

/** Still before the deadline for telling the supervisory authority of a breach. */
export function isReportDue(alert: { status: AccessAlertStatus; reportDueAt?: string | null }, now: number): boolean {
  return alert.status === 'BREACH' && Boolean(alert.reportDueAt) && Date.parse(alert.reportDueAt ?? '') > now;
}

/** How long is left before a deadline, roughly: "71 hours left", "45 minutes left". */
export function timeLeft(dueAt: string, now: number): string {
  const minutes = Math.max(0, Math.ceil((Date.parse(dueAt) - now) / 60_000));
  if (minutes < 60) {
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`;
  }
  const hours = Math.floor(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'} left`;
}

/** The note's limits (the API's). */
export const NOTE_MIN = 10;
export const NOTE_MAX = 2000;
