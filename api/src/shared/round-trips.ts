import type { Platform } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { keepNothingOn, mayPrepareOn, statementName, withConnection } from './prepared.js';

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
/** A query object pg submits itself (a cursor, a stream): pg tells it, and so this, when it is done. */
type Handler = (...args: unknown[]) => unknown;
interface Submittable {
  submit: Handler;
  handleReadyForQuery: Handler;
  handleError: Handler;
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

/** A `PREPARE` as {@link prepareText} writes it, and its name. */
const PREPARE = /^prepare "([^"]+)" as /;

const pendingOf = new WeakMap<object, Pending>();

let observer: ((text: string) => void) | undefined;

/** Tells `observe` the text of every message a coalescing connection sends (tests count round trips). */
export function observeRoundTrips(observe: ((text: string) => void) | undefined): void {
  observer = observe;
}

const answered = (command: string): Result => ({ command, rows: [] });

const textOf = (config: unknown): string =>
  typeof config === 'string' ? config : String((config as { text?: unknown }).text);

const isSubmittable = (config: unknown): config is Submittable =>
  typeof config === 'object' && config !== null && typeof (config as { submit?: unknown }).submit === 'function';

/** The text of a simple query (no parameters, no name, no cursor), else undefined. */
function simpleText(config: unknown, values: unknown): string | undefined {
  if (typeof config !== 'object' || config === null || values !== undefined) {
    return undefined;
  }
  const { text, values: own, name } = config as { text?: unknown; values?: unknown; name?: unknown };
  if (typeof text !== 'string' || name !== undefined) {
    return undefined;
  }
  return own === undefined || (Array.isArray(own) && own.length === 0) ? text : undefined;
}

/**
 * Installs the coalescing on one `pg` client (the pool's `afterCreate`). Only simple queries take
 * part (the ORM's statements, BEGIN/COMMIT/ROLLBACK); before anything else (a prepared
 * statement, a cursor) what is held back is sent first, in order, on its own.
 *
 * The connection's calls wait here for their turn, in the order they were made: a message is sent
 * only once the one before has its answer (pg 8 deprecates its own queue, pg 9 removes it; the ORM
 * may issue a transaction's statements concurrently). What a call holds back or answers without
 * sending (BEGIN, an empty transaction's end) is decided at its turn, so the order of the calls is
 * the order of the transaction's statements.
 *
 * With `prepare: false` (a transaction-mode pooler in front of PostgreSQL: the next transaction may
 * run on another server connection) nothing is prepared on the connection: statements marked
 * `prepare` go as their text, and `preparedQuery` runs unnamed. A transaction's messages still
 * coalesce: BEGIN and COMMIT travel inside the messages of the transaction they belong to.
 */
export function coalesceRoundTrips(connection: Queryable, options: { readonly prepare?: boolean } = {}): void {
  const pending: Pending = { begin: undefined, tails: [] };
  pendingOf.set(connection, pending);
  if (options.prepare === false) {
    keepNothingOn(connection);
  } else {
    // A new connection has no prepared statements yet.
    preparedOn.set(connection, new Set());
  }
  const query: (config: unknown, ...rest: unknown[]) => unknown = connection.query.bind(connection);
  /** Calls waiting for their turn; each is given `done`, to call once its last message is answered. */
  const waiting: ((done: () => void) => void)[] = [];
  let busy = false;
  const next = (): void => {
    const turn = waiting.shift();
    busy = turn !== undefined;
    if (turn) {
      let finished = false;
      turn(() => {
        if (!finished) {
          finished = true;
          next();
        }
      });
    }
  };
  const enqueue = (turn: (done: () => void) => void): void => {
    waiting.push(turn);
    if (!busy) {
      next();
    }
  };
  /** Sends one message; `callback` gets its answer. */
  const send = (config: unknown, values: unknown, callback: Callback): void => {
    observer?.(textOf(config));
    try {
      query(config, values, callback);
    } catch (error) {
      process.nextTick(callback, error);
    }
  };
  const heldBack = () => {
    const statements = [...(pending.begin === undefined ? [] : [pending.begin]), ...pending.tails].map((sql) =>
      sql.replace(/;\s*$/, ''),
    );
    pending.begin = undefined;
    pending.tails = [];
    return statements;
  };
  /**
   * After a message with held-back statements: the names their PREPAREs made exist once it
   * succeeded; after a failure, which of its statements ran is not told, so the names are read again.
   */
  const settle = (sent: readonly string[], error: unknown) => {
    const prepared = sent.flatMap((sql) => PREPARE.exec(sql)?.[1] ?? []);
    if (prepared.length === 0) {
      return;
    }
    if (error) {
      preparedOn.delete(connection);
    } else {
      const names = preparedOn.get(connection);
      for (const name of prepared) {
        names?.add(name);
      }
    }
  };
  /**
   * One call's turn: what it sends (with what was held back), or its answer without sending.
   * `answer` ends the turn (and answers the caller, unless `respond` did already); `respond`
   * answers the caller only, the turn going on until `answer`.
   */
  const run = (config: unknown, values: unknown, answer: Callback, respond: Callback): void => {
    const text = simpleText(config, values);
    if (text === undefined) {
      const before = heldBack();
      if (before.length === 0) {
        send(config, values, answer);
      } else {
        // What was held back goes first, on its own; the statement follows once it is answered.
        send({ text: before.join(';\n') }, undefined, (error) => {
          settle(before, error);
          if (error) {
            answer(error);
          } else {
            send(config, values, answer);
          }
        });
      }
      return;
    }
    const now = (command: string) => process.nextTick(answer, null, answered(command));
    if (BEGIN.test(text) && pending.begin === undefined && pending.tails.length === 0) {
      pending.begin = text;
      now('BEGIN');
      return;
    }
    if (pending.begin !== undefined && (ROLLBACK.test(text) || (COMMIT.test(text) && pending.tails.length === 0))) {
      // Nothing of the transaction was sent: nothing to end (nor to send).
      heldBack();
      now(COMMIT.test(text) ? 'COMMIT' : 'ROLLBACK');
      return;
    }
    if (ROLLBACK.test(text)) {
      pending.tails = [];
      if (pending.begin === undefined) {
        // The transaction's statements were sent: the ROLLBACK leaves now and the caller is told at
        // once (a refused booking answers without waiting a round trip for it). The connection's
        // next call still waits for its answer (this turn ends with it), so whoever gets the
        // connection next starts outside the transaction. A ROLLBACK that fails left a broken
        // connection: it is marked so (knex's pool validates `__knex__disposed` on acquiring), so
        // the pool destroys it instead of handing it out again.
        send(config, undefined, (error, result) => {
          if (error) {
            (connection as { __knex__disposed?: unknown }).__knex__disposed = error;
          }
          answer(error, result);
        });
        process.nextTick(respond, null, answered('ROLLBACK'));
        return;
      }
    }
    const before = heldBack();
    if (before.length === 0) {
      send(config, undefined, answer);
      return;
    }
    send({ ...(config as object), text: `${before.join(';\n')};\n${text}` }, undefined, (error, result) => {
      settle(before, error);
      if (!error) {
        const own = (result as Result[]).slice(before.length);
        answer(null, own.length === 1 ? own[0] : own);
      } else if (COMMIT.test(text)) {
        // A statement sent with the COMMIT failed, so the COMMIT never ran: end the transaction
        // here, as a failed COMMIT does, before the connection goes back to the pool.
        send({ text: 'ROLLBACK' }, undefined, () => answer(error));
      } else {
        answer(error);
      }
    });
  };
  connection.query = function coalescedQuery(config: unknown, ...rest: unknown[]): unknown {
    if (isSubmittable(config)) {
      // A cursor or stream: its caller holds the object itself, submitted at its turn (after what
      // was held back); its turn ends when pg tells it that it is done.
      enqueue((done) => {
        const { handleReadyForQuery, handleError } = config;
        const ending =
          (handler: Handler) =>
          (...args: unknown[]): unknown => {
            config.handleReadyForQuery = handleReadyForQuery;
            config.handleError = handleError;
            try {
              return handler.apply(config, args);
            } finally {
              done();
            }
          };
        config.handleReadyForQuery = ending(handleReadyForQuery);
        config.handleError = ending(handleError);
        const own = () => {
          observer?.(textOf(config));
          try {
            query(config, ...rest);
          } catch (error) {
            config.handleError(error);
          }
        };
        const before = heldBack();
        if (before.length === 0) {
          own();
        } else {
          send({ text: before.join(';\n') }, undefined, (error) => {
            settle(before, error);
            own();
          });
        }
      });
      return config;
    }
    const last = rest.at(-1);
    const callback = typeof last === 'function' ? (last as Callback) : undefined;
    const values = typeof rest[0] === 'function' ? undefined : rest[0];
    let answer: Callback = callback ?? (() => undefined);
    const result = callback
      ? undefined
      : new Promise((resolve, reject) => {
          answer = (error, value) => (error ? reject(error) : resolve(value));
        });
    enqueue((done) => {
      let responded = false;
      const respond: Callback = (error, value) => {
        if (!responded) {
          responded = true;
          answer(error, value);
        }
      };
      run(
        config,
        values,
        (error, value) => {
          done();
          respond(error, value);
        },
        respond,
      );
    });
    return result;
  };
}

/**
 * Queues `statement` on a coalescing connection (inside a transaction) to leave with its COMMIT;
 * false when the connection does not coalesce. See {@link sendWithCommit}. A statement marked
 * `prepare` runs as its prepared statement's `EXECUTE`, its `PREPARE` first when the connection
 * lacks it (as {@link sendStatements} sends them) — unless the connection's names are not known
 * (after a failed message): then as its text, which costs no round trip to find out.
 */
export function queueWithCommit(
  connection: object,
  statement: Statement,
  quoting: Pick<Platform, 'quoteValue' | 'formatQuery'>,
): boolean {
  const pending = pendingOf.get(connection);
  if (pending === undefined) {
    return false;
  }
  const names = preparedOn.get(connection);
  const name = statement.prepare && names !== undefined ? statementName(statement.sql, 'sql') : undefined;
  if (name === undefined || names === undefined) {
    pending.tails.push(quoting.formatQuery(statement.sql, statement.params));
    return true;
  }
  if (!names.has(name) && !pending.tails.some((sql) => PREPARE.exec(sql)?.[1] === name)) {
    pending.tails.push(prepareText(name, statement));
  }
  pending.tails.push(...executeTexts(name, statement, quoting).texts);
  return true;
}

/**
 * Queues `statement` (`?` placeholders, its values in `params`) to be sent in one message with
 * the COMMIT of `tx`'s transaction, prepared when marked so ({@link queueWithCommit}). Its failure
 * is the COMMIT's (the transaction rolls back and the error comes out of `transactional`). False
 * when the connection does not coalesce: then the caller sends it itself.
 */
export async function sendWithCommit(tx: EntityManager, statement: Statement): Promise<boolean> {
  if (!tx.isInTransaction()) {
    return false;
  }
  const platform = tx.getPlatform();
  const queued = await withConnection(tx, (connection) =>
    Promise.resolve(queueWithCommit(connection, statement, platform)),
  );
  const logger = tx.config.getLogger();
  if (queued && logger.isEnabled('query')) {
    logger.logQuery({ query: platform.formatQuery(statement.sql, statement.params), took: 0, results: 0 });
  }
  return queued;
}

/** One statement of {@link runStatements}: `?` placeholders, values quoted into the text as the ORM does. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * Prepared once per connection and executed after: PostgreSQL parses and analyses the statement
   * once instead of for every call. For hot, fixed statements (no array values, no text that varies
   * without bound). PostgreSQL still plans it afresh for its values each time unless it judges a
   * generic plan (made once, for any values) as cheap; `'generic'` always runs the generic plan:
   * for a statement whose best plan does not depend on its values (every one an equality on an
   * indexed column, or a narrow range of one).
   */
  readonly prepare?: boolean | 'generic';
}

/**
 * The SQL-level prepared statements (`PREPARE`) known to exist on each connection; absent while
 * that is uncertain (a message with a PREPARE failed: which of its statements ran is not told), and
 * then read from `pg_prepared_statements` on the connection's next use. A PREPARE outlives the
 * transaction it ran in, rolled back or not. A connection runs one `sendStatements` at a time (a
 * transaction's, or one lent by the pool for it alone): two at once could send the same PREPARE.
 */
const preparedOn = new WeakMap<object, Set<string>>();

/** The connection's prepared statements; undefined when nothing is prepared on it. */
async function preparedNames(connection: Queryable): Promise<Set<string> | undefined> {
  if (!mayPrepareOn(connection)) {
    return undefined;
  }
  let names = preparedOn.get(connection);
  if (names === undefined) {
    const { rows } = (await connection.query({ text: 'select name from pg_prepared_statements' })) as {
      rows: { name: string }[];
    };
    names = new Set(rows.map((row) => row.name));
    preparedOn.set(connection, names);
  }
  return names;
}

/** `sql` with its `?` placeholders numbered (`$1`, ...), read exactly as the ORM's `formatQuery` reads them. */
function numbered(sql: string): { text: string; count: number } {
  let count = 0;
  const text = sql.replace(/\\\?|\?\??/g, (match) => {
    if (match === '??') {
      throw new Error('A prepared statement cannot take identifiers as parameters');
    }
    if (match === '\\?') {
      return '?';
    }
    count += 1;
    return `$${count}`;
  });
  return { text, count };
}

/** The `PREPARE` of a statement marked `prepare`, under `name`. */
function prepareText(name: string, statement: Statement): string {
  const { text, count } = numbered(statement.sql);
  if (count !== statement.params.length) {
    throw new Error(`A statement has ${count} placeholders for ${statement.params.length} values`);
  }
  return `prepare "${name}" as ${text}`;
}

/**
 * What runs a prepared statement with the statement's values (quoted into the text as the ORM
 * writes them into its own), and which of those texts is its own (a generic one is wrapped).
 */
function executeTexts(
  name: string,
  statement: Statement,
  quoting: Pick<Platform, 'quoteValue'>,
): { texts: string[]; own: number } {
  const values = statement.params.map((value) => {
    if (Array.isArray(value)) {
      throw new Error('A prepared statement takes no array values');
    }
    return quoting.quoteValue(value);
  });
  const execute = values.length === 0 ? `execute "${name}"` : `execute "${name}"(${values.join(', ')})`;
  // Set for this statement only (and, being a SET, undone with a transaction that fails).
  return statement.prepare === 'generic'
    ? { texts: ['set plan_cache_mode = force_generic_plan', execute, 'reset plan_cache_mode'], own: 1 }
    : { texts: [execute], own: 0 };
}

/**
 * Sends `statements` in one simple-query message on `connection` and gives each one's result.
 * One marked `prepare` runs as `EXECUTE` of a prepared statement named after its text, its values
 * written as the ORM writes them into its own text; on a connection that lacks it, its `PREPARE`
 * leads the message (so it still takes one round trip).
 */
export async function sendStatements(
  connection: Queryable,
  statements: readonly Statement[],
  quoting: Pick<Platform, 'quoteValue' | 'formatQuery'>,
): Promise<Result[]> {
  const prepares: string[] = [];
  const texts: string[] = [];
  /** The index in `texts` of each statement's own result (the rest set the plan's mode). */
  const own: number[] = [];
  const names = statements.some((statement) => statement.prepare) ? await preparedNames(connection) : undefined;
  const adding = new Set<string>();
  for (const statement of statements) {
    const name = statement.prepare ? statementName(statement.sql, 'sql') : undefined;
    if (name === undefined || names === undefined) {
      own.push(texts.length);
      texts.push(quoting.formatQuery(statement.sql, statement.params));
      continue;
    }
    if (!names.has(name) && !adding.has(name)) {
      prepares.push(prepareText(name, statement));
      adding.add(name);
    }
    const execute = executeTexts(name, statement, quoting);
    own.push(texts.length + execute.own);
    texts.push(...execute.texts);
  }
  let result: Result | Result[];
  try {
    result = (await connection.query({ text: [...prepares, ...texts].join(';\n') })) as Result | Result[];
  } catch (error) {
    if (prepares.length > 0) {
      preparedOn.delete(connection);
    }
    throw error;
  }
  for (const name of adding) {
    names!.add(name);
  }
  const results = (Array.isArray(result) ? result : [result]).slice(prepares.length);
  return own.map((index) => results[index]!);
}

/**
 * Runs several statements in one round trip (one simple-query message) and returns each one's
 * rows. Each runs with its own snapshot, as if sent one by one: a statement that waited for a
 * lock is followed by one that sees what the lock's holder committed. The first failure ends the
 * message (in a transaction, it fails the transaction). Statements marked `prepare` are parsed
 * once per connection (see {@link sendStatements}); the query log shows each with its values.
 */
export async function runStatements<T extends unknown[][]>(
  em: EntityManager,
  statements: readonly Statement[],
): Promise<T> {
  const platform = em.getPlatform();
  const started = Date.now();
  const results = await withConnection(em, (connection) => sendStatements(connection, statements, platform));
  const took = Date.now() - started;
  const logger = em.config.getLogger();
  if (logger.isEnabled('query')) {
    for (const [index, statement] of statements.entries()) {
      logger.logQuery({
        query: platform.formatQuery(statement.sql, statement.params),
        took,
        results: results[index]?.rows.length ?? 0,
      });
    }
  }
  return results.map((one) => one.rows) as T;
}
