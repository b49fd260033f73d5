import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLOutputType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTimeScalar } from '../shared/scalars.js';
import { leafWriter } from './json-read.js';

const Status = new GraphQLEnumType({
  name: 'Status',
  values: { BOOKED: { value: 'BOOKED' }, DONE: { value: 'done' } },
});

/** What graphql-js completes for a leaf (or a list of leaves), as JSON; undefined where it reports an error. */
function expected(type: GraphQLOutputType, value: unknown): string | undefined {
  const complete = (of: GraphQLOutputType, item: unknown): unknown => {
    if (item === null || item === undefined) {
      if (of instanceof GraphQLNonNull) {
        throw new Error('null');
      }
      return null;
    }
    const inner = of instanceof GraphQLNonNull ? of.ofType : of;
    if (inner instanceof GraphQLList) {
      if (!Array.isArray(item)) {
        throw new Error('not a list');
      }
      return item.map((each) => complete(inner.ofType, each));
    }
    const serialised = (inner as typeof GraphQLString).serialize(item);
    if (serialised === undefined) {
      throw new Error('undefined');
    }
    return serialised;
  };
  try {
    return `"v":${JSON.stringify(complete(type, value))}`;
  } catch {
    return undefined;
  }
}

function written(type: GraphQLOutputType, value: unknown): string | undefined {
  try {
    return leafWriter('"v":', type, 'v')({ v: value });
  } catch {
    return undefined;
  }
}

describe("the JSON path's leaf writers", () => {
  it('write what graphql-js completes, byte for byte, and refuse what it refuses', () => {
    const cases: [GraphQLOutputType, unknown[]][] = [
      [GraphQLString, ['plain', 'quote " and \\ and \n and \u2028', '', 12, true, null, undefined, { a: 1 }]],
      [new GraphQLNonNull(GraphQLID), ['3f1c2d4e-0000-4000-8000-000000000001', 7, null, undefined]],
      [
        DateTimeScalar,
        [
          new Date(Date.UTC(2026, 2, 2, 9, 30)),
          new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)),
          new Date(Number.NaN),
          '2026-03-02T10:30:00+01:00',
          null,
        ],
      ],
      [Status, ['BOOKED', 'done', 'DONE', 'unknown', null]],
      [new GraphQLNonNull(Status), ['BOOKED', null]],
      [GraphQLBoolean, [true, false, 0, 1, 'true', null]],
      [GraphQLInt, [0, -0, 42, -2_147_483_648, 2_147_483_647, 2_147_483_648, 1.5, Number.NaN, '7', true, null]],
      [
        new GraphQLList(new GraphQLNonNull(GraphQLString)),
        [['a', 'b "c"'], [], ['a', null], ['a', 3], 'not a list', null],
      ],
      [
        new GraphQLList(GraphQLString),
        [
          ['a', null],
          [1, 'b'],
        ],
      ],
    ];
    for (const [type, values] of cases) {
      for (const value of values) {
        expect(written(type, value), `${String(type)} of ${String(value)}`).toBe(expected(type, value));
      }
    }
  });
});
