import { ArrayType, Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';

/** How long after a breach is confirmed the supervisory authority must be told (GDPR Art. 33(1)). */
export const BREACH_REPORT_HOURS = 72;

export enum AccessAlertRule {
  MANY_CHARTS = 'MANY_CHARTS',
  REPEATED_EMERGENCY_ACCESS = 'REPEATED_EMERGENCY_ACCESS',
}

registerEnumType(AccessAlertRule, {
  name: 'AccessAlertRule',
  description: 'What unusual access an alert is about.',
  valuesConfig: {
    MANY_CHARTS: {
      description:
        'One account read the charts of more patients within an hour than the clinic allows without a look (`ACCESS_ALERT_PATIENTS_PER_HOUR`) and than three times its own busiest hour of the four weeks before (`usualCount`).',
    },
    REPEATED_EMERGENCY_ACCESS: {
      description: 'One doctor opened three or more patients’ charts with emergency access within a day.',
    },
  },
});

export enum AccessAlertStatus {
  OPEN = 'OPEN',
  DISMISSED = 'DISMISSED',
  BREACH = 'BREACH',
}

registerEnumType(AccessAlertStatus, {
  name: 'AccessAlertStatus',
  description: 'Where an access alert stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for an administrator’s review.' },
    DISMISSED: { description: 'Reviewed: the access was explained (`note`).' },
    BREACH: {
      description:
        'Reviewed: a breach. The account was locked out (a person’s sessions ended and password voided; a partner’s client revoked), the patients whose charts it read were told, and the authority is to be told by `reportDueAt`.',
    },
  },
});

/**
 * Unusual access to charts, found in the audit trail by the detection job (access-alert-jobs.ts):
 * a possible breach for an administrator to review. Names the account (a person's user id or a
 * partner's API client id, as the audit trail does) and counts the patients, never what was read;
 * the patients themselves are kept for telling them if it is confirmed. One OPEN alert per account
 * and rule.
 */
@ObjectType({ description: 'Unusual access to patients’ charts, for an administrator to review. ADMIN only.' })
@Entity({ tableName: 'access_alert' })
@Index({ properties: ['status', 'createdAt'] })
@Index({
  name: 'access_alert_one_open_per_actor',
  expression:
    'create unique index "access_alert_one_open_per_actor" on "access_alert" ("actor_id", "rule") where "status" = \'OPEN\'',
})
export class AccessAlert extends BaseEntity {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  @Field(() => AccessAlertRule, { description: 'What was unusual.' })
  @Enum({ items: () => AccessAlertRule })
  rule!: AccessAlertRule;

  @Field(() => AccessAlertStatus, { description: 'Where the alert stands.' })
  @Enum({ items: () => AccessAlertStatus, default: AccessAlertStatus.OPEN })
  status: AccessAlertStatus = AccessAlertStatus.OPEN;

  @Field(() => ID, { description: 'The account: a user’s id, or a partner’s API client id.' })
  @Property({ type: 'uuid', index: true })
  actorId!: string;

  @Field(() => Role, { description: 'The account’s role (PARTNER for an API client).' })
  @Enum({ items: () => Role })
  actorRole!: Role;

  @Field({ description: 'The account’s name when the alert was raised: the person’s, or the partner’s.' })
  @Property({ type: 'text' })
  actorName!: string;

  @Field(() => DateTimeScalar, { description: 'The start of the window the access happened in.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowStart!: Date;

  @Field(() => DateTimeScalar, { description: 'The end of that window (when the job looked).' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowEnd!: Date;

  @Field(() => Int, { description: 'Distinct patients whose charts the account read in the window.' })
  @Property({ type: 'integer' })
  patientCount!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'MANY_CHARTS: the patients of the account’s busiest hour in the four weeks before (0: none).',
  })
  @Property({ type: 'integer', nullable: true })
  usualCount?: number | null;

  /** The patients read in the window: told if the alert is confirmed as a breach. Never shown. */
  @Property({ type: ArrayType, columnType: 'uuid[]', lazy: true })
  patientIds!: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was reviewed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: 'restrict', index: true })
  reviewedBy?: Ref<User> | null;

  @Field(() => String, { nullable: true, description: 'What the reviewing administrator found.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: 'BREACH: the patients told (in-app and by e-mail).' })
  @Property({ type: 'integer', nullable: true })
  patientsNotified?: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: `BREACH: when the supervisory authority must have been told, ${BREACH_REPORT_HOURS} hours after the review (GDPR Art. 33).`,
  })
  get reportDueAt(): Date | null {
    return this.status === AccessAlertStatus.BREACH && this.reviewedAt
      ? new Date(this.reviewedAt.getTime() + BREACH_REPORT_HOURS * 3_600_000)
      : null;
  }
}
