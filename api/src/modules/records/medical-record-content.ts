import { Enum, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { CalendarDateScalar, DateTimeScalar } from '../../shared/scalars.js';
import { Diagnosis, LabResult, RecordType, Vitals } from './record.types.js';

/** The clinical content of one version of a medical record. */
@ObjectType()
export abstract class MedicalRecordContent extends BaseEntity {
  @Field(() => RecordType)
  @Enum({ items: () => RecordType })
  type!: RecordType;

  @Field(() => DateTimeScalar)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => [Diagnosis])
  @Property({ type: 'json', default: '[]' })
  diagnoses: Opt<Diagnosis[]> = [];

  @Field(() => [String])
  @Property({ type: 'text[]', default: '{}' })
  symptoms: Opt<string[]> = [];

  @Field(() => Vitals, { nullable: true })
  @Property({ type: 'json', nullable: true })
  vitals?: Vitals;

  @Field(() => [LabResult])
  @Property({ type: 'json', default: '[]' })
  labResults: Opt<LabResult[]> = [];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  followUpDate?: string;

  @Field(() => Int, { description: 'Starts at 1; each amendment adds one.' })
  @Property({ type: 'integer', default: 1 })
  version: Opt<number> = 1;
}
