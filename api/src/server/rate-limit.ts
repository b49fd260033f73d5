import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../shared/logger.js';
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

/**
 * A budget of cost points per caller per window, kept in PostgreSQL (rate-limiter-flexible's
 * store, on the application's own connection pool), so every API process draws on the same
 * budget. If the store fails the request is served and the failure logged: the limiter protects
 * the database, it must not take the API down with it.
 */
export class CostRateLimiter {
  private readonly limiter: RateLimiterPostgres | undefined;

  constructor(
    em: EntityManager,
    private readonly points: number,
    private readonly windowSeconds: number,
    private readonly logger: Logger,
  ) {
    this.limiter =
      points > 0
        ? new RateLimiterPostgres({
            storeClient: em.getConnection().getKnex(),
            storeType: 'knex',
            tableName: 'rate_limit',
            tableCreated: true,
            clearExpiredByTimeout: true,
            keyPrefix: 'cost',
            points,
            duration: windowSeconds,
          })
        : undefined;
  }

  get enabled(): boolean {
    return this.limiter !== undefined;
  }

  /** Takes `cost` points from the caller's budget (at least 1 for any request). */
  async consume(key: string, cost: number): Promise<RateLimitVerdict | undefined> {
    if (!this.limiter) {
      return undefined;
    }
    try {
      const result = await this.limiter.consume(key, Math.max(1, Math.ceil(cost)));
      return { allowed: true, state: this.stateOf(result) };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, state: this.stateOf(rejection) };
      }
      this.logger.warn({ err: describeFailure(rejection) }, 'rate limit store unavailable; request served');
      return undefined;
    }
  }

  /** The caller's budget without spending any (for answers that did not run an operation). */
  async peek(key: string): Promise<RateLimitState | undefined> {
    if (!this.limiter) {
      return undefined;
    }
    try {
      const result = await this.limiter.get(key);
      return result
        ? this.stateOf(result)
        : { limit: this.points, remaining: this.points, resetSeconds: this.windowSeconds };
    } catch {
      return undefined;
    }
  }

  private stateOf(result: RateLimiterRes): RateLimitState {
    return {
      limit: this.points,
      remaining: Math.max(0, result.remainingPoints),
      resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
    };
  }
}

/** `RateLimit-*` response headers (IETF draft "RateLimit header fields for HTTP"). */
export function rateLimitHeaders(state: RateLimitState, windowSeconds: number): [string, string][] {
  return [
    ['RateLimit-Limit', String(state.limit)],
    ['RateLimit-Remaining', String(state.remaining)],
    ['RateLimit-Reset', String(state.resetSeconds)],
    ['RateLimit-Policy', `${state.limit};w=${windowSeconds}`],
  ];
}
