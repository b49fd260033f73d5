import type { Context } from '../../server/context.js';

/** Any entity class (abstract ones too), as a key of the guard table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass<T = any> = abstract new (...args: never[]) => T;

/** Where in the query a row is returned. */
export interface RowWhere {
  /** Asked for at the top of a query (`patient(id:)`), not reached through another object or list. */
  readonly topLevel: boolean;
}

/** Checks one row a field is about to return; throws FORBIDDEN when the caller may not see it. */
export type RowCheck<T> = (row: T, ctx: Context, where?: RowWhere) => Promise<void> | void;

/**
 * Checks the rows of one list a field is about to return, all at once; throws FORBIDDEN when the
 * caller may not see one of them. The same rule as the guard's {@link RowCheck}, answered for a
 * list (rows of one patient share one decision).
 */
export type RowsCheck<T> = (rows: readonly T[], ctx: Context, where?: RowWhere) => Promise<void> | void;

/**
 * How the rows of one entity type are protected wherever a field returns them. Every GraphQL
 * object type backed by an entity needs exactly one: the schema build refuses to finish without it
 * (server/access-guard.ts), so an entity added without a decision can never be served unchecked.
 */
export type RowGuard<T = unknown> =
  | {
      readonly kind: 'guarded';
      readonly entity: EntityClass<T>;
      readonly check: RowCheck<T>;
      /** The same rule for a list of rows at once, when the guard has one (see {@link guardRowLists}). */
      readonly rows?: RowsCheck<T> | undefined;
      /** Runs before a field marked `clinical` of this type resolves (a patient's allergies). */
      readonly clinicalField?: RowCheck<T> | undefined;
    }
  | { readonly kind: 'public'; readonly entity: EntityClass<T>; readonly why: string }
  | { readonly kind: 'via-parent'; readonly entity: EntityClass<T>; readonly parent: EntityClass };

/** The row guard of an entity: `check` runs on every row of it that any field returns. */
export function guardRows<T>(
  entity: EntityClass<T>,
  check: RowCheck<T>,
  options: { clinicalField?: RowCheck<T> } = {},
): RowGuard<T> {
  return { kind: 'guarded', entity, check, clinicalField: options.clinicalField };
}

/**
 * The row guard of an entity whose rule is written for a list of rows (`rows`): a list a field
 * returns is checked in one call, a single row as a list of one. One rule, both answers.
 */
export function guardRowLists<T>(
  entity: EntityClass<T>,
  rows: RowsCheck<T>,
  options: { clinicalField?: RowCheck<T> } = {},
): RowGuard<T> {
  return {
    kind: 'guarded',
    entity,
    check: (row, ctx, where) => rows([row], ctx, where),
    rows,
    clinicalField: options.clinicalField,
  };
}

/** A reviewed decision that anyone may see every row of this entity; `why` says why. */
export function publicRows<T>(entity: EntityClass<T>, why: string): RowGuard<T> {
  return { kind: 'public', entity, why };
}

/**
 * A reviewed decision that rows of this entity are reachable only through fields of `parent`,
 * whose own guard has already run on the row they belong to.
 */
export function rowsViaParent<T>(entity: EntityClass<T>, parent: EntityClass): RowGuard<T> {
  return { kind: 'via-parent', entity, parent };
}

/** A guard of any entity, as modules list them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRowGuard = RowGuard<any>;
