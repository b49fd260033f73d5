import { Entity, Index, ManyToOne, type Ref } from '@mikro-orm/core';
import { SingleUseLink } from './single-use-link.entity.js';
import { User } from './user.entity.js';

/**
 * One password-reset request. Written for every request, known address or not (the same work
 * either way); only requests for an account get a user and an e-mail.
 */
@Entity({ tableName: 'password_reset' })
@Index({ properties: ['user', 'createdAt'] })
export class PasswordReset extends SingleUseLink {
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', nullable: true })
  user?: Ref<User> | null;
}
