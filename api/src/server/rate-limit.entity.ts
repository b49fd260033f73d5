import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * rate-limiter-flexible's PostgreSQL table (its own layout: key, points, expire in epoch ms),
 * created by a migration rather than by the library at start-up.
 */
@Entity({ tableName: 'rate_limit' })
export class RateLimitBucket {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points!: number;

  @Property({ type: 'bigint', nullable: true })
  expire?: string | null;
}
