import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Prescription } from './prescription.entity.js';

@ObjectType({ description: 'One medication on a prescription.' })
@Entity({ tableName: 'prescription_item' })
@Unique({ properties: ['prescription', 'position'] })
@Check({ name: 'prescription_item_duration_check', expression: 'duration_days >= 1 and duration_days <= 3650' })
export class PrescriptionItem extends BaseEntity {
  @ManyToOne({ entity: () => Prescription, ref: true, deleteRule: 'restrict', index: true })
  prescription!: Ref<Prescription>;

  @Property({ type: 'smallint' })
  position!: number;

  @Field({ description: 'The medicine, e.g. Amoxicillin 500 mg.' })
  @Property({ type: 'text' })
  medication!: string;

  @Field({ description: 'e.g. "500 mg"' })
  @Property({ type: 'text' })
  dosage!: string;

  @Field({ description: 'e.g. "twice daily"' })
  @Property({ type: 'text' })
  frequency!: string;

  @Field(() => Int, { description: 'For how many days.' })
  @Property({ type: 'smallint' })
  durationDays!: number;

  @Field(() => String, { nullable: true, description: 'How to take it, e.g. after meals.' })
  @Property({ type: 'text', nullable: true })
  instructions?: string;

  /**
   * The item of an earlier prescription this one continues: the same substance, issued in answer
   * to the patient's repeat request (FHIR's `priorPrescription`).
   */
  @ManyToOne({ entity: () => PrescriptionItem, ref: true, nullable: true, deleteRule: 'set null', index: true })
  repeatOf?: Ref<PrescriptionItem>;
}
