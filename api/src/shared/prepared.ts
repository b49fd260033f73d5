import type { EntityManager } from '@mikro-orm/postgresql';

/** The part of a knex client this needs: a pooled `pg` connection, or the transaction's own. */
interface ConnectionSource {
  acquireConnection(): Promise<{
    query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
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
  name: string,
  text: string,
  values: unknown[],
  options: PreparedOptions = {},
): Promise<T[]> {
  const knex: object = em.getTransactionContext<object>() ?? em.getConnection().getKnex();
  const client = (knex as unknown as { client: ConnectionSource }).client;
  const connection = await client.acquireConnection();
  try {
    const started = Date.now();
    const { rows } = await connection.query({ name, text, values });
    // In the ORM's query log like its own statements (tests count statements from it).
    if (!options.quiet) {
      em.config.getLogger().logQuery({ query: text, took: Date.now() - started, results: rows.length });
    }
    return rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}
