import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One `Idempotency-Key` of one caller: the request it was first used with (a hash) and, once
 * answered, the answer to give again. Kept 24 hours.
 */
@Entity({ tableName: 'idempotency_key' })
@Index({ properties: ['createdAt'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'text' })
  caller!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'integer', nullable: true })
  status?: number | null;

  @Property({ type: 'jsonb', nullable: true })
  response?: unknown;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completedAt?: Date | null;
}
