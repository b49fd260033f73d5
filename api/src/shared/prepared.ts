import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

/** The part of a knex client this needs: a pooled `pg` connection, or the transaction's own. */
interface ConnectionSource {
  acquireConnection(): Promise<{
    query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  }>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

export interface PreparedOptions {
  /**
   * Not in the ORM's query log: for the request pipeline's own bookkeeping (the rate limiter),
   * which the statement counts of the resolvers' tests do not cover.
   */
  readonly quiet?: boolean;
}

/**
 * Runs `text` as a named prepared statement through `pg` directly, on the entity manager's
 * connection (inside its transaction when it has one): PostgreSQL parses and plans it once per
 * connection, and the values travel as parameters — arrays as PostgreSQL arrays — instead of
 * being quoted into the SQL text as the ORM's queries are. For hot, fixed statements only.
 */
export async function preparedQuery<T>(
  em: EntityManager,
  name: string | undefined,
  text: string,
  values: unknown[],
  options: PreparedOptions = {},
): Promise<T[]> {
  const knex: object = em.getTransactionContext<object>() ?? em.getConnection().getKnex();
  const client = (knex as unknown as { client: ConnectionSource }).client;
  const connection = await client.acquireConnection();
  try {
    const started = Date.now();
    const { rows } = await connection.query(name === undefined ? { text, values } : { name, text, values });
    // In the ORM's query log like its own statements (tests count statements from it).
    if (!options.quiet) {
      em.config.getLogger().logQuery({ query: text, took: Date.now() - started, results: rows.length });
    }
    return rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Distinct generated statements that get a prepared statement of their own; beyond, they run unnamed. */
const MAX_GENERATED_STATEMENTS = 500;
const generatedNames = new Map<string, string>();

/**
 * A prepared statement's name for generated SQL (a query builder's text, whose values are
 * parameters): the same text always gets the same name, so each connection plans it once. Texts
 * whose shape varies without bound (an `in` list of many values) run unnamed once the table is full.
 */
export function statementName(text: string): string | undefined {
  let name = generatedNames.get(text);
  if (name === undefined && generatedNames.size < MAX_GENERATED_STATEMENTS) {
    name = `gen-${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;
    generatedNames.set(text, name);
  }
  return name;
}
