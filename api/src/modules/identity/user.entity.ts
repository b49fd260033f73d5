import { Check, Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { PERSON_ROLES, Role, type PersonRole } from './role.js';

@ObjectType({ description: 'A person who signs in: a patient, a doctor or an administrator.' })
@Entity({ tableName: 'app_user' })
// Addresses are stored lower-cased (the check enforces it), so one unique index makes them
// unique regardless of case and serves every look-up by address.
@Check({ name: 'app_user_email_lower_case_check', expression: 'email = lower(email)' })
@Index({
  name: 'app_user_email_trgm',
  expression: 'create index "app_user_email_trgm" on "app_user" using gin ("email" gin_trgm_ops)',
})
export class User extends BaseEntity {
  @Field({ description: 'Sign-in address, unique regardless of case.' })
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => Role, { description: 'PATIENT, DOCTOR or ADMIN (PARTNER is never a person).' })
  @Enum({ items: () => [...PERSON_ROLES] })
  @Index()
  role!: PersonRole;

  @Field(() => Boolean, { description: 'False once an administrator deactivated the account.' })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an administrator deactivated the account.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deactivatedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastLoginAt?: Date;

  /**
   * When the sign-in address was confirmed: a link e-mailed to it was opened, or an administrator
   * created the account. Unset for a patient's own sign-up until then, and again after the address
   * changes. E-mails about the person's care go only to a confirmed address.
   */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  emailVerifiedAt?: Date | null;

  /** The confirmed TOTP secret, encrypted (totp.ts); unset until enrolment is confirmed. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  totpSecret?: string | null;

  /** A secret offered by `startTotpEnrollment`, encrypted, until confirmed with a code. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  totpPendingSecret?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  totpEnabledAt?: Date | null;

  /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
  @Property({ type: 'integer', nullable: true, hidden: true })
  totpLastStep?: number | null;
}
