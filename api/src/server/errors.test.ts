import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, fromDatabaseError, HTTP_STATUS } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { createErrorFormatter, describeFailure, httpStatusOf } from './errors.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      );
      done();
    },
  });
  return { lines, format: createErrorFormatter(createLogger('info', sink)) };
}

/** A driver error as pg raises it: SQLSTATE, constraint, and a message quoting the SQL. */
function driverError(code: string, constraint?: string): Error {
  return Object.assign(new Error(`insert into "appointment" values ('Velvetine')\n  - conflicting key value`), {
    code,
    constraint,
  });
}

describe('the error formatter', () => {
  it('keeps known codes with their fields and reason', () => {
    const { format, lines } = capture();
    const fields = [{ field: 'input.email', message: 'must be an email' }];
    expect(format(new AppError('BAD_USER_INPUT', 'Invalid input.', { fields }), 'r1')).toEqual({
      message: 'Invalid input.',
      extensions: { code: 'BAD_USER_INPUT', fields },
    });
    expect(
      format(
        new GraphQLError('wrapped', {
          originalError: new AppError('CONFLICT', 'Taken.', { reason: 'SLOT_TAKEN' }),
          path: ['book'],
        }),
      ),
    ).toEqual({
      message: 'Taken.',
      path: ['book'],
      extensions: { code: 'CONFLICT', reason: 'SLOT_TAKEN' },
    });
    expect(lines).toEqual([]);
  });

  it('maps constraints to their domain reason from one table, and other integrity errors by class', () => {
    expect(fromDatabaseError(driverError('23P01', 'appointment_doctor_no_overlap'))?.options.reason).toBe('SLOT_TAKEN');
    expect(fromDatabaseError(driverError('23P01', 'appointment_patient_no_overlap'))?.options.reason).toBe(
      'PATIENT_BUSY',
    );
    expect(fromDatabaseError(driverError('23505', 'app_user_email_unique'))?.code).toBe('CONFLICT');
    expect(fromDatabaseError(driverError('22008'))?.code).toBe('BAD_USER_INPUT');
    expect(fromDatabaseError(driverError('57P01'))).toBeUndefined();
    expect(fromDatabaseError(new Error('plain'))).toBeUndefined();
    const { format } = capture();
    expect(format(driverError('23P01', 'appointment_doctor_no_overlap')).message).not.toContain('Velvetine');
  });

  it('masks an unexpected error and logs it with the request id, without its message', () => {
    const { format, lines } = capture();
    const formatted = format(driverError('57P01'), 'request-0001');
    expect(formatted).toEqual({
      message: expect.stringMatching(/went wrong on our side/) as string,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'request-0001' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'unexpected error',
      requestId: 'request-0001',
      err: { type: 'Error', code: '57P01' },
    });
    expect(JSON.stringify(lines)).not.toMatch(/Velvetine|insert into|conflicting/);
    // Formatting an answer already masked (a failed context, rethrown to Apollo) logs nothing more.
    expect(format(new GraphQLError(formatted.message, { extensions: formatted.extensions }))).toEqual(formatted);
    expect(lines).toHaveLength(1);
  });

  it('has one HTTP status per code', () => {
    expect(HTTP_STATUS).toMatchObject({ UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, TOO_MANY_REQUESTS: 429 });
    expect(httpStatusOf({ message: 'x', extensions: { code: 'CONFLICT' } })).toBe(409);
    expect(httpStatusOf({ message: 'x', extensions: { code: 'SOMETHING_ELSE' } })).toBe(500);
  });

  it('describes a failure by type, code and frames only', () => {
    const failure = Object.assign(
      new Error("select * from patient where name like '%Grundlewick%'\nat time zone 'UTC' and x = 1:2"),
      {
        code: '42703',
      },
    );
    const described = describeFailure(failure);
    expect(described['type']).toBe('Error');
    expect(described['code']).toBe('42703');
    const frames = described['frames'] as string[];
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((frame) => frame.startsWith('at '))).toBe(true);
    expect(JSON.stringify(described)).not.toMatch(/Grundlewick|select|time zone/);
  });
});
