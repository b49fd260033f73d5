import type { EntityManager } from '@mikro-orm/postgresql';
import type { SessionRider } from '../modules/identity/actor.js';
import type { Logger } from '../shared/logger.js';
import type { RetentionRule } from '../shared/retention.js';
import { preparedQuery } from '../shared/prepared.js';
import { describeFailure } from './errors.js';

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window starts again. */
  readonly resetSeconds: number;
}

export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly state: RateLimitState;
}

/** The share of the budget one process leases at a time, at most (see {@link CostRateLimiter}). */
export const LEASE_FRACTION = 0.05;
/** Windows this process no longer needs to remember are forgotten every {@link SWEEP_MS}. */
const SWEEP_MS = 300_000;
/** Keys in the table carry this prefix (the layout rate-limiter-flexible used: `cost:<caller>`). */
const KEY_PREFIX = 'cost:';

/**
 * Rows of windows that ended over an hour ago are deleted by the one retention job (a window is
 * at most an hour long; a row of an ended window is only restarted by the next request anyway).
 */
export const RATE_LIMIT_RETENTION: RetentionRule = {
  table: 'rate_limit',
  expired: `expire < (extract(epoch from now()) * 1000)::bigint - 3600000`,
  why: "An ended window's points no longer count; the caller's next request starts a new window.",
};

/**
 * Adds `$2` points to the caller's window, or starts a new window with them when the old one
 * ended; answers the window's total and its end. One row per caller: PostgreSQL's row lock
 * orders the processes' grants.
 */
const leaseSql = (first: number) => {
  const [key, points, expire, now] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  return `insert into rate_limit (key, points, expire) values (${key}, ${points}, ${expire})
  on conflict (key) do update set
    points = case when rate_limit.expire <= ${now} then excluded.points else rate_limit.points + excluded.points end,
    expire = case when rate_limit.expire <= ${now} then excluded.expire else rate_limit.expire end
  returning points, expire`;
};
const LEASE_SQL = leaseSql(1);
/** The lease as a rider of the session check (actor.ts), whose own parameters are `$1` and `$2`. */
const RIDING_LEASE_SQL = leaseSql(3);
const PEEK_SQL = 'select points, expire from rate_limit where key = $1';

/** What this process knows of one caller's current window. */
interface Window {
  /** When the window ends (epoch ms, as stored). */
  readonly expire: number;
  /** Points of the window granted to any process, as of this process's last lease. */
  granted: number;
  /** Points leased to this process and not spent yet. */
  lease: number;
}

/**
 * A budget of cost points per caller per fixed window, shared by every API process through
 * PostgreSQL (table `rate_limit`), without a database round trip on most requests: a process
 * leases points from the caller's shared row — up to {@link LEASE_FRACTION} of the budget, less as
 * the window's budget runs low, and never less than the request at hand costs — and spends them
 * locally until they run out.
 *
 * Bounds: the processes together never admit more than the budget (a lease counts in PostgreSQL
 * when it is taken, and a process spends only the part of it that fitted under the limit). A
 * caller may be refused early by at most the points other processes hold unspent, which is under
 * (processes − 1) × 5 % of the budget. A refused request's points count (as before), and once the
 * window's budget is spent this process refuses the caller without asking the database again.
 * With a small budget (under 20 × a request's cost) every request takes its own lease, exactly as
 * a plain shared counter.
 *
 * If the store fails the request is served and the failure logged: the limiter protects the
 * database, it must not take the API down with it.
 */
export class CostRateLimiter {
  private readonly windows = new Map<string, Window>();
  /** The lease being taken per caller: one at a time per process, the others wait for it. */
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly chunk: number;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly em: EntityManager | undefined;

  constructor(
    em: EntityManager,
    private readonly points: number,
    private readonly windowSeconds: number,
    private readonly logger: Logger,
  ) {
    this.chunk = Math.max(1, Math.floor(points * LEASE_FRACTION));
    if (points > 0) {
      this.em = em.fork({ useContext: false });
      this.timer = setInterval(() => this.sweep(), Math.min(SWEEP_MS, windowSeconds * 1000)).unref();
    }
  }

  get enabled(): boolean {
    return this.em !== undefined;
  }

  /**
   * Takes `cost` points from the caller's budget (at least 1 for any request): at once (no
   * promise) when this process's lease covers them, the usual case; else once a lease is taken.
   */
  consume(key: string, cost: number): RateLimitVerdict | undefined | Promise<RateLimitVerdict | undefined> {
    if (!this.em) {
      return undefined;
    }
    const needed = Math.max(1, Math.ceil(cost));
    const window = this.current(key);
    if (window && window.lease >= needed) {
      window.lease -= needed;
      return { allowed: true, state: this.stateOf(window) };
    }
    return this.consumeLeasing(key, needed);
  }

  private async consumeLeasing(key: string, needed: number): Promise<RateLimitVerdict | undefined> {
    for (;;) {
      const window = this.current(key);
      if (window && window.lease >= needed) {
        window.lease -= needed;
        return { allowed: true, state: this.stateOf(window) };
      }
      const leasing = this.pending.get(key);
      if (leasing) {
        await leasing;
        continue;
      }
      if (window && window.granted >= this.points) {
        // The window's budget is spent everywhere: nothing can be granted until it ends.
        window.lease = 0;
        return { allowed: false, state: this.stateOf(window) };
      }
      const leased = this.lease(key, needed, window);
      const settled = leased.catch(() => undefined);
      this.pending.set(key, settled);
      void settled.then(() => {
        if (this.pending.get(key) === settled) {
          this.pending.delete(key);
        }
      });
      try {
        return await leased;
      } catch (failure) {
        this.logger.warn({ err: describeFailure(failure) }, 'rate limit store unavailable; request served');
        return undefined;
      }
    }
  }

  /** The caller's budget without spending any (for answers that did not run an operation). */
  async peek(key: string): Promise<RateLimitState | undefined> {
    if (!this.em) {
      return undefined;
    }
    const known = this.current(key);
    if (known) {
      return this.stateOf(known);
    }
    try {
      const [row] = await preparedQuery<{ points: number; expire: string | null }>(
        this.em,
        'rate_limit_peek',
        PEEK_SQL,
        [KEY_PREFIX + key],
        { quiet: true },
      );
      const expire = Number(row?.expire ?? 0);
      return row && expire > Date.now()
        ? this.stateOf({ expire, granted: row.points, lease: 0 })
        : { limit: this.points, remaining: this.points, resetSeconds: this.windowSeconds };
    } catch {
      return undefined;
    }
  }

  /** Stops the sweeping timer (the application's shutdown). */
  stop(): void {
    clearInterval(this.timer);
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.expire <= Date.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /**
   * Leases points for a request of `needed` points that the local lease does not cover: a chunk
   * of the budget while plenty is left (as far as this process knows), just what is missing near
   * the end. The part of the grant beyond the budget is never spent.
   */
  private async lease(key: string, needed: number, known: Window | undefined): Promise<RateLimitVerdict> {
    const amount = this.amountFor(needed, known);
    const now = Date.now();
    const [row] = await preparedQuery<{ points: number; expire: string }>(
      this.em!,
      'rate_limit_lease',
      LEASE_SQL,
      [KEY_PREFIX + key, amount, now + this.windowSeconds * 1000, now],
      { quiet: true },
    );
    const window = this.granted(key, amount, row!);
    if (window.lease >= needed) {
      window.lease -= needed;
      return { allowed: true, state: this.stateOf(window) };
    }
    // Refused: what was left of the budget is forfeited with the attempt, as a shared counter would.
    window.lease = 0;
    return { allowed: false, state: this.stateOf(window) };
  }

  /**
   * A lease for the caller `key`, taken in the round trip of the session check that precedes its
   * request (as a rider: modules/identity/actor.ts), when this process holds none of its budget
   * and no lease of it is being taken: the caller's first request here (or the first since its
   * lease ran out) then needs no round trip of its own for it. The amount is what {@link lease}
   * would take for a request of 1 point; a request that costs more than it got leases the rest
   * as ever. Taken even if the session turns out invalid (as a refused request's points count).
   */
  riderFor(key: string): SessionRider | undefined {
    if (!this.em) {
      return undefined;
    }
    const known = this.current(key);
    if ((known && (known.lease > 0 || known.granted >= this.points)) || this.pending.has(key)) {
      return undefined;
    }
    const amount = this.amountFor(1, known);
    const now = Date.now();
    // A lease under way, as one taken on its own is: the caller's other requests meanwhile wait for it.
    let settle!: () => void;
    const riding = new Promise<void>((resolve) => (settle = resolve));
    this.pending.set(key, riding);
    const done = () => {
      if (this.pending.get(key) === riding) {
        this.pending.delete(key);
      }
      settle();
    };
    return {
      name: 'rate_limit_lease',
      sql: RIDING_LEASE_SQL,
      params: [KEY_PREFIX + key, amount, now + this.windowSeconds * 1000, now],
      take: (row) => {
        this.granted(key, amount, { points: Number(row['points']), expire: String(row['expire']) });
        done();
      },
      drop: (failure) => {
        this.logger.warn({ err: describeFailure(failure) }, 'rate limit store unavailable; session checked alone');
        done();
      },
    };
  }

  /** What a lease for a request of `needed` points takes: a chunk while plenty is left, else what is missing. */
  private amountFor(needed: number, known: Window | undefined): number {
    const missing = needed - (known?.lease ?? 0);
    const left = this.points - (known?.granted ?? 0);
    return Math.max(missing, Math.min(this.chunk, Math.floor(left / 4)));
  }

  /**
   * Records a lease of `amount` that the database answered with `row` (the window's points and
   * end): the part of it that fitted under the budget is added to this process's lease.
   */
  private granted(key: string, amount: number, row: { points: number; expire: string }): Window {
    const expire = Number(row.expire);
    let window = this.windows.get(key);
    if (!window || window.expire !== expire) {
      // A new window (the old one ended, here or in the database): earlier leases are void.
      window = { expire, granted: 0, lease: 0 };
      this.windows.set(key, window);
    }
    window.granted = Math.max(window.granted, row.points);
    window.lease += Math.min(amount, Math.max(0, this.points - (row.points - amount)));
    return window;
  }

  /** Forgets ended windows (the table's rows of ended windows go by {@link RATE_LIMIT_RETENTION}). */
  private sweep(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) {
      if (window.expire <= now) {
        this.windows.delete(key);
      }
    }
  }

  private stateOf(window: Window): RateLimitState {
    return {
      limit: this.points,
      remaining: Math.max(0, this.points - window.granted) + window.lease,
      resetSeconds: Math.max(1, Math.ceil((window.expire - Date.now()) / 1000)),
    };
  }
}

/**
 * Writes the `RateLimit-*` headers of `state` (IETF draft "RateLimit header fields for HTTP")
 * through `set` (an Express response's or Apollo's header map), in lower case.
 */
export function writeRateLimitHeaders(
  state: RateLimitState | undefined,
  windowSeconds: number,
  set: (name: string, value: string) => void,
): void {
  if (state) {
    set('ratelimit-limit', String(state.limit));
    set('ratelimit-remaining', String(state.remaining));
    set('ratelimit-reset', String(state.resetSeconds));
    set('ratelimit-policy', `${state.limit};w=${windowSeconds}`);
  }
}
