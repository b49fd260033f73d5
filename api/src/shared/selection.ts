import {
  getArgumentValues,
  type GraphQLField,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { jsonChildOf, type JsonRows } from './json-select.js';
import { mapAt } from './map-at.js';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

function reaches(set: SelectionSetNode | undefined, rest: readonly string[], fragments: Fragments): boolean {
  if (!set) {
    return false;
  }
  if (rest.length === 0) {
    return true;
  }
  return set.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return (
          selection.name.value === rest[0] &&
          (rest.length === 1 || reaches(selection.selectionSet, rest.slice(1), fragments))
        );
      case Kind.INLINE_FRAGMENT:
        return reaches(selection.selectionSet, rest, fragments);
      case Kind.FRAGMENT_SPREAD:
        return reaches(fragments[selection.name.value]?.selectionSet, rest, fragments);
    }
  });
}

/**
 * What a field node's selection reaches and holds, by path: worked out once per node and path.
 * A node belongs to one parsed document (with its fragments), which the requests that send the
 * same text share; so the chart's prefetch and the resolver it prefetches for, and every later
 * request with that document, ask the same question of the same node and get the remembered answer.
 */
const reachedBy = new WeakMap<FieldNode, Map<string, boolean>>();
const fieldsBy = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

function remembered<T>(
  table: WeakMap<FieldNode, Map<string, T>>,
  node: FieldNode,
  path: readonly string[],
  work: () => T,
): T {
  let known = table.get(node);
  if (!known) {
    known = new Map();
    table.set(node, known);
  }
  const key = path.join('.');
  let answer = known.get(key);
  if (answer === undefined) {
    answer = work();
    known.set(key, answer);
  }
  return answer;
}

function selectsIn(nodes: readonly FieldNode[], path: readonly string[], fragments: Fragments): boolean {
  return nodes.some((node) => remembered(reachedBy, node, path, () => reaches(node.selectionSet, path, fragments)));
}

function fieldsIn(nodes: readonly FieldNode[], path: readonly string[], fragments: Fragments): ReadonlySet<string> {
  const ofNode = (node: FieldNode) =>
    remembered(fieldsBy, node, path, () => {
      const names = new Set<string>();
      collectFields(node.selectionSet, path, fragments, names);
      return names;
    });
  if (nodes.length === 1) {
    return ofNode(nodes[0]!);
  }
  return new Set(nodes.flatMap((node) => [...ofNode(node)]));
}

/**
 * Whether the client's selection reaches `path` below the current field (fragments followed),
 * so a resolver can load what will be asked for in the same statement.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return selectsIn(info.fieldNodes, path, info.fragments);
}

/**
 * The names of the fields the client's selection has at `path` below the current field (fragments
 * followed), e.g. a week's `['edges', 'node', 'patient']`: what a joined row must carry. The same
 * set for the same field node and path (do not change it).
 */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  return fieldsIn(info.fieldNodes, path, info.fragments);
}

function collectFields(
  set: SelectionSetNode | undefined,
  rest: readonly string[],
  fragments: Fragments,
  names: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (rest.length === 0) {
        names.add(selection.name.value);
      } else if (selection.name.value === rest[0]) {
        collectFields(selection.selectionSet, rest.slice(1), fragments, names);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, rest, fragments, names);
    } else {
      collectFields(fragments[selection.name.value]?.selectionSet, rest, fragments, names);
    }
  }
}

type Arguments = Readonly<Record<string, unknown>>;

/** Argument values of field nodes that hold no variable, by node and field (null: the node holds one). */
const literalArguments = new WeakMap<FieldNode, Map<GraphQLField<unknown, unknown>, Arguments | null>>();

const holdsVariable = (value: ValueNode): boolean =>
  value.kind === Kind.VARIABLE ||
  (value.kind === Kind.LIST && value.values.some(holdsVariable)) ||
  (value.kind === Kind.OBJECT && value.fields.some((field) => holdsVariable(field.value)));

function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFrozen);
    Object.freeze(value);
  }
  return value;
}

/**
 * graphql-js's `getArgumentValues` of `field` at `node`. A node whose arguments are all literals
 * (a chart list's `first: 10`) gives the same values whatever the variables: made once (per
 * document, as documents are parsed once) and frozen, so no request changes another's. Arguments
 * that do not parse throw as graphql-js throws, every time.
 */
export function argumentValuesOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: GraphQLResolveInfo['variableValues'],
): Arguments {
  const known = literalArguments.get(node)?.get(field);
  if (known) {
    return known;
  }
  const values = getArgumentValues(field, node, variables);
  if (known === null) {
    return values;
  }
  const literal = !(node.arguments ?? []).some((argument) => holdsVariable(argument.value));
  mapAt(literalArguments, node).set(field, literal ? deepFrozen(values) : null);
  return values;
}

/** What a prefetch is told about one child field the client selected. */
export interface SelectedChild {
  /** The field's arguments, as the client gave them (not yet validated). */
  readonly args: Readonly<Record<string, unknown>>;
  /** Whether the child's own selection reaches `path` (like {@link selects} for its resolver). */
  readonly selects: (path: readonly string[]) => boolean;
  /** The fields the child's selection has at `path` (like {@link fieldsAt} for its resolver). */
  readonly fieldsAt: (path: readonly string[]) => ReadonlySet<string>;
  /** Its nodes' JSON as well, on the JSON path (shared/json-select.ts `jsonRowsOf` for its resolver). */
  readonly json: JsonRows | undefined;
}

/**
 * Starts a child field's load early: with the parent's, so PostgreSQL gets both in one round trip.
 * It must start exactly the load the field's resolver will ask for (its per-request loader then
 * answers the resolver from the same batch); the resolver and its row guards still run as ever.
 */
export type Prefetch<C> = (ctx: C, parentId: string, child: SelectedChild) => unknown;

const prefetches = new Map<string, Prefetch<never>>();

/** Registers `prefetch` for `typeName.fieldName` (a module, for its fields on another module's type). */
export function prefetchable<C>(typeName: string, fieldName: string, prefetch: Prefetch<C>): void {
  prefetches.set(`${typeName}.${fieldName}`, prefetch);
}

/** {@link rowFieldsOf}'s answers, by the selection's set of fields (one per field node). */
const rowFieldsBy = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/**
 * The fields the client selected of the object the current field returns, less its children
 * registered {@link prefetchable} (a chart's lists: read by the object's id alone): what the
 * object's own row must carry, so its read takes only their columns (`columnsFor`, read-rows.ts).
 * A field that is not a column of the row (a computed one) still makes the read take every column.
 */
export function rowFieldsOf(info: GraphQLResolveInfo): ReadonlySet<string> {
  const selected = fieldsAt(info, []);
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) {
    return selected;
  }
  let own = rowFieldsBy.get(selected);
  if (!own) {
    own = new Set([...selected].filter((name) => !prefetches.has(`${type.name}.${name}`)));
    rowFieldsBy.set(selected, own);
  }
  return own;
}

const SUBFIELDS: unique symbol = Symbol('subfields');

/**
 * The resolve info of a field whose child fields, as graphql-js would collect them, are already
 * known (server/json-read.ts plans them once per operation, for documents without directives, so
 * they do not depend on the variables): {@link prefetchChildren} takes them instead of collecting again.
 */
export function withSubfields<T extends object>(info: T, subfields: ReadonlyMap<string, readonly FieldNode[]>): T {
  return Object.assign(info, { [SUBFIELDS]: subfields });
}

/**
 * For the object the current field returns (`parentId`), starts the registered loads of the child
 * fields the client selected, in the same tick as the object's own read. The children are the
 * fields graphql-js will execute: grouped by response key, fragments followed, `@skip`/`@include`
 * applied (its own field collection). `skip` leaves out the children the caller will be refused
 * anyway (decided by the caller's rules, e.g. clinical fields for an administrator): nothing is
 * read for them. A child whose arguments do not parse is left to its resolver (which reports the
 * error); a prefetch's failure is the resolver's to report too, so it is never left unhandled here.
 */
export function prefetchChildren<C>(
  info: GraphQLResolveInfo,
  ctx: C,
  parentId: string,
  skip?: (field: GraphQLField<unknown, unknown>) => boolean,
): void {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) {
    return;
  }
  const fields = type.getFields();
  let children = (info as { [SUBFIELDS]?: ReadonlyMap<string, readonly FieldNode[]> })[SUBFIELDS];
  try {
    children ??= collectSubfields(info.schema, info.fragments, info.variableValues, type, info.fieldNodes);
  } catch {
    return; // the executor reports what is wrong
  }
  for (const [key, nodes] of children) {
    const name = nodes[0]!.name.value;
    const prefetch = prefetches.get(`${type.name}.${name}`) as Prefetch<C> | undefined;
    const definition = fields[name];
    if (!prefetch || !definition || skip?.(definition)) {
      continue;
    }
    try {
      const args = argumentValuesOf(definition as GraphQLField<unknown, unknown>, nodes[0]!, info.variableValues);
      const started = prefetch(ctx, parentId, {
        args,
        selects: (path) => selectsIn(nodes, path, info.fragments),
        fieldsAt: (path) => fieldsIn(nodes, path, info.fragments),
        json: jsonChildOf(info, key),
      });
      if (started instanceof Promise) {
        started.catch(() => undefined);
      }
    } catch {
      // The resolver reads the arguments again and reports what is wrong.
    }
  }
}
