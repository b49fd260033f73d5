import 'reflect-metadata';
import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import {
  Arg,
  buildSchema,
  type BuildSchemaOptions,
  Ctx,
  Field,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPromise } from '../shared/maybe-async.js';
import { validateInput } from './input-validation.js';
import { validateSubscriptionArgumentsOnce } from './subscription-arguments.js';

@ObjectType({ description: 'A test event.' })
class Ping {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;
}

const validated: Record<string, unknown>[] = [];
const calls: { root: unknown; label: string | null; context: unknown }[] = [];
/** The arguments each start of the stream (the field's own `subscribe`) was given. */
const streams: Record<string, unknown>[] = [];

@Resolver()
class PingResolver {
  @Query(() => Boolean, { description: 'Required by GraphQL.' })
  ready(): boolean {
    return true;
  }

  @Subscription(() => Ping, {
    description: 'Pings.',
    subscribe: ({ args }) => {
      streams.push({ ...(args as Record<string, unknown>) });
      return (async function* () {})();
    },
  })
  pinged(
    @Root() ping: Ping,
    @Arg('label', () => String, { nullable: true, description: 'A label.' }) label: string | null,
    @Ctx() context: unknown,
  ): Ping {
    calls.push({ root: ping, label, context });
    return ping;
  }
}

let resolve: GraphQLFieldResolver<unknown, unknown>;
let subscribe: GraphQLFieldResolver<unknown, unknown>;
const info = {} as GraphQLResolveInfo;
const ping = (id: string) => Object.assign(new Ping(), { id });

/** The schema as the API builds it (validateFn counted), with `extra` options. */
async function build(
  extra: Partial<BuildSchemaOptions> = {},
): Promise<{ resolve: GraphQLFieldResolver<unknown, unknown>; subscribe: GraphQLFieldResolver<unknown, unknown> }> {
  const options = {
    resolvers: [PingResolver],
    // Only `subscribe` functions are used, as in the API.
    pubSub: { publish: () => undefined, subscribe: () => (async function* () {})() },
    validate: true,
    // The API's own validateFn, counted.
    validateFn: async (value, type, data) => {
      validated.push({ ...data.args });
      await validateInput(value, type, data);
    },
    ...extra,
  } satisfies BuildSchemaOptions;
  const schema: GraphQLSchema = await buildSchema(options);
  validateSubscriptionArgumentsOnce(schema, options);
  const field = schema.getSubscriptionType()!.getFields()['pinged']!;
  return { resolve: field.resolve!, subscribe: field.subscribe! };
}

beforeAll(async () => {
  ({ resolve, subscribe } = await build());
});

describe('subscription event arguments, validated once per distinct set', () => {
  it('validates a new set of arguments through type-graphql, then runs the method directly (no promise) for equal ones', async () => {
    const first = resolve(ping('1'), { label: 'a' }, 'context-1', info);
    expect(isPromise(first)).toBe(true);
    expect(await first).toEqual(ping('1'));
    expect(validated).toEqual([{ label: 'a' }]);

    // Equal values (another event, another caller's context): the method, with this run's own root and context.
    const second = resolve(ping('2'), { label: 'a' }, 'context-2', info);
    expect(isPromise(second)).toBe(false);
    expect(second).toEqual(ping('2'));
    expect(calls.at(-1)).toEqual({ root: ping('2'), label: 'a', context: 'context-2' });
    expect(validated).toHaveLength(1);

    // Other values, an absent argument and an explicit null are each a new set, validated first.
    for (const args of [{ label: 'b' }, {}, { label: null }]) {
      const result = resolve(ping('3'), args, 'context-3', info);
      expect(isPromise(result), JSON.stringify(args)).toBe(true);
      await result;
    }
    expect(validated).toEqual([{ label: 'a' }, { label: 'b' }, {}, { label: null }]);
  });

  it('never remembers arguments that fail validation: every run with them is refused again', async () => {
    const before = calls.length;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = resolve(ping('4'), { label: 'bad\u0000text' }, 'context', info);
      expect(isPromise(result)).toBe(true);
      await expect(result).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        options: { fields: [{ field: 'label', message: 'must not contain a NUL character' }] },
      });
    }
    expect(calls.length).toBe(before);
  });

  it("leaves subscribing alone when the schema validates otherwise than with the API's validateInput", async () => {
    const before = { validated: validated.length, streams: streams.length };
    await subscribe(undefined, { label: 'nul\u0000here' }, 'context', info);
    expect(streams.length).toBe(before.streams + 1);
    expect(validated.length).toBe(before.validated);
    const result = resolve(ping('s2'), { label: 'nul\u0000here' }, 'context', info);
    expect(isPromise(result)).toBe(true);
    await expect(result).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('leaves a root that is not an instance of the declared class to type-graphql (which copies it into one)', async () => {
    await resolve(ping('5'), { label: 'c' }, 'context', info);
    const plain = resolve({ id: '6' }, { label: 'c' }, 'context', info);
    expect(isPromise(plain)).toBe(true);
    const result = await plain;
    expect(result).toBeInstanceOf(Ping);
    expect(result).toEqual(ping('6'));
  });
});

describe("arguments checked when the operation subscribes (the schema validates with the API's validateInput)", () => {
  let checked: { resolve: GraphQLFieldResolver<unknown, unknown>; subscribe: GraphQLFieldResolver<unknown, unknown> };
  beforeAll(async () => {
    checked = await build({ validateFn: validateInput });
  });

  it('refuses bad arguments before the stream starts, with the error a query gets (BAD_USER_INPUT naming the field)', async () => {
    const before = streams.length;
    // Thrown now: graphql-js makes it the operation's error (graphql-ws sends it to the client).
    expect(() => checked.subscribe(undefined, { label: 'nul\u0000here' }, 'context', info)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        options: { fields: [{ field: 'label', message: 'must not contain a NUL character' }] },
      }) as Error,
    );
    expect(streams.length).toBe(before);
    // Never remembered: its events (were there any) are still refused.
    await expect(checked.resolve(ping('r1'), { label: 'nul\u0000here' }, 'context', info)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('starts the stream with good arguments, remembered: the first event already runs the method directly', async () => {
    const before = { streams: streams.length, calls: calls.length };
    await checked.subscribe(undefined, { label: 'subscribed' }, 'context-s', info);
    expect(streams.slice(before.streams)).toEqual([{ label: 'subscribed' }]);
    // The method is not run at subscription.
    expect(calls.length).toBe(before.calls);
    const first = checked.resolve(ping('s1'), { label: 'subscribed' }, 'context-s', info);
    expect(isPromise(first)).toBe(false);
    expect(first).toEqual(ping('s1'));
    expect(calls.at(-1)).toEqual({ root: ping('s1'), label: 'subscribed', context: 'context-s' });
  });
});

describe('a schema built with global middlewares', () => {
  it("keeps type-graphql's resolver for every run, so the middlewares run around each event", async () => {
    const middlewareRuns: string[] = [];
    const { resolve: withMiddleware } = await build({
      globalMiddlewares: [
        async ({ info }, next): Promise<unknown> => {
          middlewareRuns.push(info.fieldName);
          return (await next()) as unknown;
        },
      ],
    });
    const runInfo = { fieldName: 'pinged' } as GraphQLResolveInfo;
    for (const id of ['7', '8']) {
      const result = withMiddleware(ping(id), { label: 'm' }, 'context', runInfo);
      expect(isPromise(result)).toBe(true);
      expect(await result).toEqual(ping(id));
    }
    expect(middlewareRuns).toEqual(['pinged', 'pinged']);
  });
});
