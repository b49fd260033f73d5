import {
  OptionalProps,
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { PrescriptionStatus } from './prescription-status.js';
import { Connection } from '../../shared/connection.js';

/**
 * A prescription: its items never change after issue (a correction is a new prescription).
 * It is COMPLETED once its longest item has run its course.
 */
@ObjectType({ description: 'Medications a doctor prescribed; items never change after issue.' })
@Entity({ tableName: 'prescription' })
@Index({ properties: ['patient', 'issuedAt', 'id'] })
@Index({ properties: ['doctor', 'issuedAt'] })
export class Prescription extends BaseEntity {
  [OptionalProps]?: 'storedStatus' | 'issuedAt' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict' })
  doctor!: Ref<Doctor>;

  @ManyToOne({ entity: () => Appointment, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  appointment?: Ref<Appointment>;

  @OneToMany({ entity: () => PrescriptionItem, mappedBy: 'prescription', orderBy: { position: 'asc' } })
  items = new Collection<PrescriptionItem>(this);

  /** ACTIVE or DISCONTINUED as stored; COMPLETED is derived from `completesAt`. */
  @Enum({ items: () => PrescriptionStatus, default: PrescriptionStatus.ACTIVE })
  @Index()
  storedStatus: PrescriptionStatus = PrescriptionStatus.ACTIVE;

  @Field(() => String, { nullable: true, description: 'Notes for the patient and the pharmacist.' })
  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Field(() => DateTimeScalar, { description: 'When the doctor issued it.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt: Date = new Date();

  /** When the longest item's course ends. */
  @Field(() => DateTimeScalar, { description: "When the longest item's course ends." })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Index()
  completesAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was discontinued, if it was.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  discontinuedAt?: Date;

  @Field(() => String, { nullable: true, description: 'Why it was discontinued, as the doctor wrote it.' })
  @Property({ type: 'text', nullable: true })
  discontinuedReason?: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  discontinuedBy?: Ref<User>;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the doctor prescribed despite an allergy or duplicate-therapy conflict, as they wrote it; null when there was none.',
  })
  @Property({ type: 'text', nullable: true })
  allergyOverrideReason?: string;

  @Field(() => [String], {
    description: 'The conflicts the doctor overrode when issuing it: ALLERGY_CONFLICT and/or DUPLICATE_THERAPY.',
  })
  @Property({ type: 'text[]', default: '{}' })
  overriddenConflicts: Opt<string[]> = [];

  @Field(() => PrescriptionStatus, {
    description: "ACTIVE until the longest item's course ends, then COMPLETED; DISCONTINUED once a doctor stops it.",
  })
  status(now: Date = new Date()): PrescriptionStatus {
    if (this.storedStatus === PrescriptionStatus.DISCONTINUED) {
      return PrescriptionStatus.DISCONTINUED;
    }
    return this.completesAt <= now ? PrescriptionStatus.COMPLETED : PrescriptionStatus.ACTIVE;
  }
}

/** A page of prescriptions, as the contract's lists return them. */
export const PrescriptionConnection = Connection('Prescription', Prescription);
