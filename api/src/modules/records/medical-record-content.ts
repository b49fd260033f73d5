import { Enum, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { CalendarDateScalar, DateTimeScalar } from '../../shared/scalars.js';
import { Diagnosis, LabResult, RecordType, Vitals } from './record.types.js';

/** The clinical content of one version of a medical record. */
@ObjectType()
export abstract class MedicalRecordContent extends BaseEntity {
  @Field(() => RecordType, { description: 'What kind of record this is.' })
  @Enum({ items: () => RecordType })
  type!: RecordType;

  @Field(() => DateTimeScalar, {
    description: 'When the record was first written; amendments keep it (each version has its own createdAt).',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => [Diagnosis], { description: 'ICD-10 coded diagnoses; empty when none were made.' })
  @Property({ type: 'json', default: '[]' })
  diagnoses: Opt<Diagnosis[]> = [];

  @Field(() => [String], { description: 'Symptoms as reported or observed.' })
  @Property({ type: 'text[]', default: '{}' })
  symptoms: Opt<string[]> = [];

  @Field(() => Vitals, { nullable: true, description: 'Measurements taken; null when none were.' })
  @Property({ type: 'json', nullable: true })
  vitals?: Vitals;

  @Field(() => [LabResult], { description: 'Laboratory results; empty when none.' })
  @Property({ type: 'json', default: '[]' })
  labResults: Opt<LabResult[]> = [];

  @Field(() => String, { nullable: true, description: "The doctor's free-text notes." })
  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'When the patient should come back, if at all.' })
  @Property({ type: 'date', nullable: true })
  followUpDate?: string;

  @Field(() => Int, { description: 'Starts at 1; each amendment adds one.' })
  @Property({ type: 'integer', default: 1 })
  version: Opt<number> = 1;
}
