import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { ClaimStatus } from './billing.types.js';
import { InsuranceClaim } from './insurance-claim.entity.js';

/**
 * One change of a claim in the claims' change feed (`claimChanges`): the claim submitted, decided or
 * paid. Its id is the change's (the claim's `history` entry); `claim` is the claim as it is now.
 */
@ObjectType({ description: 'One change of an insurance claim in the change feed: submitted, decided, paid.' })
export class ClaimEvent {
  @Field(() => ID, { description: 'The change (the entry of the claim’s `history`).' })
  id!: string;

  @Field({ description: 'Where the feed stands after this change: pass it as `after` to read on from here.' })
  cursor!: string;

  @Field(() => ClaimStatus, { description: 'What the claim became: SUBMITTED, a decision, or PAID.' })
  kind!: ClaimStatus;

  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: Date;

  @Field(() => InsuranceClaim, { description: 'The claim, as it is now.' })
  claim!: InsuranceClaim;
}
