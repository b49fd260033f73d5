import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { SingleUseLink } from './single-use-link.entity.js';
import { User } from './user.entity.js';

/**
 * One link sent to confirm an account's sign-in address: at sign-up, after the address changed,
 * or asked for again. It confirms `email` only while that is still the account's address.
 */
@Entity({ tableName: 'email_verification' })
@Index({ properties: ['user', 'createdAt'] })
export class EmailVerification extends SingleUseLink {
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  /** The address the link goes to and confirms. */
  @Property({ type: 'text' })
  email!: string;

  /** The address it replaced, told of the change (a change of address only). */
  @Property({ type: 'text', nullable: true })
  previousEmail?: string | null;
}
