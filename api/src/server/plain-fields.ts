import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

/** What type-graphql records of a `@Field` (the parts this pass reads). */
interface FieldRecord {
  readonly target: unknown;
  readonly name: string;
  readonly schemaName: string;
  readonly roles?: readonly unknown[] | undefined;
  readonly middlewares?: readonly unknown[] | undefined;
}

/** The fields that read a property of their object and nothing else, with the property (see {@link unwrapPlainFields}). */
const plainProperties = new WeakMap<object, string>();

/** The property a field only reads (unwrapped by {@link unwrapPlainFields}); undefined for any other field. */
export function plainPropertyOf(field: object): string | undefined {
  return plainProperties.get(field);
}

/** type-graphql's own resolver of a plain `@Field` property: `root[fieldMetadata.name]` through its middleware chain. */
const BASIC_RESOLVER = 'root[fieldMetadata.name]';

/**
 * type-graphql gives every plain `@Field` property a resolver of its own that makes a resolver-data
 * object and a closure and runs an (empty) middleware chain, only to read `root[name]` — once per
 * field per row. Where nothing runs around the read (no middleware, no roles, no field resolver
 * anywhere the field is declared), this puts a plain read of the same property in its place: the
 * same value (a promise a getter returns is awaited by the executor, a function is not called,
 * exactly as before), without the allocations. It stays a resolver, never GraphQL's default:
 * graphql-jit compiles a field without one as a synchronous read that would not await a promise.
 *
 * Runs before the access guard and the MFA gate wrap the fields that need them (schema.ts), with
 * the options the schema was built with: global middlewares would run around every field, so then
 * nothing is unwrapped.
 */
export function unwrapPlainFields(schema: GraphQLSchema, built: BuildSchemaOptions): GraphQLSchema {
  if ((built.globalMiddlewares?.length ?? 0) > 0) {
    return schema;
  }
  const storage = getMetadataStorage();
  const fields = storage.fields as readonly FieldRecord[];
  const classOf = new Map<string, unknown>(storage.objectTypes.map((type) => [type.name, type.target]));
  const interfacesOf = new Map<unknown, readonly unknown[]>(
    [...storage.objectTypes, ...storage.interfaceTypes].map((type) => [type.target, type.interfaceClasses ?? []]),
  );
  const hasFieldResolver = (field: FieldRecord) =>
    storage.fieldResolvers.some((resolver) => {
      if (resolver.methodName !== field.name) {
        return false;
      }
      try {
        return resolver.getObjectType?.() === field.target;
      } catch {
        return true;
      }
    });
  /** The class, its base classes and every interface they implement: where its fields may be declared. */
  const declaringClasses = (target: unknown): Set<unknown> => {
    const found = new Set<unknown>();
    const visit = (current: unknown) => {
      for (let at = current; typeof at === 'function' && at !== Function.prototype; at = Object.getPrototypeOf(at)) {
        if (found.has(at)) {
          return;
        }
        found.add(at);
        (interfacesOf.get(at) ?? []).forEach(visit);
      }
    };
    visit(target);
    return found;
  };

  for (const type of Object.values(schema.getTypeMap())) {
    const target = classOf.get(type.name);
    if (!isObjectType(type) || type.name.startsWith('__') || target === undefined) {
      continue;
    }
    const classes = declaringClasses(target);
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || !String(field.resolve).includes(BASIC_RESOLVER)) {
        continue;
      }
      const declared = fields.filter((record) => record.schemaName === field.name && classes.has(record.target));
      const property = declared[0]?.name;
      const plain =
        property !== undefined &&
        declared.every(
          (record) =>
            record.name === property &&
            !record.roles &&
            (record.middlewares?.length ?? 0) === 0 &&
            !hasFieldResolver(record),
        );
      if (!plain) {
        continue;
      }
      field.resolve = (root: Record<string, unknown>) => root[property];
      plainProperties.set(field, property);
    }
  }
  return schema;
}
