import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Fewer round trips for transactions: on each pooled `pg` connection (installed by the ORM's pool,
 * {@link coalesceRoundTrips}), the transaction's `BEGIN` is held back and sent in one message with
 * its first statement, and statements queued for the commit ({@link sendWithCommit}: the outbox's)
 * leave in one message with the `COMMIT`. PostgreSQL runs the statements of one simple-query
 * message one after the other, each with its own snapshot, exactly as if they had come one by
 * one; only the waiting for each answer is saved (on this 2-core machine, every message also
 * wakes the database's process). A transaction that sends nothing costs no round trip at all.
 */

/** A pg `Result`, as far as this needs one. */
interface Result {
  command: string;
  rows: unknown[];
}
type Callback = (error: Error | null, result?: unknown) => void;
interface Queryable {
  query(config: unknown, ...rest: unknown[]): unknown;
}

const BEGIN = /^\s*begin\b[^;]*;?\s*$/i;
const COMMIT = /^\s*commit\s*;?\s*$/i;
const ROLLBACK = /^\s*rollback\s*;?\s*$/i;

interface Pending {
  /** The transaction's BEGIN, not sent yet. */
  begin: string | undefined;
  /** Statements to send with the COMMIT (or before any later statement, in order). */
  tails: string[];
}

const pendingOf = new WeakMap<object, Pending>();

let observer: ((text: string) => void) | undefined;

/** Tells `observe` the text of every message a coalescing connection sends (tests count round trips). */
export function observeRoundTrips(observe: ((text: string) => void) | undefined): void {
  observer = observe;
}

const answered = (command: string): Result => ({ command, rows: [] });

/** The text of a simple query (no parameters, no name, no cursor), else undefined. */
function simpleText(config: unknown, rest: unknown[]): string | undefined {
  if (typeof config !== 'object' || config === null || (rest.length > 0 && typeof rest[0] !== 'function')) {
    return undefined;
  }
  const { text, values, name, submit } = config as {
    text?: unknown;
    values?: unknown;
    name?: unknown;
    submit?: unknown;
  };
  if (typeof text !== 'string' || name !== undefined || typeof submit === 'function') {
    return undefined;
  }
  return values === undefined || (Array.isArray(values) && values.length === 0) ? text : undefined;
}

/**
 * Installs the coalescing on one `pg` client (the pool's `afterCreate`). Only simple queries take
 * part (the ORM's statements, BEGIN/COMMIT/ROLLBACK); before anything else (a prepared
 * statement, a cursor) what is held back is sent first, in order, on its own.
 */
export function coalesceRoundTrips(connection: Queryable): void {
  const pending: Pending = { begin: undefined, tails: [] };
  pendingOf.set(connection, pending);
  const query: (config: unknown, ...rest: unknown[]) => unknown = connection.query.bind(connection);
  const send = (config: unknown, callback?: Callback) => {
    observer?.(typeof config === 'string' ? config : String((config as { text?: unknown }).text));
    return callback ? query(config, callback) : query(config);
  };
  const heldBack = () => {
    const statements = [...(pending.begin === undefined ? [] : [pending.begin]), ...pending.tails].map((sql) =>
      sql.replace(/;\s*$/, ''),
    );
    pending.begin = undefined;
    pending.tails = [];
    return statements;
  };
  connection.query = function coalescedQuery(config: unknown, ...rest: unknown[]): unknown {
    const text = simpleText(config, rest);
    if (text === undefined) {
      const before = heldBack();
      const own = () => {
        observer?.(typeof config === 'string' ? config : String((config as { text?: unknown }).text));
        return query(config, ...rest);
      };
      if (before.length === 0) {
        return own();
      }
      // What was held back goes first, on its own; the statement follows once it is answered.
      const last = rest.at(-1);
      if (typeof (config as { submit?: unknown }).submit === 'function') {
        // A cursor or stream: its caller holds the object itself, submitted once the BEGIN is in.
        send({ text: before.join(';\n') }, () => void own());
        return config;
      }
      if (typeof last === 'function') {
        send({ text: before.join(';\n') }, (error) => (error ? (last as Callback)(error) : void own()));
        return undefined;
      }
      return new Promise((resolve, reject) =>
        send({ text: before.join(';\n') }, (error) => (error ? reject(error) : resolve(own()))),
      );
    }
    const callback = rest[0] as Callback | undefined;
    const answer = (run: (done: Callback) => void): unknown => {
      if (callback) {
        run(callback);
        return undefined;
      }
      return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result))));
    };
    const now = (command: string) => answer((done) => process.nextTick(() => done(null, answered(command))));
    if (BEGIN.test(text) && pending.begin === undefined && pending.tails.length === 0) {
      pending.begin = text;
      return now('BEGIN');
    }
    if (pending.begin !== undefined && (ROLLBACK.test(text) || (COMMIT.test(text) && pending.tails.length === 0))) {
      // Nothing of the transaction was sent: nothing to end (nor to send).
      heldBack();
      return now(COMMIT.test(text) ? 'COMMIT' : 'ROLLBACK');
    }
    if (ROLLBACK.test(text)) {
      pending.tails = [];
    }
    const before = heldBack();
    if (before.length === 0) {
      return send(config, rest[0] as Callback | undefined);
    }
    return answer((done) =>
      send({ ...(config as object), text: `${before.join(';\n')};\n${text}` }, (error, result) => {
        if (!error) {
          const own = (result as Result[]).slice(before.length);
          done(null, own.length === 1 ? own[0] : own);
        } else if (COMMIT.test(text)) {
          // A statement sent with the COMMIT failed, so the COMMIT never ran: end the transaction
          // here, as a failed COMMIT does, before the connection goes back to the pool.
          send({ text: 'ROLLBACK' }, () => done(error));
        } else {
          done(error);
        }
      }),
    );
  };
}

/**
 * Queues `sql` on a coalescing connection (inside a transaction) to leave with its COMMIT; false
 * when the connection does not coalesce. See {@link sendWithCommit}.
 */
export function queueWithCommit(connection: object, sql: string): boolean {
  const pending = pendingOf.get(connection);
  pending?.tails.push(sql);
  return pending !== undefined;
}

/** The `pg` client under an entity manager: its transaction's own, else one from the pool. */
async function withConnection<T>(em: EntityManager, work: (connection: Queryable) => Promise<T>): Promise<T> {
  const knex: object = em.getTransactionContext<object>() ?? em.getConnection().getKnex();
  const client = (
    knex as unknown as {
      client: {
        acquireConnection(): Promise<Queryable>;
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

/**
 * Queues `sql` (a complete statement, values already in its text) to be sent in one message with
 * the COMMIT of `tx`'s transaction. Its failure is the COMMIT's (the transaction rolls back and
 * the error comes out of `transactional`). False when the connection does not coalesce: then the
 * caller sends it itself.
 */
export async function sendWithCommit(tx: EntityManager, sql: string): Promise<boolean> {
  if (!tx.isInTransaction()) {
    return false;
  }
  const queued = await withConnection(tx, (connection) => Promise.resolve(queueWithCommit(connection, sql)));
  if (queued) {
    tx.config.getLogger().logQuery({ query: sql, took: 0, results: 0 });
  }
  return queued;
}

/** One statement of {@link runStatements}: `?` placeholders, values quoted into the text as the ORM does. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Runs several statements in one round trip (one simple-query message) and returns each one's
 * rows. Each runs with its own snapshot, as if sent one by one: a statement that waited for a
 * lock is followed by one that sees what the lock's holder committed. The first failure ends the
 * message (in a transaction, it fails the transaction).
 */
export async function runStatements<T extends unknown[][]>(
  em: EntityManager,
  statements: readonly Statement[],
): Promise<T> {
  const platform = em.getPlatform();
  const texts = statements.map((statement) => platform.formatQuery(statement.sql, [...statement.params]));
  const started = Date.now();
  const result = await withConnection(
    em,
    (connection) => connection.query({ text: texts.join(';\n') }) as Promise<Result | Result[]>,
  );
  const results = Array.isArray(result) ? result : [result];
  const took = Date.now() - started;
  for (const [index, text] of texts.entries()) {
    em.config.getLogger().logQuery({ query: text, took, results: results[index]?.rows.length ?? 0 });
  }
  return results.map((one) => one.rows) as T;
}
