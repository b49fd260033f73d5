import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { MessageThread } from './message-thread.entity.js';

/** One message of a thread. Its body may be clinical: it never leaves the platform by e-mail or log. */
@ObjectType({ description: 'One message in a conversation between a patient and their doctor.' })
@Entity({ tableName: 'message' })
@Index({ properties: ['thread', 'sentAt'] })
export class Message extends BaseEntity {
  // indexed by the composite index above
  @ManyToOne({ entity: () => MessageThread, ref: true, deleteRule: 'cascade' })
  thread!: Ref<MessageThread>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', index: true })
  sender!: Ref<User>;

  @Field({ description: 'The text of the message.' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => DateTimeScalar, { description: 'When it was sent.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  sentAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the other participant read it (the read receipt); empty while unread.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt?: Date | null;
}
