/** The codes the contract allows in `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'MFA_REQUIRED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status of each code, for answers outside GraphQL (files) and for refused requests. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  // The password was right, a second factor is still needed: an authentication answer.
  MFA_REQUIRED: 401,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL_SERVER_ERROR: 500,
};

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** One invalid input field: its path in the input (`input.email`) and why, in plain words. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * An error the caller may see. Messages are written for the caller and never carry medical
 * data: name ids and fields, not values.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      readonly fields?: readonly FieldProblem[];
      readonly reason?: string;
      /** More machine-readable detail for `extensions`, e.g. `retryAfterSeconds`. */
      readonly extensions?: Readonly<Record<string, unknown>>;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * A scalar's refusal of an input value. Thrown as a plain error (not a GraphQLError) so GraphQL
 * wraps it with where the value was — the variable path or the literal's position — and the
 * formatter can name the field.
 */
export class InvalidValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidValueError';
  }
}

export const unauthenticated = (message = 'Sign in to continue.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);
export const notFound = (entity: string) => new AppError('NOT_FOUND', `${entity} not found.`);
export const conflict = (message: string, reason?: string) =>
  new AppError('CONFLICT', message, reason ? { reason } : {});
export const badInput = (fields: readonly FieldProblem[], message?: string) =>
  new AppError(
    'BAD_USER_INPUT',
    message ?? `Invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`,
    { fields },
  );
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', message, { extensions: { retryAfterSeconds } });

/** Database constraints whose violation means something to the caller: name → answer. */
const CONSTRAINT_ANSWERS: Readonly<Record<string, { readonly message: string; readonly reason: string }>> = {
  appointment_doctor_no_overlap: {
    message: 'That slot has just been taken. Please choose another.',
    reason: 'SLOT_TAKEN',
  },
  appointment_patient_no_overlap: {
    message: 'The patient already has an appointment at that time.',
    reason: 'PATIENT_BUSY',
  },
  slot_hold_doctor_no_overlap: {
    message: 'That slot is being held for another patient. Please choose another.',
    reason: 'SLOT_HELD',
  },
  repeat_request_one_open_per_prescription: {
    message: 'You already asked for a repeat of this prescription; your doctor has not answered yet.',
    reason: 'REPEAT_ALREADY_REQUESTED',
  },
  erasure_request_one_open_per_patient: {
    message: 'You already asked to close your account; the clinic has not answered yet.',
    reason: 'ERASURE_ALREADY_REQUESTED',
  },
};

/** CONFLICT `SLOT_TAKEN`: another booking has the slot (or is taking it this instant). */
export function slotTaken(): AppError {
  const answer = CONSTRAINT_ANSWERS['appointment_doctor_no_overlap']!;
  return conflict(answer.message, answer.reason);
}

/**
 * A database error the caller caused, as the AppError to answer with: a named constraint by its
 * domain reason, other integrity and data errors by class. Never quotes the driver's message
 * (it may carry values). Anything else (a bug, an outage) is undefined.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) {
    return undefined;
  }
  const known = typeof constraint === 'string' ? CONSTRAINT_ANSWERS[constraint] : undefined;
  if (known && code.startsWith('23')) {
    return conflict(known.message, known.reason);
  }
  switch (code) {
    case '23505':
      return conflict('This conflicts with something that already exists.');
    case '23503':
      return conflict('This refers to something that does not exist or is still in use.');
    case '23P01':
      return conflict('This overlaps something that already exists.');
    case '22P02':
      return new AppError('BAD_USER_INPUT', 'A value has the wrong format (an ID must be a UUID).');
    default:
      // Class 22 is "data exception": a value the column cannot hold (out of range, bad encoding).
      return code.startsWith('22')
        ? new AppError('BAD_USER_INPUT', 'A value is out of range or malformed.')
        : undefined;
  }
}

/**
 * CONFLICT `APPOINTMENTS_AFFECTED`: a change to a doctor's time would strand booked appointments.
 * Their ids go in `extensions.appointmentIds`, to be cancelled or moved first.
 */
export function appointmentsAffected(what: string, appointmentIds: readonly string[]): AppError {
  const count = appointmentIds.length === 1 ? '1 booked appointment' : `${appointmentIds.length} booked appointments`;
  return new AppError(
    'CONFLICT',
    `${what} ${count}. Cancel or move ${appointmentIds.length === 1 ? 'it' : 'them'} first, so no patient is left without a doctor.`,
    { reason: 'APPOINTMENTS_AFFECTED', extensions: { appointmentIds } },
  );
}
