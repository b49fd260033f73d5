import { buildSchema, GraphQLError, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KNOWN_DOCUMENTS, knownDocuments } from './known-documents.js';

const schema = buildSchema('type Query { hello: String, twice(n: Int!): Int }');

describe('knownDocuments', () => {
  it('parses and validates a text once: every caller of the same text gets the same syntax tree', () => {
    const known = knownDocuments(schema, []);
    const first = known('{ hello }');
    expect(first.errors).toEqual([]);
    expect(first.document).toBeDefined();
    expect(known('{ hello }').document).toBe(first.document);
    expect(known('{ twice(n: 2) }').document).not.toBe(first.document);
  });

  it('keeps why a text cannot run: its parse error, or its validation errors (the given rules included)', () => {
    const known = knownDocuments(schema, []);
    const unreadable = known('{ hello');
    expect(unreadable.document).toBeUndefined();
    expect(unreadable.errors[0]?.message).toMatch(/Syntax Error/);
    const invalid = known('{ nope }');
    expect(invalid.document).toBeDefined();
    expect(invalid.errors.map((error) => error.message)).toEqual(['Cannot query field "nope" on type "Query".']);
    expect(known('{ nope }')).toBe(invalid);
    const noHello: ValidationRule = (context) => ({
      Field(node) {
        if (node.name.value === 'hello') {
          context.reportError(new GraphQLError('No hello here.'));
        }
      },
    });
    expect(knownDocuments(schema, [noHello])('{ hello }').errors.map((error) => error.message)).toEqual([
      'No hello here.',
    ]);
  });

  it(`holds at most ${KNOWN_DOCUMENTS} texts, dropping the one used longest ago`, () => {
    const known = knownDocuments(schema, []);
    const kept = known('{ hello }');
    for (let i = 0; i < KNOWN_DOCUMENTS - 1; i += 1) {
      known(`{ twice(n: ${i}) }`);
    }
    expect(known('{ hello }')).toBe(kept); // used again: now the most recent
    known('{ twice(n: -1) }'); // one more than the limit drops the oldest, `twice(n: 0)`
    expect(known('{ hello }')).toBe(kept);
    const dropped = known('{ twice(n: 0) }');
    expect(known('{ twice(n: 0) }')).toBe(dropped);
  });
});
