import { describe, expect, it } from 'vitest';
import { BookingClaims, slotClaimKey } from './booking-claims.js';

const key = slotClaimKey('d0c70000-0000-4000-8000-000000000001', new Date('2030-03-04T09:30:00.000Z'));

describe('BookingClaims', () => {
  it('names a slot by its doctor and start, as the advisory lock does', () => {
    expect(key).toBe('booking:d0c70000-0000-4000-8000-000000000001@2030-03-04T09:30:00.000Z');
  });

  it('knows nothing of a slot no booking of this process is taking', async () => {
    expect(await new BookingClaims().taken(key)).toBe(false);
  });

  it('makes a second booking wait for the first one’s claim: taken once the first won it, for as long as the first is in flight', async () => {
    const claims = new BookingClaims();
    const first = claims.enter(key)!;
    expect(claims.enter(key)).toBeUndefined();
    let answered: boolean | undefined;
    const second = claims.taken(key).then((taken) => (answered = taken));
    await Promise.resolve();
    expect(answered).toBeUndefined(); // still waiting for the first one's round trip
    first.won();
    expect(await second).toBe(true);
    expect(await claims.taken(key)).toBe(true);
    first.leave();
    expect(await claims.taken(key)).toBe(false);
    expect(claims.enter(key)).toBeDefined();
  });

  it('sends a second booking to the database when the first one did not win the claim (refused, failed, or holding none)', async () => {
    const claims = new BookingClaims();
    const first = claims.enter(key)!;
    const second = claims.taken(key);
    first.leave();
    expect(await second).toBe(false);
    // A late `won` of an attempt that has left changes nothing.
    first.won();
    expect(await claims.taken(key)).toBe(false);
  });

  it('keeps a later booking’s entry when an earlier one leaves twice', async () => {
    const claims = new BookingClaims();
    const first = claims.enter(key)!;
    first.leave();
    const later = claims.enter(key)!;
    later.won();
    first.leave();
    expect(await claims.taken(key)).toBe(true);
  });
});
