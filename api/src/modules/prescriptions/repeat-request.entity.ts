import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Prescription } from './prescription.entity.js';

export enum RepeatRequestStatus {
  REQUESTED = 'REQUESTED',
  ISSUED = 'ISSUED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(RepeatRequestStatus, {
  name: 'RepeatRequestStatus',
  description: 'Where a patient’s request for a repeat prescription stands.',
  valuesConfig: {
    REQUESTED: { description: 'Waiting for the doctor.' },
    ISSUED: { description: 'The doctor issued a new prescription for it (`issuedPrescription`).' },
    DECLINED: { description: 'The doctor did not issue one, and said why (`declineReason`).' },
    WITHDRAWN: { description: 'The patient took the request back before the doctor answered.' },
  },
});

/**
 * A patient asking the doctor who prescribed something for a repeat of it: answered by a new
 * prescription (`issuePrescription` with `repeatRequestId`) or declined with a reason the patient
 * reads in the portal. One open request per prescription.
 */
@ObjectType({
  description:
    'A patient’s request for a repeat of one of their prescriptions, to the doctor who issued it. Clinical: read by the patient and the doctors caring for them.',
})
@Entity({ tableName: 'repeat_request' })
@Index({ properties: ['doctor', 'status', 'createdAt'] })
@Index({ properties: ['prescription', 'createdAt'] })
@Index({
  name: 'repeat_request_one_open_per_prescription',
  expression:
    'create unique index "repeat_request_one_open_per_prescription" on "repeat_request" ("prescription_id") where "status" = \'REQUESTED\'',
})
export class RepeatRequest extends BaseEntity {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Prescription, ref: true, deleteRule: 'restrict' })
  prescription!: Ref<Prescription>;

  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict', index: true })
  patient!: Ref<Patient>;

  /** The doctor who issued the prescription: the one asked. Indexed by the composite index above. */
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict' })
  doctor!: Ref<Doctor>;

  @Field(() => RepeatRequestStatus, { description: 'Where the request stands.' })
  @Enum({ items: () => RepeatRequestStatus, default: RepeatRequestStatus.REQUESTED })
  status: RepeatRequestStatus = RepeatRequestStatus.REQUESTED;

  @Field(() => String, { nullable: true, description: 'What the patient added for the doctor, if anything.' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the doctor issued or declined it (or the patient withdrew it).',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt?: Date;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  decidedBy?: Ref<User>;

  @Field(() => String, { nullable: true, description: 'Why the doctor declined it, as they wrote it for the patient.' })
  @Property({ type: 'text', nullable: true })
  declineReason?: string;

  @ManyToOne({ entity: () => Prescription, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  issuedPrescription?: Ref<Prescription>;
}
