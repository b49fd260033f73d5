import {
  getNamedType,
  GraphQLScalarType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions, type ContainerType } from 'type-graphql';
import { isPromise } from '../shared/maybe-async.js';
import { checkArguments, validateInput } from './input-validation.js';

type Storage = ReturnType<typeof getMetadataStorage>;
type Handler = Storage['queries'][number] | Storage['fieldResolvers'][number];
type ParamMetadata = NonNullable<Handler['params']>[number];
type Method = (...params: unknown[]) => unknown;
type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/** The classes type-graphql hands a leaf value through unchanged (its `convertToType`'s simple types). */
const SIMPLE_TYPES: readonly unknown[] = [String, Boolean, Number, Date, Array, Promise];

/** type-graphql's own resolver of each field this pass replaced (tests compare the two). */
const typeGraphqlResolvers = new WeakMap<object, Resolver>();

/** type-graphql's resolver of a field {@link callResolversDirectly} replaced; undefined for any other field. */
export function typeGraphqlResolverOf(field: object): Resolver | undefined {
  return typeGraphqlResolvers.get(field);
}

/** A parameter's value from the field's resolver arguments, or {@link FALL_BACK} where only type-graphql can make it. */
type ParamValue = (root: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) => unknown;
const FALL_BACK = Symbol('type-graphql makes this parameter');

/**
 * type-graphql runs every call of a resolver method (a query, a mutation, a field resolver such as
 * the chart's lists) through its generic pipeline: the parameters sorted and mapped afresh, each
 * argument converted and validated by an asynchronous step (a promise even when nothing is
 * checked), `Promise.all` of them, then the method — several promises and allocations per call, on
 * each of the five calls the patient's chart makes (server/json-read.ts) and on every such field
 * of the general path.
 *
 * Here each field whose method takes nothing type-graphql transforms beyond copying — the root
 * (`@Root`, as long as it is an instance of the declared class), the context, the info, arguments
 * of scalars and enums and lists of them (`@Arg`), and `@Args` classes of such fields (the page
 * arguments) — gets a resolver that makes the same parameters (a list argument copied, an `@Args`
 * class instance made as type-graphql makes it), checks each argument with the same validation
 * type-graphql would call (input-validation.ts `checkInput`, the core of the `validateFn`; it
 * answers now when class-validator has nothing to check), and calls the method on the container's
 * instance: without a promise unless a check or the method makes one. A refusal is the same error
 * (thrown now rather than as a rejected promise: graphql-js, graphql-jit and the JSON path treat
 * both alike). Everything else — middlewares, roles, a custom or pub/sub parameter, an input-type
 * argument, a root of another class, a container that answers with a promise — keeps type-graphql's
 * resolver, for the field or for that call.
 *
 * Runs right after the build, under everything else: the plain fields' unwrapping, the access
 * guard, the MFA gate and the JSON path's hand-over wrap these resolvers as they wrapped
 * type-graphql's, so every rule still runs around every call. `built` is the options the schema
 * was built with: with global middlewares, an auth checker or a validation other than
 * `validateInput`, nothing is replaced.
 */
export function callResolversDirectly(schema: GraphQLSchema, built: BuildSchemaOptions): GraphQLSchema {
  const container = built.container;
  if (
    (built.globalMiddlewares?.length ?? 0) > 0 ||
    built.authChecker !== undefined ||
    built.validateFn !== validateInput ||
    typeof container !== 'object' ||
    container === null
  ) {
    return schema;
  }
  const storage = getMetadataStorage();
  const included = new Set<unknown>(built.resolvers as readonly unknown[]);
  const classOf = new Map<string, unknown>(storage.objectTypes.map((type) => [type.name, type.target]));
  const enums = new Set<unknown>(storage.enums.map((item) => item.enumObj));

  const roots: [GraphQLObjectType | null | undefined, readonly Handler[]][] = [
    [schema.getQueryType(), storage.queries],
    [schema.getMutationType(), storage.mutations],
  ];
  for (const [root, handlers] of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const declared = handlers.filter((handler) => handler.schemaName === field.name && included.has(handler.target));
      replace(field, declared, container, enums);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    const target = classOf.get(type.name);
    if (!isObjectType(type) || type === schema.getQueryType() || type === schema.getMutationType() || !target) {
      continue;
    }
    const classes = new Set<unknown>();
    for (let at: unknown = target; typeof at === 'function' && at !== Function.prototype;) {
      classes.add(at);
      at = Object.getPrototypeOf(at) as unknown;
    }
    for (const field of Object.values(type.getFields())) {
      const declared = storage.fieldResolvers.filter(
        (resolver) =>
          resolver.schemaName === field.name &&
          resolver.kind === 'external' &&
          included.has(resolver.target) &&
          classes.has(resolver.getObjectType?.()),
      );
      replace(field, declared, container, enums);
    }
  }
  return schema;
}

/** type-graphql's handler resolver (`createHandlerResolver`): the one this replaces. */
const HANDLER_RESOLVER = 'resolverMetadata.methodName';

function replace(
  field: GraphQLField<unknown, unknown>,
  declared: readonly Handler[],
  container: ContainerType,
  enums: ReadonlySet<unknown>,
): void {
  const original = field.resolve;
  if (declared.length !== 1 || !original || !String(original).includes(HANDLER_RESOLVER)) {
    return;
  }
  const [handler] = declared as [Handler];
  if (handler.roles !== undefined || (handler.middlewares?.length ?? 0) > 0) {
    return;
  }
  const leafArguments = new Set(field.args.filter((arg) => isLeafType(getNamedType(arg.type))).map((arg) => arg.name));
  const params = [...(handler.params ?? [])].sort((a, b) => a.index - b.index);
  const values: ParamValue[] = [];
  for (const param of params) {
    const value = paramValue(param, leafArguments, enums);
    if (!value) {
      return;
    }
    values.push(value);
  }
  /** The arguments type-graphql validates: each `@Arg` and `@Args` parameter, in order. */
  const validated = params
    .map((param, index) => (param.kind === 'arg' || param.kind === 'args' ? index : -1))
    .filter((index) => index >= 0);
  const target = handler.target;
  const methodName = handler.methodName;
  const resolve: Resolver = (root, args, context, info) => {
    const instance: unknown = container.get(target, { root, args, context: context as object, info });
    if (isPromise(instance)) {
      return original(root, args, context, info);
    }
    const made: unknown[] = new Array(values.length);
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index]!(root, args, context, info);
      if (value === FALL_BACK) {
        return original(root, args, context, info);
      }
      made[index] = value;
    }
    const call = () => ((instance as Record<string, Method>)[methodName] as Method).apply(instance, made);
    if (validated.length === 0) {
      return call();
    }
    // As type-graphql checks them: every argument's check started, the method once all passed.
    const checked = checkArguments(made, validated, args);
    return checked ? checked.then(call) : call();
  };
  typeGraphqlResolvers.set(field, original);
  field.resolve = resolve;
}

/**
 * How a parameter's value is made from the resolver's arguments, as type-graphql's `getParams`
 * makes it; undefined when this pass leaves the field to type-graphql.
 */
function paramValue(
  param: ParamMetadata,
  leafArguments: ReadonlySet<string>,
  enums: ReadonlySet<unknown>,
): ParamValue | undefined {
  switch (param.kind) {
    case 'info':
      return (_root, _args, _context, info) => info;
    case 'context': {
      const property = param.propertyName;
      return property === undefined
        ? (_root, _args, context) => context
        : (_root, _args, context) => (context as Record<string, unknown>)[property];
    }
    case 'root': {
      const property = param.propertyName;
      const type = param.getType?.();
      return (root) => {
        const value = property === undefined ? root : (root as Record<string, unknown>)[property];
        // type-graphql would copy a root that is not an instance of the declared class into one.
        return typeof type === 'function' &&
          value !== null &&
          value !== undefined &&
          !SIMPLE_TYPES.includes(value.constructor) &&
          !(value instanceof type)
          ? FALL_BACK
          : value;
      };
    }
    case 'arg': {
      if (!checkedAsAlways(param)) {
        return undefined;
      }
      const name = param.name;
      if (leafArguments.has(name) && passedThrough(param.getType(), enums)) {
        return (_root, args) => leafCopy(args[name]);
      }
      // An input class (the doctor's week's filter) stays with type-graphql for now. Called directly
      // (commit 035e317 removed it), the week measured 3.8-3.9 vs 3.3-3.4 ms API CPU per request,
      // but with that build in the compare bench's `api` slot, which an A/A run (one build in both
      // slots, week, 2x2000 requests) measured 12-14% dearer by itself (6.82/6.29 vs 5.99/5.46 ms).
      // With the slots swapped (direct calls in the `baseline` slot) they measured 5.55/4.52 vs
      // 6.38/4.82 ms: the same slot gap, so neither dearer nor measurably cheaper; not worth the code.
      return undefined;
    }
    case 'args':
      return argsClassValue(param, leafArguments, enums);
    case 'custom':
    case 'pubSub':
      return undefined;
  }
}

/** No validation of its own for the argument: type-graphql calls the schema's `validateFn`. */
const checkedAsAlways = (param: { validateFn?: unknown; validateSettings?: unknown }) =>
  param.validateFn === undefined && param.validateSettings === undefined;

/**
 * A type whose values type-graphql's conversion hands through unchanged (a list of them as a copy
 * of the list): a scalar, an enum, or a class it keeps values of as they are (strings, numbers,
 * booleans, dates).
 */
function passedThrough(type: unknown, enums: ReadonlySet<unknown>): boolean {
  return type instanceof GraphQLScalarType || enums.has(type) || SIMPLE_TYPES.includes(type);
}

/** A leaf argument's value as type-graphql converts it: the value itself; a list copied (each level). */
function leafCopy(value: unknown): unknown {
  return Array.isArray(value) ? value.map(leafCopy) : value;
}

/**
 * An `@Args` class of fields of passed-through types: its instance made as type-graphql's
 * `convertArgsToInstance` makes it (the class's fields and its base classes', those given, copied
 * onto a new instance whose own undefined properties not given are deleted).
 */
function argsClassValue(
  param: Extract<ParamMetadata, { kind: 'args' }>,
  leafArguments: ReadonlySet<string>,
  enums: ReadonlySet<unknown>,
): ParamValue | undefined {
  const ArgsClass = param.getType() as new () => Record<string, unknown>;
  const fields = classFields(getMetadataStorage().argumentTypes, ArgsClass);
  if (
    !fields ||
    !checkedAsAlways(param) ||
    !fields.every((field) => leafArguments.has(field.name) && passedThrough(field.getType(), enums))
  ) {
    return undefined;
  }
  const names = fields.map((field) => field.name);
  return (_root, args) => {
    const given: Record<string, unknown> = {};
    for (const name of names) {
      const value = args[name];
      if (value !== undefined) {
        given[name] = leafCopy(value);
      }
    }
    return instanceWith(ArgsClass, given);
  };
}

type ClassRecord = Storage['argumentTypes'][number];

/**
 * The fields type-graphql records for `target` (an `@ArgsType` class among `records`) and its base
 * classes', the class's own first, as `convertArgsToInstance` lists them; undefined when `target`
 * is not such a class.
 */
function classFields(records: readonly ClassRecord[], target: unknown): NonNullable<ClassRecord['fields']> | undefined {
  const own = records.find((record) => record.target === target);
  if (typeof target !== 'function' || !own) {
    return undefined;
  }
  let fields = [...(own.fields ?? [])];
  for (
    let superClass: unknown = Object.getPrototypeOf(target);
    (superClass as { prototype?: unknown }).prototype !== undefined;
    superClass = Object.getPrototypeOf(superClass)
  ) {
    const inherited = records.find((record) => record.target === superClass)?.fields ?? [];
    fields = [...fields, ...inherited];
  }
  return fields;
}

/**
 * A new instance of `Class` holding `given`, as type-graphql's `convertToType` makes one: its own
 * properties left undefined by the constructor and not given are deleted, then `given` assigned.
 */
function instanceWith(Class: new () => Record<string, unknown>, given: Record<string, unknown>): object {
  const instance = new Class();
  for (const key of Object.keys(instance)) {
    if (instance[key] === undefined && !(key in given)) {
      delete instance[key];
    }
  }
  return Object.assign(instance, given);
}
