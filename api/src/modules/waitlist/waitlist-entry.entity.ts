import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { SlotHold } from '../appointments/slot-hold.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';

export enum WaitlistStatus {
  WAITING = 'WAITING',
  OFFERED = 'OFFERED',
  BOOKED = 'BOOKED',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(WaitlistStatus, {
  name: 'WaitlistStatus',
  description: 'Where a place on the waitlist stands.',
  valuesConfig: {
    WAITING: { description: 'Waiting for a matching slot to free up.' },
    OFFERED: { description: 'A slot is held for the patient (`offer`) until it runs out.' },
    BOOKED: { description: 'The patient accepted an offer: the appointment is booked.' },
    EXPIRED: { description: 'The window passed, or an offer ran out unanswered (the slot went to the next patient).' },
    CANCELLED: { description: 'The patient left the waitlist.' },
  },
});

/** The statuses of a place still in the queue. */
export const OPEN_WAITLIST_STATUSES = [WaitlistStatus.WAITING, WaitlistStatus.OFFERED] as const;

/**
 * A patient's place in the queue for a doctor, or for any doctor of a specialisation, within a
 * window. First come, first served: offers go out in `createdAt` order.
 */
@ObjectType({ description: 'A place on the waitlist for a doctor or a specialisation, within a window of time.' })
@Entity({ tableName: 'waitlist_entry' })
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['patient', 'createdAt'] })
@Check({ name: 'waitlist_entry_window_check', expression: 'window_from < window_to' })
@Check({
  name: 'waitlist_entry_target_check',
  expression: '(doctor_id is null) <> (specialization is null)',
})
export class WaitlistEntry extends BaseEntity {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'cascade' })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'cascade', nullable: true, index: true })
  doctor?: Ref<Doctor>;

  @Field(() => String, { nullable: true, description: 'The specialisation, when any of its doctors will do.' })
  @Property({ type: 'text', nullable: true, index: true })
  specialization?: string;

  @Field(() => DateTimeScalar, { name: 'from', description: 'The earliest start that suits the patient.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowFrom!: Date;

  @Field(() => DateTimeScalar, { name: 'to', description: 'The latest end that suits the patient.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowTo!: Date;

  /** As stored; the API answers with the status as of now (see WaitlistResolver.status). */
  @Enum({ items: () => WaitlistStatus, default: WaitlistStatus.WAITING })
  status: WaitlistStatus = WaitlistStatus.WAITING;

  /** The current or last offer. */
  @ManyToOne({ entity: () => SlotHold, ref: true, deleteRule: 'set null', nullable: true, index: true })
  offerHold?: Ref<SlotHold>;

  /** The appointment an accepted offer became (a plain column, like a notification's). */
  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;
}
