import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { Connection } from '../../shared/connection.js';

/**
 * Who touched whose chart, when and from where. Append-only: rows are never updated or deleted.
 * Ids are plain columns, not foreign keys, so the trail outlives anything it names. Partitioned
 * by month on `at` (which is therefore part of the primary key); see the retention rule in
 * k8s/README.md.
 */
@ObjectType({ description: 'One read or change of data, for the audit trail.' })
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['patientId', 'at'] })
@Index({ properties: ['actorId', 'at'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @Field(() => DateTimeScalar)
  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();

  @Field(() => ID, { nullable: true, description: 'The acting user; empty for anonymous or system actions.' })
  @Property({ type: 'uuid', nullable: true })
  actorId?: string;

  @Field(() => Role, { nullable: true })
  @Enum({ items: () => Role, nullable: true })
  actorRole?: Role;

  @Field({ description: 'e.g. READ, CREATE, UPDATE, AMEND, EMERGENCY_ACCESS.' })
  @Property({ type: 'text' })
  action!: string;

  @Field()
  @Property({ type: 'text' })
  entityType!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'Whose chart this touched.' })
  @Property({ type: 'uuid', nullable: true })
  patientId?: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  emergency: Opt<boolean> = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Property({ type: 'text', nullable: true })
  clientAddress?: string;

  @Property({ type: 'text', nullable: true })
  requestId?: string;
}

/** A page of auditEvents, as the contract's lists return them. */
export const AuditEventConnection = Connection('AuditEvent', AuditEvent);
