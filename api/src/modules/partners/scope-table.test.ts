import 'reflect-metadata';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { uncoveredFields } from '../../server/scope-check.js';
import { buildAppSchema } from '../../server/schema.js';
import { isStructuralTypeName, OPERATION_SCOPES, TYPE_SCOPES } from './scope-table.js';
import { isScope } from './scopes.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

const HOW = 'Give each a scope (or null: not for API clients) in api/src/modules/partners/scope-table.ts. Missing:\n';

describe('the one scope table', () => {
  it('names every query, mutation and subscription of the built schema', () => {
    const roots = [
      ['Query', schema.getQueryType()],
      ['Mutation', schema.getMutationType()],
      ['Subscription', schema.getSubscriptionType()],
    ] as const;
    const missing = roots.flatMap(([root, type]) =>
      Object.keys(type?.getFields() ?? {})
        .filter((name) => !Object.hasOwn(OPERATION_SCOPES[root], name))
        .map((name) => `${root}.${name}`),
    );
    expect(missing, HOW + missing.join('\n')).toEqual([]);
  });

  it('names every object type of the built schema (connections and edges are covered by their field)', () => {
    const rootNames = new Set(['Query', 'Mutation', 'Subscription']);
    const missing = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !rootNames.has(type.name))
      .map((type) => type.name)
      .filter((name) => !isStructuralTypeName(name) && !Object.hasOwn(TYPE_SCOPES, name));
    expect(missing, HOW + missing.join('\n')).toEqual([]);
  });

  it('uses only the contract’s scopes', () => {
    const used = [
      ...Object.values(OPERATION_SCOPES).flatMap((table) => Object.values(table)),
      ...Object.values(TYPE_SCOPES),
    ];
    expect(
      used.filter((scope) => scope !== null && scope !== 'public' && scope !== 'structural' && !isScope(scope)),
    ).toEqual([]);
  });

  it('finds uncovered fields through fragments, nested lists and clinical fields', () => {
    const document = parse(`
      query Chart($id: ID!) { patient(id: $id) { ...Names allergies appointments { edges { node { id doctor { id } } } } } }
      fragment Names on Patient { firstName }
      query Other { me { id } }`);
    expect(uncoveredFields(schema, document, 'Chart', ['patients:read'])).toEqual([
      { field: 'Patient.allergies', scope: 'clinical:read' },
      { field: 'Appointment.id', scope: 'appointments:read' },
      { field: 'Appointment.doctor', scope: 'appointments:read' },
      { field: 'Doctor.id', scope: 'doctors:read' },
    ]);
    expect(
      uncoveredFields(schema, document, 'Chart', [
        'patients:read',
        'clinical:read',
        'appointments:read',
        'doctors:read',
      ]),
    ).toEqual([]);
    expect(uncoveredFields(schema, document, 'Other', ['patients:read'])).toEqual([
      { field: 'Query.me', scope: null },
      { field: 'User.id', scope: null },
    ]);
    expect(
      uncoveredFields(schema, parse('{ __schema { types { name } } doctors { __typename } }'), undefined, []),
    ).toEqual([{ field: 'Query.doctors', scope: 'doctors:read' }]);
  });
});
