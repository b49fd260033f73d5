import { Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Extensions, Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { CLINICAL } from '../../shared/clinical.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Bed } from './bed.entity.js';

@ObjectType({ description: "A patient's stay in a bed, from admission to discharge. Part of the chart." })
@Entity({ tableName: 'admission' })
@Index({ properties: ['patient', 'admittedAt', 'id'] })
// A bed holds at most one admission at a time: PostgreSQL itself refuses a second open one, so
// two admins racing for the last bed cannot both win. Created by a migration.
@Index({
  name: 'admission_one_open_per_bed',
  expression:
    'create unique index "admission_one_open_per_bed" on "admission" ("bed_id") where "discharged_at" is null',
})
@Index({
  name: 'admission_one_open_per_patient',
  expression:
    'create unique index "admission_one_open_per_patient" on "admission" ("patient_id") where "discharged_at" is null',
})
export class Admission extends BaseEntity {
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Bed, ref: true, deleteRule: 'restrict', index: true })
  bed!: Ref<Bed>;

  @Field(() => DateTimeScalar, { description: 'When the stay began.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  admittedAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the stay ended; null while the patient is in.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  dischargedAt?: Date;

  @Field(() => String, { nullable: true, description: 'Why the patient was admitted. Clinical.' })
  @Extensions(CLINICAL)
  @Property({ type: 'text', nullable: true })
  reason?: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', index: true })
  admittedBy!: Ref<User>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  dischargedBy?: Ref<User>;

  /**
   * The stay in the next bed, when this one ended by moving the patient there (`transferPatient`):
   * one stay in the hospital, a row per bed, so each bed's days stay counted where they were.
   */
  @ManyToOne({ entity: () => Admission, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  movedTo?: Ref<Admission>;
}
