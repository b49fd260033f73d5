import { Entity, Index, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { AppointmentChange } from './appointment-change.entity.js';
import { Appointment } from './appointment.entity.js';

/**
 * The durable event of one appointment change, numbered in commit order. Never written by the
 * application: a deferred trigger on `appointment_change` inserts it as its transaction commits,
 * under a transaction-level lock held until the commit is visible, so `seq` follows commit order
 * and a reader never sees a number before a smaller one (see the migration). The change itself
 * (who, why, before and after) stays in the append-only history; these rows are pruned after
 * `EVENT_RETENTION_DAYS`.
 */
@Entity({ tableName: 'appointment_event' })
export class AppointmentEventRecord {
  /** The position in the stream (commit order); the cursor is made from it. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

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
