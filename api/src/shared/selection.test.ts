import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldsAt, prefetchable, prefetchChildren, selects } from './selection.js';

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
