import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { aliasLimit, depthLimit } from './validation-rules.js';

const schema = buildSchema(`
  type Node { id: ID!  child: Node }
  type Query { node: Node }
`);

function errorsOf(query: string, rules = [depthLimit(4), aliasLimit(3)]): string[] {
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map((error) => error.message);
}

describe('query limits', () => {
  it('lets a query within the depth limit through', () => {
    expect(errorsOf('{ node { child { child { id } } } }')).toEqual([]);
  });

  it('refuses a query nested past the limit, also through fragments', () => {
    expect(errorsOf('{ node { child { child { child { id } } } } }')).toEqual([
      'The query is nested 5 levels deep; at most 4 are allowed.',
    ]);
    expect(errorsOf('{ node { ...deep } } fragment deep on Node { child { child { child { id } } } }')).toHaveLength(1);
  });

  it('refuses more aliases than allowed, once', () => {
    expect(errorsOf('{ a: node { id } b: node { id } c: node { id } }')).toEqual([]);
    expect(errorsOf('{ a: node { id } b: node { id } c: node { id } d: node { id } e: node { id } }')).toEqual([
      'The query uses more than 3 aliases.',
    ]);
  });
});
