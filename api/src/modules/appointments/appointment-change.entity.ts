import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../identity/user.entity.js';
import { AppointmentStatus } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';

/** One change to an appointment: who, when, why, and what it was before and after. Never edited. */
@Entity({ tableName: 'appointment_change' })
@Index({ properties: ['appointment', 'createdAt'] })
export class AppointmentChange extends BaseEntity {
  // indexed by the composite index above
  @ManyToOne({ entity: () => Appointment, ref: true, deleteRule: 'restrict' })
  appointment!: Ref<Appointment>;

  /** BOOKED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW, CANCELLED or RESCHEDULED. */
  @Property({ type: 'text' })
  kind!: string;

  @Enum({ items: () => AppointmentStatus, nullable: true })
  fromStatus?: AppointmentStatus;

  @Enum({ items: () => AppointmentStatus })
  toStatus!: AppointmentStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  fromStartsAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  toStartsAt!: Date;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  changedBy?: Ref<User>;

  /** The reason given (a cancellation's); not clinical by design of the forms that ask for it. */
  @Property({ type: 'text', nullable: true })
  reason?: string;
}
