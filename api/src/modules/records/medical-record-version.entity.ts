import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Doctor } from '../doctors/doctor.entity.js';
import { MedicalRecordContent } from './medical-record-content.js';
import { MedicalRecord } from './medical-record.entity.js';

/** One version of a medical record, written once and never changed. */
@ObjectType({ description: 'One version of a medical record, as it was written.' })
@Entity({ tableName: 'medical_record_version' })
@Unique({ properties: ['record', 'version'] })
export class MedicalRecordVersion extends MedicalRecordContent {
  @ManyToOne({ entity: () => MedicalRecord, ref: true, deleteRule: 'restrict', index: true })
  record!: Ref<MedicalRecord>;

  /** Who wrote this version. */
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict', index: true })
  author!: Ref<Doctor>;

  @Field(() => String, {
    nullable: true,
    description: 'Why this version amends the previous one, as its author said; null for version 1.',
  })
  @Property({ type: 'text', nullable: true })
  amendmentReason?: string;
}
