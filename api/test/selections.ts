import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { chance, pick, someOf, type Rng } from './random.js';

/** How {@link randomSelection} draws a request's fields and arguments. */
export interface SelectionOptions {
  readonly schema: GraphQLSchema;
  /** Ids an `ID` argument takes (one is picked; add ones nobody has). */
  readonly ids: readonly string[];
  /** Instants a `DateTime` argument takes. */
  readonly instants: readonly string[];
  /** Object levels below the root field. */
  readonly maxDepth: number;
  /**
   * Where a type is named, its fields are drawn from these (now and then one from anywhere), and a
   * connection's `edges` and an edge's `node` are always asked: what the dashboards ask most.
   */
  readonly prefer?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** A literal for an argument of `type`, or undefined when none can be made (a scalar it does not know). */
function valueFor(rng: Rng, type: GraphQLInputType, options: SelectionOptions, depth = 0): string | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.from({ length: 1 + Math.floor(rng() * 3) }, () =>
      valueFor(rng, nullable.ofType, options, depth),
    );
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (isEnumType(nullable)) {
    return pick(
      rng,
      nullable.getValues().map((value) => value.name),
    );
  }
  if (isInputObjectType(nullable)) {
    if (depth > 2) {
      return undefined;
    }
    const fields: string[] = [];
    for (const field of Object.values(nullable.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || chance(rng, 0.3)) {
        const value = valueFor(rng, field.type, options, depth + 1);
        if (value === undefined) {
          if (required) {
            return undefined;
          }
          continue;
        }
        fields.push(`${field.name}: ${value}`);
      }
    }
    return `{ ${fields.join(', ')} }`;
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'ID':
        return JSON.stringify(pick(rng, options.ids));
      case 'String':
        return JSON.stringify(pick(rng, ['Ada', 'Zo', 'Doctor', 'a', '', 'Europe/Berlin', 'General Practice']));
      case 'Int':
        return String(pick(rng, [1, 2, 5, 20, 0]));
      case 'Float':
        return '1.5';
      case 'Boolean':
        return String(chance(rng, 0.5));
      case 'DateTime':
        return JSON.stringify(pick(rng, options.instants));
      case 'Date':
        return JSON.stringify(pick(rng, options.instants).slice(0, 10));
      default:
        return undefined;
    }
  }
  return undefined;
}

/**
 * Arguments for a field: the page size and cursor as clients send them (now and then a wrong
 * one), the required ones always, the other ones now and then; undefined when a required one
 * cannot be made.
 */
export function randomArguments(
  rng: Rng,
  field: GraphQLField<unknown, unknown>,
  options: SelectionOptions,
): string | undefined {
  const given: string[] = [];
  for (const arg of field.args) {
    const named = getNamedType(arg.type);
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (arg.name === 'first' && named.name === 'Int' && !required) {
      if (chance(rng, 0.75)) {
        given.push(`first: ${chance(rng, 0.05) ? pick(rng, [0, -1, 101]) : pick(rng, [1, 2, 3, 5, 20])}`);
      }
    } else if (arg.name === 'after' && named.name === 'String' && !required) {
      if (chance(rng, 0.08)) {
        given.push(`after: ${pick(rng, ['"x"', '""', '"bm90IGEgY3Vyc29y"'])}`);
      }
    } else if (required || chance(rng, 0.3)) {
      const value = valueFor(rng, arg.type, options);
      if (value === undefined) {
        if (required) {
          return undefined;
        }
        continue;
      }
      given.push(`${arg.name}: ${value}`);
    }
  }
  return given.length > 0 ? `(${given.join(', ')})` : '';
}

/**
 * A random selection set on `type`, its braces included: some of its fields (aliased now and then,
 * a field repeated or inside an inline fragment of its own type, `__typename`), and the possible
 * types of an abstract one by inline fragments, down to `maxDepth` object levels.
 */
export function randomSelection(rng: Rng, type: GraphQLNamedType, options: SelectionOptions, depth = 0): string {
  if (isAbstractType(type)) {
    const possible = options.schema.getPossibleTypes(type);
    const parts = [
      '__typename',
      ...someOf(rng, possible, 3).map((each) => `... on ${each.name} ${randomSelection(rng, each, options, depth)}`),
    ];
    return `{ ${parts.join(' ')} }`;
  }
  if (!isObjectType(type)) {
    throw new Error(`not an object type: ${type.name}`);
  }
  const all = type.getFields();
  const names = options.prefer?.[type.name];
  const fields = names ? someOf(rng, names, 7).map((name) => all[name]!) : someOf(rng, Object.values(all), 7);
  if (options.prefer) {
    const through = type.name.endsWith('Connection')
      ? all['edges']
      : type.name.endsWith('Edge')
        ? all['node']
        : undefined;
    if (through && !fields.includes(through)) {
      fields.push(through);
    }
  }
  if (names && chance(rng, 0.1)) {
    fields.push(pick(rng, Object.values(all)));
  }
  const parts: string[] = [];
  for (const field of fields) {
    const args = randomArguments(rng, field, options);
    if (args === undefined) {
      continue;
    }
    const named = getNamedType(field.type);
    // Aliases from a small set: two of a name for different fields make a document that does not validate.
    const alias = chance(rng, 0.1) ? `a${Math.floor(rng() * 3)}: ` : '';
    if (isLeafType(named)) {
      parts.push(`${alias}${field.name}${args}`);
    } else if (depth < options.maxDepth) {
      parts.push(`${alias}${field.name}${args} ${randomSelection(rng, named, options, depth + 1)}`);
    }
  }
  if (chance(rng, 0.1)) {
    parts.push('__typename');
  }
  if (chance(rng, 0.1) && parts.length > 0) {
    // The same field twice, or inside an inline fragment of its own type: merged as graphql-js merges them.
    parts.push(chance(rng, 0.5) ? parts[0]! : `... on ${type.name} { ${parts[0]!} }`);
  }
  // Every level selects something.
  return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
}
