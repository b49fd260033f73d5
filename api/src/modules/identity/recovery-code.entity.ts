import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from './user.entity.js';

/** One single-use recovery code of an account with TOTP, stored only as a hash. */
@Entity({ tableName: 'recovery_code' })
export class RecoveryCode extends BaseEntity {
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Property({ type: 'text', unique: true })
  codeHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date | null;
}
