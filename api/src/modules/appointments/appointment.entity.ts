import { OptionalProps, Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Extensions, Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { CLINICAL } from '../../shared/clinical.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { AppointmentStatus, AppointmentType } from './appointment-status.js';
import { Connection } from '../../shared/connection.js';

@ObjectType({ description: 'A visit of a patient to a doctor, from request to completion.' })
@Entity({ tableName: 'appointment' })
@Index({ properties: ['doctor', 'startsAt'] })
// A patient's appointments newest first, ties by id (the chart's lists and timeline, keyset
// cursors); with the id in it the timeline reads its entries from the index alone.
@Index({ properties: ['patient', 'startsAt', 'id'] })
@Index({ properties: ['startsAt', 'id'] })
// The care rule's probe (identity/care-rule.ts): a doctor's appointments with one patient, and
// whether any is not cancelled, answered from the index alone for each patient of a list.
@Index({ properties: ['doctor', 'patient', 'status'] })
@Check({ name: 'appointment_time_range_check', expression: 'starts_at < ends_at' })
// No doctor and no patient holds two overlapping active appointments: enforced by PostgreSQL
// itself (exclusion constraints over btree_gist), so concurrent bookings on several processes
// cannot break it. Declared here so the ORM knows them; created by a migration.
@Index({
  name: 'appointment_doctor_no_overlap',
  expression: `alter table "appointment" add constraint "appointment_doctor_no_overlap" exclude using gist ("doctor_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN'))`,
})
@Index({
  name: 'appointment_patient_no_overlap',
  expression: `alter table "appointment" add constraint "appointment_patient_no_overlap" exclude using gist ("patient_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN'))`,
})
export class Appointment extends BaseEntity {
  [OptionalProps]?: 'status' | 'type' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict' })
  doctor!: Ref<Doctor>;

  @Field(() => DateTimeScalar, { description: 'When the slot starts.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the slot ends.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  endsAt!: Date;

  @Field(() => AppointmentStatus, { description: 'Where it stands in its lifecycle.' })
  @Enum({ items: () => AppointmentStatus, default: AppointmentStatus.REQUESTED })
  @Index()
  status: AppointmentStatus = AppointmentStatus.REQUESTED;

  @Field(() => AppointmentType, { description: 'What kind of visit it is.' })
  @Enum({ items: () => AppointmentType, default: AppointmentType.REGULAR })
  type: AppointmentType = AppointmentType.REGULAR;

  @Field(() => String, {
    nullable: true,
    description: 'Why the patient comes, in their words. Clinical: not shown to administrators.',
  })
  @Extensions(CLINICAL)
  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled, when it was.' })
  @Property({ type: 'text', nullable: true })
  cancellationReason?: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  bookedBy?: Ref<User>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  statusChangedBy?: Ref<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  statusChangedAt?: Date;
}

/** A page of appointments, as the contract's lists return them. */
export const AppointmentConnection = Connection('Appointment', Appointment);
