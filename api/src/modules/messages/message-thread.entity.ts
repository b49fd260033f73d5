import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';

/**
 * A conversation between one patient and one doctor who cares for them. Only those two may read
 * it (never administrators); once the care relationship ends it is read-only.
 */
@ObjectType({
  description:
    'A conversation between a patient and a doctor who cares for them. Only the two of them can read it; it becomes read-only when the care relationship ends.',
})
@Entity({ tableName: 'message_thread' })
@Index({ properties: ['patient', 'lastMessageAt'] })
@Index({ properties: ['doctor', 'lastMessageAt'] })
export class MessageThread extends BaseEntity {
  // indexed by the composite indexes above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'cascade' })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'cascade' })
  doctor!: Ref<Doctor>;

  @Field({ description: 'What the conversation is about, as its starter wrote it.' })
  @Property({ type: 'text' })
  subject!: string;

  @Field(() => DateTimeScalar, { description: 'When the latest message was sent: the inbox is ordered by it.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  lastMessageAt!: Date;
}
