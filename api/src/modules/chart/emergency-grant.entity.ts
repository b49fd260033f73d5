import { Entity, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';

@ObjectType({ description: "A doctor's time-limited, audited access to a chart outside their care (break-glass)." })
@Entity({ tableName: 'emergency_grant' })
@Index({ properties: ['doctor', 'patient', 'expiresAt'] })
export class EmergencyGrant extends BaseEntity {
  [OptionalProps]?: 'doctorId' | 'patientId' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict' })
  doctor!: Ref<Doctor>;

  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict', index: true })
  patient!: Ref<Patient>;

  @Field(() => ID, { description: 'The doctor who holds the grant.' })
  get doctorId(): string {
    return this.doctor.id;
  }

  @Field(() => ID, { description: 'Whose chart it opens.' })
  get patientId(): string {
    return this.patient.id;
  }

  @Field({ description: 'Why the doctor needed the chart, in their words.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => DateTimeScalar, { description: 'When the access ends.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
