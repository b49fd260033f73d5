import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Connection } from '../../shared/connection.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';

/** The contract's LabOrderStatus (the lifecycle table lives in lab-order.policy.ts). */
export enum LabOrderStatus {
  ORDERED = 'ORDERED',
  COLLECTED = 'COLLECTED',
  RESULTED = 'RESULTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(LabOrderStatus, {
  name: 'LabOrderStatus',
  description: 'Where a lab order stands: ORDERED → COLLECTED → RESULTED, or CANCELLED with a reason.',
  valuesConfig: {
    ORDERED: { description: 'The doctor ordered the tests; no specimen yet.' },
    COLLECTED: { description: 'The specimen was taken.' },
    RESULTED: { description: 'Results were recorded (later results are corrections, kept as new versions).' },
    CANCELLED: { description: 'Cancelled before results, with a reason.' },
  },
});

/** One test of an order, as ordered: its LOINC code and name. */
@ObjectType({ description: 'A laboratory test as ordered: its LOINC code and name.' })
export class LabTest {
  @Field({ description: 'The LOINC code, e.g. "2823-3".' })
  code!: string;

  @Field({ description: 'The LOINC name of the test.' })
  name!: string;
}

/**
 * Tests a doctor ordered for a patient, from the LOINC catalogue (panels expanded to their
 * tests). Results arrive as LabResult rows, never overwritten: a correction is a new version.
 */
@ObjectType({
  description:
    'Laboratory tests a doctor ordered for a patient, with their results. Clinical: for the patient, the doctors ' +
    'caring for them and API clients the patient shares with (clinical:read); never administrators.',
})
@Entity({ tableName: 'lab_order' })
@Index({ properties: ['patient', 'orderedAt'] })
@Index({ properties: ['doctor', 'orderedAt'] })
// The ordering doctor's results still to review (labResultsToReview): few rows, found at once.
@Index({
  name: 'lab_order_to_review',
  expression:
    'create index "lab_order_to_review" on "lab_order" ("doctor_id", "resulted_at") where "status" = \'RESULTED\' and "reviewed_at" is null',
})
export class LabOrder extends BaseEntity {
  [OptionalProps]?: 'status' | 'orderedAt' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict' })
  doctor!: Ref<Doctor>;

  @ManyToOne({ entity: () => Appointment, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  appointment?: Ref<Appointment>;

  @Field(() => LabOrderStatus, { description: 'Where the order stands.' })
  @Enum({ items: () => LabOrderStatus, default: LabOrderStatus.ORDERED })
  status: LabOrderStatus = LabOrderStatus.ORDERED;

  @Field(() => [LabTest], { description: 'The tests ordered (panels expanded to their tests), in order.' })
  @Property({ type: 'json' })
  tests!: LabTest[];

  @Field(() => String, { nullable: true, description: 'Notes for the laboratory, as the doctor wrote them.' })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Field(() => DateTimeScalar, { description: 'When the doctor ordered the tests.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  orderedAt: Date = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the specimen was taken, once it was.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  collectedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the latest results were recorded, if any.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  resultedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the order was cancelled, if it was.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the order was cancelled, as written then.' })
  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  cancelledBy?: Ref<User> | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When the ordering doctor marked the results reviewed; null until then, and again once new or corrected results arrive. Results older than two weeks when review was first tracked count as reviewed from then.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  reviewedBy?: Ref<User> | null;
}

/** A page of lab orders, newest first. */
export const LabOrderConnection = Connection('LabOrder', LabOrder);
