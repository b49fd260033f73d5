import { Entity, Enum, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { LabOrder } from './lab-order.entity.js';

/** The contract's LabInterpretation, computed from the reference range (lab-interpretation.ts). */
export enum LabInterpretation {
  NORMAL = 'NORMAL',
  LOW = 'LOW',
  HIGH = 'HIGH',
  CRITICAL_LOW = 'CRITICAL_LOW',
  CRITICAL_HIGH = 'CRITICAL_HIGH',
  ABNORMAL = 'ABNORMAL',
}

registerEnumType(LabInterpretation, {
  name: 'LabInterpretation',
  description: 'How a result reads against its reference range; computed by the server, never typed in.',
  valuesConfig: {
    NORMAL: { description: 'Within the reference range (or a normal coded value).' },
    LOW: { description: 'Below the reference range.' },
    HIGH: { description: 'Above the reference range.' },
    CRITICAL_LOW: { description: 'Below the critical limit: the ordering doctor is told at once.' },
    CRITICAL_HIGH: { description: 'Above the critical limit: the ordering doctor is told at once.' },
    ABNORMAL: { description: 'A coded or text value that is not a normal one (e.g. "Detected").' },
  },
});

/**
 * One result of one test of an order. Never changed: a correction is a new row with the next
 * version, and the earlier one gets `supersededAt`.
 */
@ObjectType({
  description:
    'A laboratory result: the value of one test, with its reference range and the interpretation the server ' +
    'computed. A correction is a new version; the earlier one stays on record.',
})
@Entity({ tableName: 'lab_result' })
@Unique({ properties: ['order', 'code', 'version'] })
export class LabResult extends BaseEntity {
  // indexed by the unique index above
  @ManyToOne({ entity: () => LabOrder, ref: true, deleteRule: 'restrict' })
  order!: Ref<LabOrder>;

  @Field({ description: 'The LOINC code of the test.' })
  @Property({ type: 'text' })
  code!: string;

  @Field({ description: 'The LOINC name of the test.' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'The result as reported: a decimal number in `unit`, or a coded/text value.' })
  @Property({ type: 'text' })
  value!: string;

  /** The value as a number, for trends and FHIR (null for coded values). */
  @Property({ type: 'double', nullable: true })
  numericValue?: number | null;

  @Field(() => String, { nullable: true, description: 'The UCUM unit of a numeric value, e.g. "mmol/L".' })
  @Property({ type: 'text', nullable: true })
  unit?: string | null;

  @Field(() => Float, { nullable: true, description: 'The lower limit of the reference range, in `unit`.' })
  @Property({ type: 'double', nullable: true })
  referenceLow?: number | null;

  @Field(() => Float, { nullable: true, description: 'The upper limit of the reference range, in `unit`.' })
  @Property({ type: 'double', nullable: true })
  referenceHigh?: number | null;

  @Field(() => LabInterpretation, { nullable: true, description: 'How the value reads against the range.' })
  @Enum({ items: () => LabInterpretation, nullable: true })
  interpretation?: LabInterpretation | null;

  @Field(() => DateTimeScalar, { description: 'When the result was recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  resultedAt: Opt<Date> = new Date();

  @Field(() => Int, { description: '1 for the first result of this test in the order, then 2, 3… for corrections.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When a correction replaced this result; null for the current one.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  supersededAt?: Date | null;

  /** Who recorded it: the ordering doctor's account, or null for a lab's API client. */
  @Property({ type: 'uuid', nullable: true })
  recordedByUserId?: string | null;

  /** The lab's API client that sent it, when one did. */
  @Property({ type: 'uuid', nullable: true })
  recordedByClientId?: string | null;
}
