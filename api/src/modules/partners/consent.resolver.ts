import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { ApiClient } from './api-client.entity.js';
import { Consent } from './consent.entity.js';
import { ConsentService } from './consent.service.js';
import { GrantConsentInput } from './partners.inputs.js';

@Resolver(() => Consent)
export class ConsentResolver {
  @Mutation(() => Consent, {
    description:
      'PATIENT. Gives a consent; for DATA_SHARING with one partner (`apiClientId`). Granting one already active answers it unchanged.',
  })
  grantConsent(
    @Arg('input', () => GrantConsentInput, { description: 'What the patient agrees to, and with which partner.' })
    input: GrantConsentInput,
    @Ctx() ctx: Context,
  ): Promise<Consent> {
    return new ConsentService(ctx).grant(input);
  }

  @Mutation(() => Consent, {
    description:
      "PATIENT. Withdraws a consent; a partner loses access from its next request. It stays in the patient's history.",
  })
  revokeConsent(
    @Arg('id', () => ID, { description: 'The consent.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Consent> {
    return new ConsentService(ctx).revoke(id);
  }

  @Query(() => [Consent], { description: "PATIENT. The patient's consents, active and withdrawn, newest first." })
  myConsents(@Ctx() ctx: Context): Promise<Consent[]> {
    return new ConsentService(ctx).mine();
  }

  @FieldResolver(() => ApiClient, { nullable: true, description: 'The partner a DATA_SHARING consent names.' })
  apiClient(@Root() consent: Consent): Promise<ApiClient | null> | null {
    return consent.apiClient ? consent.apiClient.loadOrFail() : null;
  }
}
