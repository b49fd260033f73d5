import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from './user.entity.js';

@ObjectType({ description: 'A session: a short-lived access token and a single-use refresh token.' })
export class AuthPayload {
  @Field({
    description:
      'Send as `Authorization: Bearer <accessToken>`; valid until `expiresAt` (15 minutes unless the server sets `ACCESS_TOKEN_TTL_SECONDS`).',
  })
  accessToken!: string;

  @Field({ description: 'Trade for a new session with `refreshSession`; works once.' })
  refreshToken!: string;

  @Field(() => DateTimeScalar, { description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;
}
