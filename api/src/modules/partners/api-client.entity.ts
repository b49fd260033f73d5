import { Entity, OptionalProps, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';

/**
 * A partner system's credentials (OAuth 2.0 client credentials). The secret is shown once and
 * stored only as a hash; after a rotation the previous hash stays valid until its grace ends.
 */
@ObjectType({ description: 'A partner system allowed to call the API with its own credentials and scopes.' })
@Entity({ tableName: 'api_client' })
export class ApiClient extends BaseEntity {
  [OptionalProps]?: 'active' | 'previousSecretValidUntil' | 'createdAt' | 'updatedAt';

  @Field({ description: 'Who the partner is, as patients will see it (e.g. "Acme Labs").' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => [String], { description: 'What the client may do: scopes such as `patients:read` (see `apiScopes`).' })
  @Property({ type: 'text[]' })
  scopes!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'For an insurer’s client: the insurer it answers claims for, as patients’ policies name it (e.g. "Northern Health Insurance"; matched ignoring case and spacing). Empty for other partners.',
  })
  @Property({ type: 'text', nullable: true })
  insurer?: string | null;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'text', hidden: true, nullable: true })
  previousSecretHash?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  previousSecretExpiresAt?: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the current secret was issued.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  secretIssuedAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Until when the secret before the last rotation still works; empty when it no longer does.',
  })
  get previousSecretValidUntil(): Date | null {
    const until = this.previousSecretExpiresAt;
    return until && until.getTime() > Date.now() ? until : null;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an administrator revoked the client.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Field(() => Boolean, { description: 'False once revoked: its secrets and tokens no longer work.' })
  get active(): boolean {
    return !this.revokedAt;
  }
}
