import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { InvalidValueError } from './errors.js';

function parseDateTime(value: unknown): Date {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw new InvalidValueError('DateTime must be an ISO-8601 string with a time zone, e.g. 2026-03-02T09:30:00.000Z.');
  }
  const date = new Date(value);
  // Year 0000 parses in JavaScript but PostgreSQL has no year zero.
  if (Number.isNaN(date.getTime()) || value.startsWith('0000')) {
    throw new InvalidValueError('DateTime is not a real point in time.');
  }
  return date;
}

/** An instant, always written in UTC: `2026-03-02T09:30:00.000Z`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time.html',
  description: 'An instant as an ISO-8601 string in UTC, e.g. `2026-03-02T09:30:00.000Z`.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime cannot represent an invalid date.');
    }
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new InvalidValueError('DateTime must be a string.');
    }
    return parseDateTime(ast.value);
  },
});

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written as `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new InvalidValueError('Date must be a calendar day written as YYYY-MM-DD.');
  }
  return value;
}

/** A calendar day with no time and no zone: `YYYY-MM-DD` (a birth date, a follow-up date). */
export const CalendarDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date.html',
  description: 'A calendar day written as `YYYY-MM-DD`, with no time and no time zone.',
  serialize(value) {
    if (value instanceof Date) {
      return value.toISOString().slice(0, 10);
    }
    return parseCalendarDate(value);
  },
  parseValue: parseCalendarDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new InvalidValueError('Date must be a string.');
    }
    return parseCalendarDate(ast.value);
  },
});
