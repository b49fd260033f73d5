import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { Money } from '../../shared/money.js';
import { PageArgs } from '../../shared/pagination.js';
import { selects } from '../../shared/selection.js';
import { AddInsurancePolicyInput, DecideClaimInput } from './billing.inputs.js';
import { ClaimStatus } from './billing.types.js';
import { ClaimChange } from './claim-change.entity.js';
import { ClaimEvent } from './claim-event.type.js';
import { InsuranceClaim } from './insurance-claim.entity.js';
import { InsurancePolicy } from './insurance-policy.entity.js';
import { InsuranceService } from './insurance.service.js';
import { Invoice } from './invoice.entity.js';

export const InsuranceClaimConnection = Connection('InsuranceClaim', InsuranceClaim);
export const ClaimEventConnection = Connection('ClaimEvent', ClaimEvent);

@ObjectType({ description: 'Claims of one currency: how many, how much claimed, how much approved.' })
export class ClaimTotals {
  @Field({ description: 'ISO-4217 code.' })
  currency!: string;

  @Field(() => Int, { description: 'How many claims.' })
  count!: number;

  @Field(() => Money, { description: 'Sum claimed.' })
  claimed!: Money;

  @Field(() => Money, { description: 'Sum approved so far.' })
  approved!: Money;
}

@Resolver(() => InsurancePolicy)
export class InsurancePolicyResolver {
  @Mutation(() => InsurancePolicy, { description: 'A PATIENT for themself, or an ADMIN for any patient.' })
  addInsurancePolicy(
    @Arg('input', () => AddInsurancePolicyInput, { description: 'The policy.' }) input: AddInsurancePolicyInput,
    @Ctx() ctx: Context,
  ): Promise<InsurancePolicy> {
    return new InsuranceService(ctx).addPolicy(input);
  }

  @Query(() => [InsurancePolicy], {
    description: 'A patient’s policies, newest cover first: a PATIENT their own; an ADMIN names the patient.',
  })
  insurancePolicies(
    @Arg('patientId', () => ID, { nullable: true, description: 'Whose policies; a PATIENT may omit it.' })
    patientId: string | null,
    @Ctx() ctx: Context,
  ): Promise<InsurancePolicy[]> {
    return new InsuranceService(ctx).policies(patientId);
  }
}

@Resolver(() => InsuranceClaim)
export class InsuranceClaimResolver {
  @Mutation(() => InsuranceClaim, {
    description:
      'ADMIN. Claims the invoice’s balance against a policy of its patient that was valid on the visit’s date (else BAD_USER_INPUT naming policyId).',
  })
  submitClaim(
    @Arg('invoiceId', () => ID, { description: 'An ISSUED or PARTIALLY_PAID invoice.' }) invoiceId: string,
    @Arg('policyId', () => ID, { description: 'A policy of the invoice’s patient.' }) policyId: string,
    @Ctx() ctx: Context,
  ): Promise<InsuranceClaim> {
    return new InsuranceService(ctx).submit(invoiceId, policyId);
  }

  @Mutation(() => InsuranceClaim, {
    description:
      'ADMIN. The insurer’s decision on a SUBMITTED claim; an approval is booked onto the invoice as an INSURANCE payment.',
  })
  decideClaim(
    @Arg('id', () => ID, { description: 'A SUBMITTED claim.' }) id: string,
    @Arg('input', () => DecideClaimInput, { description: 'The decision.' }) input: DecideClaimInput,
    @Ctx() ctx: Context,
  ): Promise<InsuranceClaim> {
    return new InsuranceService(ctx).decide(id, input);
  }

  @Query(() => InsuranceClaimConnection, {
    description: 'Claims, newest first: ADMIN all, PATIENT their own. Doctors see no money.',
  })
  claims(
    @Arg('status', () => [ClaimStatus], { nullable: true, description: 'Only claims in these statuses.' })
    status: ClaimStatus[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<InsuranceClaim>> {
    return new InsuranceService(ctx).claims(status, page, { count: selects(info, ['totalCount']) });
  }

  @Query(() => ClaimEventConnection, {
    description:
      'The claims’ change feed, oldest first: every submission, decision and payment of the claims `claims` lists the caller, in the order they committed — keep the last cursor and pass it as `after` to read only what is new (no gap, no duplicate). An insurer’s client polls it for new claims.',
  })
  claimChanges(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<ClaimEvent>> {
    return new InsuranceService(ctx).claimEvents(page);
  }

  @Query(() => [ClaimTotals], { description: 'Totals per currency over the claims `claims` would list.' })
  claimTotals(
    @Arg('status', () => [ClaimStatus], { nullable: true, description: 'Only claims in these statuses.' })
    status: ClaimStatus[] | null,
    @Ctx() ctx: Context,
  ): Promise<ClaimTotals[]> {
    return new InsuranceService(ctx)
      .totals(status)
      .then((rows) => rows.map((row) => Object.assign(new ClaimTotals(), row)));
  }

  @FieldResolver(() => Invoice, { description: 'The invoice claimed for.' })
  invoice(@Root() claim: InsuranceClaim): Promise<Invoice> {
    return claim.invoice.loadOrFail();
  }

  @FieldResolver(() => InsurancePolicy, { description: 'The policy claimed against.' })
  policy(@Root() claim: InsuranceClaim): Promise<InsurancePolicy> {
    return claim.policy.loadOrFail();
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The insurer’s API client, by name, when the insurer recorded the decision itself through the API; empty when someone at the clinic entered it, or nothing is decided yet.',
  })
  async decidedByPartner(@Root() claim: InsuranceClaim, @Ctx() ctx: Context): Promise<string | null> {
    if (!claim.decidedAt) {
      return null;
    }
    const decision = (await ctx.loaders.billing.claimHistory.load(claim.id)).findLast(
      (change) => change.toStatus === claim.status,
    );
    return decision?.changedByClient ? ctx.loaders.partners.nameById.load(decision.changedByClient.id) : null;
  }

  @FieldResolver(() => [ClaimChange], { description: 'Every change of the claim, oldest first: who and when.' })
  history(@Root() claim: InsuranceClaim, @Ctx() ctx: Context): Promise<ClaimChange[]> {
    return ctx.loaders.billing.claimHistory.load(claim.id);
  }
}

@Resolver(() => ClaimChange)
export class ClaimChangeResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The insurer’s API client, by name, when it recorded the change through the API; empty when a person did.',
  })
  changedByPartner(@Root() change: ClaimChange, @Ctx() ctx: Context): Promise<string | null> | null {
    return change.changedByClient ? ctx.loaders.partners.nameById.load(change.changedByClient.id) : null;
  }
}
