import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The shared rate-limit budgets (rate-limit.ts): one row per caller and window — key, points
 * granted so far, and the window's end in epoch ms (the layout rate-limiter-flexible used).
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
