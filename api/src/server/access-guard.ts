import { MetadataStorage } from '@mikro-orm/core';
import {
  defaultFieldResolver,
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { AnyRowGuard, RowCheck, RowWhere } from '../modules/identity/row-guard.js';
import { allChecked, isPromise, type MaybePromise } from '../shared/maybe-async.js';
import type { Context } from './context.js';

/** A class, as type-graphql and MikroORM record it. */
type Class = object & { readonly name: string };

/** A class the ORM maps (an entity or an embeddable): its decorators leave this mark on it. */
function isOrmMapped(target: Class): boolean {
  return MetadataStorage.PATH_SYMBOL in target;
}

/** The guards, looked up by a row's class (walking up to a guarded base class). */
class GuardTable {
  private readonly byEntity = new Map<Class, AnyRowGuard>();
  /** Each class looked up so far (a subclass included), with its guard or null. */
  private readonly byClass = new Map<Class, AnyRowGuard | null>();
  /** What {@link rowChecksOf} hands out: made once, so asking costs nothing. */
  readonly checks = {
    check: (row: object): RowCheck<object> | undefined => this.check(row),
    clinicalField: (row: object): RowCheck<object> | undefined => this.clinicalField(row),
    checked: (entity: Class): boolean => this.of(entity)?.kind === 'guarded',
    checkRows: (rows: readonly object[], context: Context, where: RowWhere): MaybePromise<void> =>
      this.checkRows(rows, context, where),
    clinicalRows: (rows: readonly object[], context: Context): MaybePromise<void> => this.clinicalRows(rows, context),
  };

  constructor(guards: readonly AnyRowGuard[]) {
    for (const guard of guards) {
      if (this.byEntity.has(guard.entity)) {
        throw new Error(
          `Two row guards are registered for ${guard.entity.name}; keep one, in its module's policy file.`,
        );
      }
      this.byEntity.set(guard.entity, guard);
    }
  }

  of(target: Class | null | undefined): AnyRowGuard | undefined {
    if (!target) {
      return undefined;
    }
    let guard = this.byClass.get(target);
    if (guard === undefined) {
      guard = this.walk(target) ?? null;
      this.byClass.set(target, guard);
    }
    return guard ?? undefined;
  }

  private walk(target: Class): AnyRowGuard | undefined {
    for (
      let current: Class | null = target;
      current && current !== Function.prototype;
      current = Object.getPrototypeOf(current) as Class | null
    ) {
      const guard = this.byEntity.get(current);
      if (guard) {
        return guard;
      }
    }
    return undefined;
  }

  check(value: object): RowCheck<object> | undefined {
    const guard = this.of(value.constructor);
    return guard?.kind === 'guarded' ? guard.check : undefined;
  }

  /**
   * Every row of a list (non-objects skipped), as its guards decide: a run of rows of one entity
   * whose guard answers for a list (`rows`) in one call, others row by row. Synchronous when every
   * decision is already known.
   */
  checkRows(rows: readonly unknown[], context: Context, where: RowWhere): MaybePromise<void> {
    return allChecked((wait) => {
      for (let start = 0; start < rows.length;) {
        const first = rows[start];
        if (first === null || typeof first !== 'object' || Array.isArray(first)) {
          if (Array.isArray(first)) {
            wait(this.checkRows(first as unknown[], context, where)); // a list of lists
          }
          start += 1;
          continue;
        }
        const kind = first.constructor;
        let end = start + 1;
        while (end < rows.length && (rows[end] as object | null | undefined)?.constructor === kind) {
          end += 1;
        }
        const guard = this.of(kind);
        if (guard?.kind === 'guarded') {
          if (guard.rows) {
            wait(guard.rows(start === 0 && end === rows.length ? rows : rows.slice(start, end), context, where));
          } else {
            for (let index = start; index < end; index += 1) {
              wait(guard.check(rows[index], context, where));
            }
          }
        }
        start = end;
      }
    });
  }

  /** The clinical check of every row of a list, before their clinical fields are read; synchronous when each is. */
  clinicalRows(rows: readonly object[], context: Context): MaybePromise<void> {
    return allChecked((add) => {
      for (const row of rows) {
        add(this.clinicalField(row)?.(row, context));
      }
    });
  }

  clinicalField(value: unknown): RowCheck<object> | undefined {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    const guard = this.of(value.constructor);
    return guard?.kind === 'guarded' ? guard.clinicalField : undefined;
  }
}

const guardTables = new WeakMap<GraphQLSchema, GuardTable>();

/**
 * The row checks the access guard puts on `schema`'s fields, for a path that returns rows without
 * resolving each field (server/json-read.ts): `check` for every row a field returns, `clinicalField`
 * before a clinical field of a row is read. Undefined when the schema has no access guard.
 */
export function rowChecksOf(schema: GraphQLSchema):
  | {
      readonly check: (row: object) => RowCheck<object> | undefined;
      readonly clinicalField: (row: object) => RowCheck<object> | undefined;
      /** Whether rows of `entity` are checked at all (a `guardRows` guard), known before any row is read. */
      readonly checked: (entity: Class) => boolean;
      /** `check` of every row of a list, answered for the list where the guard can (one decision per patient). */
      readonly checkRows: (rows: readonly object[], context: Context, where: RowWhere) => MaybePromise<void>;
      /** `clinicalField` of every row of a list. */
      readonly clinicalRows: (rows: readonly object[], context: Context) => MaybePromise<void>;
    }
  | undefined {
  return guardTables.get(schema)?.checks;
}

/**
 * Fails closed: every GraphQL object type backed by an ORM-mapped class must have a row guard,
 * or a reviewed marker (`publicRows`, `rowsViaParent` whose parent is itself covered), or the
 * schema build stops here, naming the type, and the server does not start.
 */
function assertEveryEntityTypeGuarded(schema: GraphQLSchema, table: GuardTable): void {
  const classOf = new Map<string, Class>(
    getMetadataStorage().objectTypes.map((objectType) => [objectType.name, objectType.target]),
  );
  const unguarded: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    const target = classOf.get(type.name);
    if (!isObjectType(type) || !target || !isOrmMapped(target)) {
      continue;
    }
    const guard = table.of(target);
    const clinical = Object.values(type.getFields()).some((field) => field.extensions['clinical'] === true);
    if (!guard) {
      unguarded.push(`${type.name} (entity ${target.name})`);
    } else if (guard.kind === 'via-parent' && !table.of(guard.parent)) {
      unguarded.push(`${type.name} (its parent ${guard.parent.name} has no guard)`);
    } else if (clinical && (guard.kind !== 'guarded' || !guard.clinicalField)) {
      unguarded.push(`${type.name} (it has clinical fields but no clinicalField check)`);
    }
  }
  if (unguarded.length > 0) {
    throw new Error(
      `Refusing to build the schema: no row guard for ${unguarded.join(', ')}. Register one in the ` +
        `module's <module>.policy.ts with guardRows(), or mark the type publicRows()/rowsViaParent() ` +
        `after review, and list the module's guards in server/schema.ts.`,
    );
  }
}

/**
 * Checks one value a field produced; throws FORBIDDEN when the actor may not see it. Synchronous
 * when every check is (a decision already known): no promise per row then.
 */
function guardValue(table: GuardTable, context: Context, value: object, where: RowWhere): Promise<void> | void {
  return Array.isArray(value)
    ? table.checkRows(value as unknown[], context, where)
    : table.check(value)?.(value, context, where);
}

/** A field's result once its rows pass their guards (FORBIDDEN otherwise). */
function checkResult(table: GuardTable, context: Context, where: RowWhere, result: unknown): unknown {
  if (result === null || typeof result !== 'object') {
    return result;
  }
  const checked = guardValue(table, context, result, where);
  return isPromise(checked) ? checked.then(() => result) : result;
}

/**
 * Puts the guard on every field that can return an object or is marked clinical, whatever type
 * it belongs to, so every path through the graph is checked: a field marked clinical is checked
 * against its object, and every row a field returns is checked by its entity's guard (each
 * module registers its own in `<module>.policy.ts`), which also notes chart reads for the audit
 * trail. Fields of scalars and enums are left alone: they cannot lead anywhere.
 */
export function applyAccessGuard(schema: GraphQLSchema, guards: readonly AnyRowGuard[]): GraphQLSchema {
  const table = new GuardTable(guards);
  guardTables.set(schema, table);
  assertEveryEntityTypeGuarded(schema, table);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const clinical = field.extensions['clinical'] === true;
      if (!clinical && isLeafType(getNamedType(field.type))) {
        continue;
      }
      const resolve = field.resolve ?? defaultFieldResolver;
      // Where this field's rows are read: at the top of a query, or through another object.
      const where: RowWhere = { topLevel: type === schema.getQueryType() };
      // Stays synchronous while the checks and the resolver are: a promise only where one is due,
      // and no closure per call on that path (a live event runs this once per subscriber).
      const run = (root: unknown, args: Record<string, unknown>, context: Context, info: GraphQLResolveInfo) => {
        const result: unknown = resolve(root, args, context, info);
        return isPromise(result)
          ? result.then((value) => checkResult(table, context, where, value))
          : checkResult(table, context, where, result);
      };
      field.resolve = (root: unknown, args: Record<string, unknown>, context: Context, info: GraphQLResolveInfo) => {
        const before = clinical ? table.clinicalField(root)?.(root as object, context) : undefined;
        return isPromise(before) ? before.then(() => run(root, args, context, info)) : run(root, args, context, info);
      };
    }
  }
  return schema;
}
