import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { Connection } from '../../shared/connection.js';

/**
 * Who touched whose chart, when and from where. Append-only: rows are never updated or deleted.
 * Ids are plain columns, not foreign keys, so the trail outlives anything it names. Partitioned
 * by month on `at` (which is therefore part of the primary key); see the retention rule in
 * k8s/README.md.
 *
 * A request's reads of several entities of one type are one row (a group read): their ids in
 * `entityIds`, in the same order their patients' in `patientIds` — or, when they are all of one
 * patient's chart (a chart's records), that patient in `patientId` and `patientIds` empty. Every
 * listing expands a group read into one event per entity (audit-log.ts; the `audit_entry` view for
 * ad-hoc SQL), so "who read this record / this patient" finds it like any other event; the GIN
 * indexes on the arrays and the btrees on `entityId` and `patientId` make both look-ups index scans.
 */
@ObjectType({ description: 'One read or change of data, for the audit trail.' })
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['actorId', 'at'] })
// The look-ups by patient and by entity are partial: each column is empty on many rows (a group read
// has no entity id, a single read no arrays, a read across charts no patient id), and an index of
// all rows would store an entry for every empty one, each insert paying for it. Every condition
// that uses them (`=`, `= any`, `@>`, `&&`) implies `is not null`, so PostgreSQL still picks them.
@Index({
  name: 'audit_event_patient_id_at_index',
  expression:
    'create index "audit_event_patient_id_at_index" on "audit_event" ("patient_id", "at") where "patient_id" is not null',
})
@Index({
  name: 'audit_event_entity_id_index',
  expression: 'create index "audit_event_entity_id_index" on "audit_event" ("entity_id") where "entity_id" is not null',
})
@Index({
  name: 'audit_event_entity_ids_gin',
  expression:
    'create index "audit_event_entity_ids_gin" on "audit_event" using gin ("entity_ids") where "entity_ids" is not null',
})
@Index({
  name: 'audit_event_patient_ids_gin',
  expression:
    'create index "audit_event_patient_ids_gin" on "audit_event" using gin ("patient_ids") where "patient_ids" is not null',
})
export class AuditEvent {
  @Field(() => ID, { description: 'Unique identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();

  @Field(() => ID, { nullable: true, description: 'The acting user; empty for anonymous or system actions.' })
  @Property({ type: 'uuid', nullable: true })
  actorId?: string;

  @Field(() => Role, { nullable: true, description: 'The role the actor acted in (PARTNER for an API client).' })
  @Enum({ items: () => Role, nullable: true })
  actorRole?: Role;

  @Field({ description: 'e.g. READ, CREATE, UPDATE, AMEND, EMERGENCY_ACCESS.' })
  @Property({ type: 'text' })
  action!: string;

  @Field({ description: 'What kind of thing was read or changed, e.g. Patient, MedicalRecord, ApiClient.' })
  @Property({ type: 'text' })
  entityType!: string;

  @Field(() => ID, { nullable: true, description: 'Which one.' })
  @Property({ type: 'uuid', nullable: true })
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'Whose chart this touched.' })
  @Property({ type: 'uuid', nullable: true })
  patientId?: string;

  @Field(() => Boolean, { description: 'True for an emergency (break-glass) access.' })
  @Property({ type: 'boolean', default: false })
  emergency: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'The reason the actor gave, if any (never clinical content).' })
  @Property({ type: 'text', nullable: true })
  reason?: string;

  /** A group read's entities (then `entityId` is empty); empty otherwise. */
  @Property({ type: ArrayType, columnType: 'uuid[]', nullable: true })
  entityIds?: string[];

  /**
   * A group read's patients, one per entity of `entityIds` in the same order, when they are not
   * all the same one (then `patientId` is empty); empty otherwise.
   */
  @Property({ type: ArrayType, columnType: 'uuid[]', nullable: true })
  patientIds?: string[];

  @Property({ type: 'text', nullable: true })
  clientAddress?: string;

  @Property({ type: 'text', nullable: true })
  requestId?: string;
}

/** A page of auditEvents, as the contract's lists return them. */
export const AuditEventConnection = Connection('AuditEvent', AuditEvent);
