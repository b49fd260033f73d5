import { Extensions, Field, ID, ObjectType } from 'type-graphql';
import { PER_SESSION } from '../../shared/per-session.js';
import { DateTimeScalar } from '../../shared/scalars.js';

@ObjectType('Session', { description: 'A signed-in device: one sign-in and the refreshes that kept it going.' })
export class SessionInfo {
  @Field(() => ID, { description: 'Pass to `revokeSession` to end it.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the sign-in happened.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'When the session was last renewed (access tokens last 15 minutes, so at most that far behind).',
  })
  lastUsedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The browser or client that signed in (its User-Agent).' })
  userAgent!: string | null;

  @Field({ description: 'True for the session making this request.' })
  @Extensions(PER_SESSION)
  current!: boolean;
}
