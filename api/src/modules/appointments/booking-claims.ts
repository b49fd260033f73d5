import type { EntityManager } from '@mikro-orm/postgresql';

/** The name of a doctor's start in the booking claim (an advisory lock's key, see `slotFactsStatement`). */
export function slotClaimKey(doctorId: string, startsAt: Date): string {
  return `booking:${doctorId}@${startsAt.toISOString()}`;
}

/** One booking of this process taking a slot's claim (from {@link BookingClaims.enter}). */
export interface ClaimEntry {
  /** The transaction holds the claim and judged the slot bookable (facts read, rules passed). */
  won(): void;
  /** The attempt is over (committed or rolled back): the slot is no longer this booking's to hold. */
  leave(): void;
}

/**
 * The bookings of this process in flight, by slot: the same knowledge as the database's booking
 * claim (a transaction-scoped advisory lock taken without waiting), kept here too so that a second
 * booking of a slot one of this process's transactions holds is refused without a round trip to
 * learn what the try-lock would answer.
 *
 * An entry lives from before its transaction's first statement until that transaction ended. A
 * second booking that finds one waits only for the first's first round trip (its claim and the
 * slot's facts): if the first holds the claim and found the slot bookable, the second is CONFLICT
 * at once, exactly as its own try-lock would answer; in any other case it asks the database as
 * ever. Other processes are not seen here: their bookings meet at the database's claim, and the
 * exclusion constraint still decides every overlap.
 */
export class BookingClaims {
  private readonly slots = new Map<string, Promise<boolean>>();

  /** Whether a booking of this process holds the slot's claim and found it bookable (waits for one taking it). */
  async taken(key: string): Promise<boolean> {
    const pending = this.slots.get(key);
    return pending !== undefined && (await pending);
  }

  /** Registers a booking taking the slot's claim; undefined when another one of this process already is. */
  enter(key: string): ClaimEntry | undefined {
    if (this.slots.has(key)) {
      return undefined;
    }
    let settle: (won: boolean) => void = () => undefined;
    const outcome = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    this.slots.set(key, outcome);
    return {
      won: () => settle(true),
      leave: () => {
        settle(false); // no-op when won: a promise settles once
        if (this.slots.get(key) === outcome) {
          this.slots.delete(key);
        }
      },
    };
  }
}

/** One registry per ORM (its configuration, shared by every fork): one per process and database. */
const registries = new WeakMap<object, BookingClaims>();

/** The booking claims of the ORM `em` belongs to. */
export function bookingClaims(em: EntityManager): BookingClaims {
  let claims = registries.get(em.config);
  if (!claims) {
    claims = new BookingClaims();
    registries.set(em.config, claims);
  }
  return claims;
}
