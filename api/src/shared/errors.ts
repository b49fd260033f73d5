/** The codes the contract allows in `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
