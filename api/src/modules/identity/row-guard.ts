import type { Context } from '../../server/context.js';

/** Any entity class (abstract ones too), as a key of the guard table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass<T = any> = abstract new (...args: never[]) => T;

/** Checks one row a field is about to return; throws FORBIDDEN when the caller may not see it. */
export type RowCheck<T> = (row: T, ctx: Context) => Promise<void> | void;

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
