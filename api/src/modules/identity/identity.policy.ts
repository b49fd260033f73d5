import { forbidden } from '../../shared/errors.js';
import { maySeeUser } from './access.policy.js';
import { guardRows, type AnyRowGuard } from './row-guard.js';
import { User } from './user.entity.js';

/** Row guards of identity's entities (see row-guard.ts): an account, for its owner and administrators. */
export const identityGuards: readonly AnyRowGuard[] = [
  guardRows(User, (user, ctx) => {
    if (!maySeeUser(ctx.access.actor, user.id)) {
      throw forbidden('You may not see this account.');
    }
  }),
];
