import { Entity, Index, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { AppointmentChange } from './appointment-change.entity.js';
import { Appointment } from './appointment.entity.js';

/**
 * The durable event of one appointment change. Never written by the application: a deferred
 * trigger on `appointment_change` inserts it as its transaction commits. Its place in the stream
 * is `(xid, seq)`: its transaction's id, then its order within the transaction. Readers take only
 * events of transactions older than their snapshot's xmin (every one of them has ended), so no
 * event ever appears before a position already handed out, and no commit waits for another (see
 * Migration20261201220000). The change itself (who, why, before and after) stays in the
 * append-only history; these rows are pruned after `EVENT_RETENTION_DAYS`.
 */
@Entity({ tableName: 'appointment_event' })
@Index({ properties: ['xid', 'seq'] })
export class AppointmentEventRecord {
  /** The order within a transaction (and the row's key; the cursors of before `xid` were made of it alone). */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  /** The writing transaction's id (`pg_current_xact_id()`); 0 for the events stored before it existed. */
  @Property({ type: 'string', columnType: 'xid8', defaultRaw: 'pg_current_xact_id()' })
  xid!: string;

  /** The change this event announces; its id is the event's id. */
  @OneToOne({ entity: () => AppointmentChange, ref: true, owner: true, deleteRule: 'cascade', unique: true })
  change!: Ref<AppointmentChange>;

  @ManyToOne({ entity: () => Appointment, ref: true, deleteRule: 'cascade', index: true })
  appointment!: Ref<Appointment>;

  /** What happened (the change's kind, copied so the stream is read without the history). */
  @Property({ type: 'text' })
  kind!: string;

  /** When the change committed. */
  @Index()
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;
}
