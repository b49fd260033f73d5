import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/**
 * The second half of a sign-in: issued when the password was right for an account with TOTP,
 * stored as a hash, valid for a few minutes and spent by the first successful code.
 */
@Entity({ tableName: 'mfa_challenge' })
export class MfaChallenge extends BaseEntity {
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  /** Indexed for the retention cleanup (identity/retention.ts). */
  @Property({ type: 'datetime', columnType: 'timestamptz', index: true })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date | null;
}
