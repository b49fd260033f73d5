import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An ID argument: a UUID, or BAD_USER_INPUT naming the argument. */
export function requireId(value: string, field: string): string {
  if (!isUuid(value)) {
    throw badInput([{ field, message: 'must be an ID (a UUID)' }]);
  }
  return value.toLowerCase();
}
