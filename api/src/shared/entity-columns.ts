import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import { mapAt } from './map-at.js';

/**
 * An entity's columns under a table alias, for a hand-written statement that loads it along
 * with other things: `select` lists them (named `<alias>__<column>`), `pick` takes them back out
 * of a result row as `em.map` wants them (by column name).
 */
export function entityColumns<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  alias: string,
): EntityColumns {
  const meta = em.getMetadata().get<T>(entity.name);
  // Made once per entity and alias (the metadata is the ORM's, fixed once it started).
  const byAlias = mapAt(known, meta);
  let made = byAlias.get(alias);
  if (!made) {
    made = columnsOf(meta, alias);
    byAlias.set(alias, made);
  }
  return made;
}

interface EntityColumns {
  readonly select: string;
  readonly pick: (row: Record<string, unknown>) => Record<string, unknown>;
}

const known = new WeakMap<object, Map<string, EntityColumns>>();

function columnsOf(meta: EntityMetadata, alias: string): EntityColumns {
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
  const named = columns.map((column) => [column, `${alias}__${column}`] as const);
  return {
    select: named.map(([column, as]) => `${alias}."${column}" as "${as}"`).join(', '),
    pick: (row) => {
      const picked: Record<string, unknown> = {};
      for (const [column, as] of named) {
        picked[column] = row[as];
      }
      return picked;
    },
  };
}
