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
import { PageArgs } from '../../shared/pagination.js';
import { selects } from '../../shared/selection.js';
import { Role } from '../identity/role.js';
import { ApiClient } from './api-client.entity.js';
import { ApiClientService } from './api-client.service.js';
import { CreateApiClientInput } from './partners.inputs.js';
import { ApiScope, SCOPE_NAMES, SCOPES, SCOPES_FOR_PATIENT } from './scopes.js';

export const ApiClientConnection = Connection('ApiClient', ApiClient);

@ObjectType({ description: 'An API client with its new secret. The secret is shown this once; only its hash is kept.' })
export class ApiClientSecret {
  @Field(() => ApiClient, { description: 'The client; its id is the OAuth `client_id`.' })
  client!: ApiClient;

  @Field({ description: 'The OAuth `client_secret`. Store it now: it cannot be shown again.' })
  clientSecret!: string;
}

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Mutation(() => ApiClientSecret, { description: 'ADMIN. A new API client for a partner; answers its secret once.' })
  createApiClient(
    @Arg('input', () => CreateApiClientInput, { description: 'The partner’s name and scopes.' })
    input: CreateApiClientInput,
    @Ctx() ctx: Context,
  ): Promise<ApiClientSecret> {
    return new ApiClientService(ctx).create(input);
  }

  @Mutation(() => ApiClientSecret, {
    description:
      'ADMIN. A new secret for the client, shown once. The old secret keeps working for `graceSeconds` (default 86400, one day; 0 ends it now).',
  })
  rotateApiClientSecret(
    @Arg('id', () => ID, { description: 'The API client.' }) id: string,
    @Arg('graceSeconds', () => Int, {
      nullable: true,
      description: 'How long the old secret still works: 0 to 2592000 seconds (30 days); default 86400.',
    })
    graceSeconds: number | null,
    @Ctx() ctx: Context,
  ): Promise<ApiClientSecret> {
    return new ApiClientService(ctx).rotate(id, graceSeconds);
  }

  @Mutation(() => ApiClient, {
    description: 'ADMIN. Ends the client for good: its secrets and every token it holds stop working at once.',
  })
  revokeApiClient(@Arg('id', () => ID, { description: 'The API client.' }) id: string, @Ctx() ctx: Context) {
    return new ApiClientService(ctx).revoke(id);
  }

  @Query(() => ApiClientConnection, { description: 'ADMIN. Every API client, newest first.' })
  apiClients(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ApiClient>> {
    return new ApiClientService(ctx).list(page, { count: selects(info, ['totalCount']) });
  }

  @Query(() => [ApiClient], {
    description: 'PATIENT. The partners a patient can share their data with (active API clients), by name.',
  })
  async sharingPartners(@Ctx() ctx: Context): Promise<ApiClient[]> {
    ctx.access.requireRole(Role.PATIENT);
    return ctx.em.find(ApiClient, { revokedAt: null }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @Query(() => [ApiScope], { description: 'Every scope an API client can hold, with what it allows in plain words.' })
  apiScopes(): ApiScope[] {
    return SCOPE_NAMES.map((name) =>
      Object.assign(new ApiScope(), { name, description: SCOPES[name], forPatient: SCOPES_FOR_PATIENT[name] }),
    );
  }

  @FieldResolver(() => Int, {
    description: 'ADMIN. How many patients currently consent to share their data with this client.',
  })
  consentCount(@Root() client: ApiClient, @Ctx() ctx: Context): Promise<number> {
    return new ApiClientService(ctx).consentCount(client);
  }
}
