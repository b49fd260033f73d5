import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, type EntityClass } from '@mikro-orm/core';

/**
 * An entity's columns under a table alias, for a hand-written statement that loads it along
 * with other things: `select` lists them (named `<alias>__<column>`), `pick` takes them back out
 * of a result row as `em.map` wants them (by column name).
 */
export function entityColumns<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  alias: string,
): { readonly select: string; readonly pick: (row: Record<string, unknown>) => Record<string, unknown> } {
  const meta = em.getMetadata().get<T>(entity.name);
  const columns = meta.props
    .filter(
      (prop) =>
        prop.persist !== false &&
        !prop.formula &&
        (prop.kind === ReferenceKind.SCALAR ||
          prop.kind === ReferenceKind.MANY_TO_ONE ||
          (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
    )
    .flatMap((prop) => prop.fieldNames);
  return {
    select: columns.map((column) => `${alias}."${column}" as "${alias}__${column}"`).join(', '),
    pick: (row) => Object.fromEntries(columns.map((column) => [column, row[`${alias}__${column}`]])),
  };
}
