import {
  getNamedType,
  isLeafType,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { isPromise } from '../shared/maybe-async.js';
import { checkArguments, validateInput } from './input-validation.js';

/** Distinct argument sets remembered as validated, per field; beyond this the memory starts again. */
const REMEMBERED_ARGUMENT_SETS = 10_000;

type Method = (...params: unknown[]) => unknown;
type ParamMetadata = NonNullable<ReturnType<typeof getMetadataStorage>['subscriptions'][number]['params']>[number];

/**
 * A subscription's event resolver (its root field's method) runs once per event and per
 * subscriber, and type-graphql takes every run through its whole argument pipeline: converting
 * each argument and validating it (`validateFn`, asynchronous even when there is nothing to check,
 * so every event's execution becomes a chain of promises). An event's arguments are its
 * operation's: the same for every event and, for one document and variables, for every subscriber.
 *
 * Each subscription root field whose method takes only leaf-typed arguments (scalars, enums, lists
 * of them: type-graphql passes those through unchanged), the root (`@Root`), the context and the
 * info is wrapped here: a set of argument values seen for the first time goes through
 * type-graphql's own resolver, validation included; once that has succeeded, later runs with
 * equal values (validation is a function of the values alone) call the method directly, without a
 * promise. Arguments that fail validation are never remembered: every run with them fails the
 * same way. Any other field, and any run whose root is not of the method's declared `@Root` class,
 * keeps type-graphql's resolver. The access guard and the MFA gate wrap the result (applied
 * after this), so they still run for every execution.
 *
 * When the schema validates with the API's `validateInput`, each argument is checked when the
 * operation subscribes too, before its own `subscribe` starts the stream, by the same check a
 * query's or a mutation's arguments pass (input-validation.ts `checkArguments`): a refusal ends
 * the operation with the same error a query would get (BAD_USER_INPUT, `fields` naming each
 * offending argument), over WebSocket as over HTTP, instead of whatever the stream's own start
 * makes of the value. Arguments that pass are remembered, so the subscription's first event
 * already runs directly like every later one, instead of through a promise.
 *
 * The schema must be built with type-graphql's default container (one instance per resolver
 * class, made without arguments), as buildAppSchema does: the direct call uses such an instance.
 * `built` is the options it was built with: global middlewares would run around every run of
 * every field, so then nothing is wrapped (as plain-fields.ts does).
 */
export function validateSubscriptionArgumentsOnce(schema: GraphQLSchema, built: BuildSchemaOptions): GraphQLSchema {
  if ((built.globalMiddlewares?.length ?? 0) > 0) {
    return schema;
  }
  // type-graphql checks the events' arguments with the API's validation: the same checks run at subscription.
  const checkedAsQueries = built.validateFn === validateInput;
  const root: GraphQLObjectType | null | undefined = schema.getSubscriptionType();
  const metadata = getMetadataStorage().subscriptions;
  for (const field of Object.values(root?.getFields() ?? {})) {
    const declared = metadata.filter((subscription) => subscription.schemaName === field.name);
    const resolve = field.resolve;
    if (declared.length !== 1 || !resolve) {
      continue;
    }
    const [subscription] = declared as [(typeof declared)[number]];
    const target = subscription.target as new () => Record<string, unknown>;
    const params = [...(subscription.params ?? [])].sort((a, b) => a.index - b.index);
    const leafArguments = new Set(
      field.args.filter((arg) => isLeafType(getNamedType(arg.type))).map((arg) => arg.name),
    );
    const direct = (subscription.middlewares?.length ?? 0) === 0 && !subscription.roles && target.length === 0;
    if (!direct || !params.every((param) => isDirectParam(param, leafArguments))) {
      continue;
    }
    const argumentNames = field.args.map((arg) => arg.name);
    // The key when no argument is given (the usual live document), made once.
    const noArguments = JSON.stringify(argumentNames.map(() => 0));
    // An absent argument (0) stays apart from any value given ([value]).
    const keyOf = (args: Record<string, unknown>): string =>
      noneGiven(argumentNames, args)
        ? noArguments
        : JSON.stringify(argumentNames.map((name) => (args[name] === undefined ? 0 : [args[name]])));
    let instance: Record<string, unknown> | undefined;
    const validated = new Set<string>();
    const remember = (key: string) => {
      if (validated.size >= REMEMBERED_ARGUMENT_SETS) {
        validated.clear();
      }
      validated.add(key);
    };
    const wrapped: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (source, args, context, info) => {
      const key = keyOf(args);
      if (validated.has(key)) {
        const values = directValues(params, source, args, context, info);
        if (values) {
          instance ??= new target();
          return (instance[subscription.methodName] as Method).apply(instance, values);
        }
      }
      const result: unknown = resolve(source, args, context, info);
      if (isPromise(result)) {
        return result.then((value) => {
          remember(key);
          return value;
        });
      }
      remember(key);
      return result;
    };
    field.resolve = wrapped;
    const subscribe = field.subscribe;
    if (subscribe && checkedAsQueries) {
      const checkedNames = params.flatMap((param) => (param.kind === 'arg' ? [param.name] : []));
      const everyOne = checkedNames.map((_name, index) => index);
      field.subscribe = (source: unknown, args: Record<string, unknown>, context: object, info: GraphQLResolveInfo) => {
        const key = keyOf(args);
        if (validated.has(key)) {
          return subscribe(source, args, context, info);
        }
        // Each argument checked as a query's or a mutation's is (checkArguments: what type-graphql
        // calls on each, leaf values passing unconverted), before the stream starts: a refusal is
        // the operation's error, BAD_USER_INPUT naming the offending fields.
        const start = () => {
          remember(key);
          return subscribe(source, args, context, info);
        };
        const checked = checkArguments(
          checkedNames.map((name) => args[name]),
          everyOne,
          args,
        );
        return checked ? checked.then(start) : start();
      };
    }
  }
  return schema;
}

function noneGiven(names: readonly string[], args: Record<string, unknown>): boolean {
  for (let index = 0; index < names.length; index += 1) {
    if (args[names[index]!] !== undefined) {
      return false;
    }
  }
  return true;
}

function isDirectParam(param: ParamMetadata, leafArguments: ReadonlySet<string>): boolean {
  switch (param.kind) {
    case 'root':
    case 'info':
      return true;
    case 'context':
      return param.propertyName === undefined;
    case 'arg':
      return leafArguments.has(param.name) && !param.validateFn && param.validateSettings === undefined;
    case 'args':
    case 'custom':
    case 'pubSub':
      return false;
  }
}

/** The method's parameters as type-graphql would pass them, or undefined when only it can tell. */
function directValues(
  params: readonly ParamMetadata[],
  source: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: unknown,
): unknown[] | undefined {
  const values: unknown[] = [];
  for (let index = 0; index < params.length; index += 1) {
    const param = params[index]!;
    switch (param.kind) {
      case 'root': {
        const value = param.propertyName ? (source as Record<string, unknown>)[param.propertyName] : source;
        const type = param.getType?.();
        // type-graphql would copy a root that is not an instance of the declared class into one.
        if (typeof type === 'function' && value !== null && value !== undefined && !(value instanceof type)) {
          return undefined;
        }
        values.push(value);
        break;
      }
      case 'arg':
        values.push(args[param.name]);
        break;
      case 'context':
        values.push(context);
        break;
      case 'info':
        values.push(info);
        break;
      case 'args':
      case 'custom':
      case 'pubSub':
        return undefined;
    }
  }
  return values;
}
