import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/**
 * One password-reset request. Written for every request, known address or not (the same work
 * either way); only requests for an account get a user and an e-mail. The token itself is never
 * stored: it is derived from the row id with a server key (password-reset.ts) and only its hash
 * is kept.
 */
@Entity({ tableName: 'password_reset' })
@Index({ properties: ['user', 'createdAt'] })
export class PasswordReset extends BaseEntity {
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', nullable: true })
  user?: Ref<User> | null;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  /** Indexed for the retention cleanup (identity/retention.ts). */
  @Property({ type: 'datetime', columnType: 'timestamptz', index: true })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  /** Set when too many requests for the account came in: recorded, but no e-mail goes out. */
  @Property({ type: 'boolean', default: false })
  suppressed: boolean = false;
}
