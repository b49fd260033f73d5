import {
  buildSchema,
  execute,
  parse,
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { argumentValuesOf, fieldsAt, prefetchable, prefetchChildren, selects } from './selection.js';

const schema = buildSchema(`
  type Query { patient(id: ID!): Patient }
  type Patient { id: ID! appointments(first: Int): AppointmentConnection }
  type AppointmentConnection { edges: [AppointmentEdge!]! totalCount: Int! }
  type AppointmentEdge { node: Appointment! }
  type Appointment { id: ID! startsAt: String! doctor: Doctor }
  type Doctor { id: ID! name: String! }
`);

interface Seen {
  readonly fields: ReadonlySet<string>;
  readonly doctor: boolean;
  readonly args?: unknown;
}

const prefetched: Seen[] = [];
const resolved: Seen[] = [];

prefetchable<unknown>('Patient', 'appointments', (_ctx, _parentId, child) => {
  prefetched.push({
    fields: child.fieldsAt(['edges', 'node']),
    doctor: child.selects(['edges', 'node', 'doctor']),
    args: child.args,
  });
});

const rootValue = {
  patient: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    prefetchChildren(info, {}, 'p1');
    return {
      id: 'p1',
      appointments: (_args: unknown, _context: unknown, childInfo: GraphQLResolveInfo) => {
        resolved.push({
          fields: fieldsAt(childInfo, ['edges', 'node']),
          doctor: selects(childInfo, ['edges', 'node', 'doctor']),
        });
        return { edges: [], totalCount: 0 };
      },
    };
  },
};

const document = parse(`
  query Chart {
    patient(id: "p1") {
      id
      appointments(first: 5) { edges { node { ...Visit } } }
    }
  }
  fragment Visit on Appointment { id startsAt doctor { name } }
`);

describe("a prefetch's view of a child's selection", () => {
  it("is worked out once: the child's resolver (and the next request with the document) gets the same answer", async () => {
    for (let run = 0; run < 2; run += 1) {
      const result = await execute({ schema, document, rootValue });
      expect(result.errors).toBeUndefined();
    }
    expect(prefetched).toHaveLength(2);
    expect(resolved).toHaveLength(2);
    const [first] = prefetched;
    expect([...first!.fields]).toEqual(['id', 'startsAt', 'doctor']);
    expect(first!.doctor).toBe(true);
    expect(first!.args).toEqual({ first: 5 });
    // One set, made once, for the prefetch and the resolver of both requests.
    for (const seen of [...prefetched, ...resolved]) {
      expect(seen.fields).toBe(first!.fields);
      expect(seen.doctor).toBe(true);
    }
  });

  it('answers for each document and path on its own', async () => {
    resolved.length = 0;
    const other = parse(`{ patient(id: "p1") { appointments { edges { node { id } } totalCount } } }`);
    await execute({ schema, document: other, rootValue });
    expect([...resolved[0]!.fields]).toEqual(['id']);
    expect(resolved[0]!.doctor).toBe(false);
  });
});

describe('argumentValuesOf', () => {
  const withArgs = buildSchema(`type Query { list(first: Int, status: [String!], after: String): Int }`);
  const field = withArgs.getQueryType()!.getFields()['list']!;
  const nodeOf = (query: string) => {
    const operation = parse(query).definitions[0] as OperationDefinitionNode;
    return operation.selectionSet.selections[0] as FieldNode;
  };

  it('reads literal arguments once, frozen, whatever the variables', () => {
    const node = nodeOf('{ list(first: 10, status: ["A", "B"]) }');
    const first = argumentValuesOf(field, node, {});
    expect(first).toEqual({ first: 10, status: ['A', 'B'] });
    expect(argumentValuesOf(field, node, { other: 1 })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first['status'])).toBe(true);
  });

  it('reads arguments holding a variable afresh, at any depth', () => {
    for (const query of [
      'query ($n: Int) { list(first: $n) }',
      'query ($s: String!) { list(first: 1, status: [$s]) }',
    ]) {
      const node = nodeOf(query);
      const one = argumentValuesOf(field, node, { n: 1, s: 'x' });
      const two = argumentValuesOf(field, node, { n: 2, s: 'y' });
      expect(one, query).not.toEqual(two);
      expect(Object.isFrozen(one), query).toBe(false);
    }
  });

  it('throws for arguments that do not parse, every time', () => {
    const node = nodeOf('{ list(first: "ten") }');
    expect(() => argumentValuesOf(field, node, {})).toThrow();
    expect(() => argumentValuesOf(field, node, {})).toThrow();
  });
});
