import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/**
 * A refresh token, stored only as a SHA-256 hash. Tokens rotate on every use; all tokens born
 * from one sign-in share a family, so reuse of a spent token can revoke the whole family.
 */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken extends BaseEntity {
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Property({ type: 'uuid' })
  @Index()
  familyId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date;

  /** The browser or client that signed in (its User-Agent, shortened), shown in "signed-in devices". */
  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;
}
