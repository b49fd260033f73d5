import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * One failed sign-in, kept for throttling (per account and per client address) across every API
 * process. Old rows are pruned as new ones arrive.
 */
@Entity({ tableName: 'login_failure' })
@Index({ properties: ['email', 'at'] })
@Index({ properties: ['clientAddress', 'at'] })
export class LoginFailure {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  /** Lower-cased address that was tried, whether or not an account has it. */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  clientAddress!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();
}
