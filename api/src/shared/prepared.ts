import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

/** A pooled `pg` connection, as far as this needs one. */
interface PgConnection {
  query(config: unknown, ...rest: unknown[]): unknown;
}

/**
 * Connections that keep nothing across transactions (through a transaction-mode pooler, which may
 * hand each transaction to another server connection): no statement is prepared on them.
 */
const sessionless = new WeakSet<object>();

/** Prepares nothing on `connection` from now on: its statements run unnamed, as text. */
export function keepNothingOn(connection: object): void {
  sessionless.add(connection);
}

/** Whether statements may be prepared on `connection` (its session outlives a transaction). */
export function mayPrepareOn(connection: object): boolean {
  return !sessionless.has(connection);
}

/**
 * Runs `work` on the `pg` connection under an entity manager: its transaction's own, else one
 * from the pool (given back after). The one way this code reaches `pg` past the ORM.
 */
export async function withConnection<T>(em: EntityManager, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  const knex: object = em.getTransactionContext<object>() ?? em.getConnection().getKnex();
  const client = (
    knex as unknown as {
      client: {
        acquireConnection(): Promise<PgConnection>;
        releaseConnection(connection: unknown): Promise<unknown>;
      };
    }
  ).client;
  const connection = await client.acquireConnection();
  try {
    return await work(connection);
  } finally {
    await client.releaseConnection(connection);
  }
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
 * being quoted into the SQL text as the ORM's queries are. For hot, fixed statements only. On a
 * connection that keeps nothing ({@link keepNothingOn}) it runs unnamed, parameters still apart.
 */
export async function preparedQuery<T>(
  em: EntityManager,
  name: string | undefined,
  text: string,
  values: unknown[],
  options: PreparedOptions = {},
): Promise<T[]> {
  return withConnection(em, async (connection) => {
    const started = Date.now();
    const named = name !== undefined && mayPrepareOn(connection);
    const { rows } = (await connection.query(named ? { name, text, values } : { text, values })) as {
      rows: T[];
    };
    // In the ORM's query log like its own statements (tests count statements from it).
    if (!options.quiet) {
      em.config.getLogger().logQuery({ query: text, took: Date.now() - started, results: rows.length });
    }
    return rows;
  });
}

/** Distinct generated statements that get a prepared statement of their own; beyond, they run unnamed. */
const MAX_GENERATED_STATEMENTS = 500;
let generatedCount = 0;
/** Names by prefix, then by text. */
const generatedNames = new Map<string, Map<string, string>>();

/**
 * A prepared statement's name for generated SQL (a query builder's text, whose values are
 * parameters): the same text always gets the same name, so each connection plans it once. Texts
 * whose shape varies without bound (an `in` list of many values) run unnamed once the table is full.
 * `prefix` keeps apart names made for different uses of one text (they share a connection's names).
 */
export function statementName(text: string, prefix = 'gen'): string | undefined {
  let names = generatedNames.get(prefix);
  if (names === undefined) {
    names = new Map();
    generatedNames.set(prefix, names);
  }
  let name = names.get(text);
  if (name === undefined && generatedCount < MAX_GENERATED_STATEMENTS) {
    name = `${prefix}-${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
    generatedCount += 1;
  }
  return name;
}
