const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a whole UUID, as the API's ids are (a pasted or linked id is checked before it is sent). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
