import { ReferenceKind, type EntityMetadata, type EntityName, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows that are only read and serialised (a doctor's week, a chart's lists) need no unit of work:
 * no identity map, no change tracking, no hydration. A read row is an object whose prototype
 * chain holds its entity's prototype — so `instanceof`, type-graphql's object types and field
 * resolvers (`@Root()`), methods and getters of the entity (`Prescription.status()`) and the row
 * guard of the entity (looked up by the row's class) all see it as the entity it is — with the
 * mapped columns as own data properties. It is never managed: changing one changes nothing in
 * the database. Mutations load their own, managed entities.
 */

/** A to-one relation of a read row: the related id, and the related row itself when it came with it. */
export class ReadRef<T extends object> {
  private loading: Promise<T> | undefined;

  constructor(
    readonly id: string,
    private readonly em: EntityManager,
    private readonly entity: EntityName<T>,
    private readonly row?: T,
  ) {}

  /** Whether the related row came in the same statement (then {@link getEntity} returns it). */
  isInitialized(): boolean {
    return this.row !== undefined;
  }

  getEntity(): T {
    if (this.row === undefined) {
      throw new Error(`Reference to ${String(this.id)} is not loaded`);
    }
    return this.row;
  }

  /** The related row: the one already read, or the entity, loaded through the ORM's per-request batching. */
  loadOrFail(): Promise<T> {
    if (this.row !== undefined) {
      return Promise.resolve(this.row);
    }
    return (this.loading ??= this.em
      .getReference(this.entity, this.id as never, { wrapped: true })
      .loadOrFail() as Promise<T>);
  }

  load(): Promise<T> {
    return this.loadOrFail();
  }
}

/** A relation's value, whichever way its row was read: synchronous when it is already there. */
export function related<T extends object>(ref: {
  isInitialized(): boolean;
  getEntity(): T;
  loadOrFail(): Promise<T>;
}): T | Promise<T> {
  return ref.isInitialized() ? ref.getEntity() : ref.loadOrFail();
}

interface Column {
  readonly property: string;
  readonly field: string;
  readonly convert: ((value: unknown) => unknown) | undefined;
  /** For a to-one relation: the related entity's class name. */
  readonly target: string | undefined;
}

/** How rows of one entity are read: its columns, and the prototype read rows share. */
export interface RowReader<T> {
  readonly meta: EntityMetadata<T>;
  readonly columns: readonly Column[];
  readonly prototype: object;
}

const readers = new WeakMap<EntityMetadata, RowReader<unknown>>();

function columnOf(em: EntityManager, prop: EntityProperty): Column | undefined {
  if (prop.persist === false || prop.formula || (prop.fieldNames?.length ?? 0) !== 1) {
    return undefined;
  }
  const field = prop.fieldNames[0]!;
  if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
    return { property: prop.name, field, convert: undefined, target: prop.type };
  }
  if (prop.kind !== ReferenceKind.SCALAR) {
    return undefined;
  }
  const platform = em.getPlatform();
  if (prop.runtimeType === 'Date') {
    return {
      property: prop.name,
      field,
      convert: (value) => (typeof value === 'string' || typeof value === 'number' ? platform.parseDate(value) : value),
      target: undefined,
    };
  }
  const type = prop.customType;
  return {
    property: prop.name,
    field,
    convert: type ? (value): unknown => type.convertToJSValue(value, platform) as unknown : undefined,
    target: undefined,
  };
}

/** The reader of `entity`'s rows, built once from the ORM's metadata. */
export function rowReader<T extends object>(em: EntityManager, entity: EntityName<T>): RowReader<T> {
  const meta = em.getMetadata().get<T>(entity as never);
  let reader = readers.get(meta as EntityMetadata) as RowReader<T> | undefined;
  if (!reader) {
    const unsupported = meta.props.filter(
      (prop) => prop.kind === ReferenceKind.EMBEDDED && prop.persist !== false && !prop.object,
    );
    if (unsupported.length > 0) {
      throw new Error(`${meta.className} has embedded properties; read rows do not map them`);
    }
    const columns = meta.props.map((prop) => columnOf(em, prop)).filter((column) => column !== undefined);
    // Own writable slots on an intermediate prototype shadow the ORM's tracking setters on the
    // entity's prototype: assigning a read row's value creates a plain own property.
    const slots: PropertyDescriptorMap = {};
    for (const column of columns) {
      slots[column.property] = { value: undefined, writable: true, enumerable: false, configurable: true };
    }
    reader = { meta, columns, prototype: Object.create(meta.prototype, slots) as object };
    readers.set(meta as EntityMetadata, reader as RowReader<unknown>);
  }
  return reader;
}

/**
 * One read row of `entity` from a database row keyed by column names (as `pg` returns it, or as
 * `row_to_json` builds it). `related` supplies rows of to-one relations read in the same
 * statement, by property name.
 */
export function readRow<T extends object>(
  em: EntityManager,
  reader: RowReader<T>,
  raw: Record<string, unknown>,
  related?: Readonly<Record<string, object | undefined>>,
): T {
  const row = Object.create(reader.prototype) as Record<string, unknown>;
  for (const column of reader.columns) {
    const value = raw[column.field];
    if (column.target !== undefined) {
      row[column.property] =
        value === null || value === undefined
          ? undefined
          : new ReadRef(value as string, em, column.target, related?.[column.property]);
    } else {
      row[column.property] = value === null || value === undefined || !column.convert ? value : column.convert(value);
    }
  }
  return row as T;
}
