import { helper, type EntityMetadata, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_SCHEMA, requireTransaction, type JobSpec } from './job-queue.js';
import { sendWithCommit } from './round-trips.js';

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
export const MAX_NOTIFY_BYTES = 7_999;

/**
 * A job added only if, in the outbox's statement, `sql` (a boolean SQL expression, fixed text of
 * the caller's, naming its argument `j.arg`) is true for `arg`. Decided inside the transaction:
 * the caller must make sure nothing that would make it true can commit between that statement
 * and its own commit unseen (a lock taken earlier in the transaction; see `enqueueWebhookFanout`).
 */
export interface JobCondition {
  readonly sql: string;
  readonly arg: string;
}

type JobOperation =
  | {
      readonly kind: 'add';
      readonly identifier: string;
      readonly payload: object;
      readonly spec: JobSpec;
      readonly condition?: JobCondition | undefined;
    }
  | { readonly kind: 'remove'; readonly jobKey: string };

interface Outbox {
  /** Per job key the last operation (a later add replaces, a later removal drops); unkeyed adds all. */
  readonly keyed: Map<string, JobOperation>;
  readonly unkeyed: JobOperation[];
  readonly notices: { channel: string; payload: string }[];
  /** New entities written by the outbox's statement, in the order given. */
  readonly inserts: object[];
}

/** Keyed by the transaction's entity manager: a retried transaction (a new fork) starts empty. */
const outboxes = new WeakMap<object, Outbox>();

function outboxOf(tx: EntityManager, what: string): Outbox {
  requireTransaction(tx, what);
  let outbox = outboxes.get(tx);
  if (!outbox) {
    outbox = { keyed: new Map(), unkeyed: [], notices: [], inserts: [] };
    outboxes.set(tx, outbox);
  }
  return outbox;
}

/**
 * Queues a graphile-worker job for the end of the caller's transaction (as `addJob` does, with a
 * job key replacing the job under that key): it exists if and only if the transaction commits.
 * All jobs and notices of one transaction leave in one statement ({@link sendOutbox}, which the
 * transaction's commit runs): a booking's five jobs and three wake-ups cost one round trip.
 */
export function deferJob(
  tx: EntityManager,
  identifier: string,
  payload: object,
  spec: JobSpec = {},
  condition?: JobCondition,
): void {
  const outbox = outboxOf(tx, 'deferJob');
  const operation: JobOperation = { kind: 'add', identifier, payload, spec, condition };
  if (spec.jobKey) {
    outbox.keyed.delete(spec.jobKey); // re-inserted last: the order of operations is kept
    outbox.keyed.set(spec.jobKey, operation);
  } else {
    outbox.unkeyed.push(operation);
  }
}

/** Drops the job under this key at the end of the caller's transaction (as `removeJob` does). */
export function deferRemoveJob(tx: EntityManager, jobKey: string): void {
  const outbox = outboxOf(tx, 'deferRemoveJob');
  outbox.keyed.delete(jobKey);
  outbox.keyed.set(jobKey, { kind: 'remove', jobKey });
}

/** `pg_notify(channel, payload)` at the end of the caller's transaction (delivered on commit). */
export function deferNotify(tx: EntityManager, channel: string, payload: string): void {
  if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
    throw new Error(`deferNotify: the notice on ${channel} is too long for NOTIFY`);
  }
  outboxOf(tx, 'deferNotify').notices.push({ channel, payload });
}

/**
 * Inserts these new entities (made with `persist: false`, or made by `create` and not flushed yet:
 * they leave the unit of work, as with `em.insert`) in the transaction's outbox statement, just
 * before its commit, together with its jobs and notices: one round trip for a change's rows and
 * what follows them. Until then the rows are not in the database (nothing in the transaction may
 * read them back, or flush a row whose foreign key names them; constraints speak at the commit).
 */
export function deferInsert(tx: EntityManager, entities: readonly object[]): void {
  const outbox = outboxOf(tx, 'deferInsert');
  const unitOfWork = tx.getUnitOfWork();
  for (const entity of entities) {
    if (helper(entity).__managed) {
      throw new Error('deferInsert: the entity is already in the database');
    }
    unitOfWork.getPersistStack().delete(entity);
    unitOfWork.unsetIdentity(entity);
    outbox.inserts.push(entity);
  }
}

/**
 * The deferred entities as `insert … select … from json_populate_recordset(…)` common table
 * expressions, one per table (its rows as one JSON parameter, typed by PostgreSQL from the
 * table's own row type), with their parameters.
 */
function insertExpressions(tx: EntityManager, entities: readonly object[]): { ctes: string[]; values: unknown[] } {
  const tables = new Map<EntityMetadata, Record<string, unknown>[]>();
  const comparator = tx.getComparator();
  for (const entity of entities) {
    const meta = helper(entity).__meta as EntityMetadata;
    const data = comparator.prepareEntity(entity) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(data)) {
      const prop = meta.properties[name];
      if (!prop || prop.persist === false || value === undefined) {
        continue;
      }
      if (prop.fieldNames.length !== 1) {
        throw new Error(`deferInsert: ${meta.className}.${name} spans ${prop.fieldNames.length} columns`);
      }
      row[prop.fieldNames[0]!] = value;
    }
    const rows = tables.get(meta) ?? [];
    rows.push(row);
    tables.set(meta, rows);
  }
  const ctes: string[] = [];
  const values: unknown[] = [];
  for (const [meta, rows] of tables) {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((column) => `"${column}"`).join(', ');
    const table = `"${meta.tableName}"`;
    ctes.push(
      `inserted_${ctes.length} as (insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ?::json))`,
    );
    values.push(JSON.stringify(rows));
  }
  return { ctes, values };
}

/**
 * Sends what the transaction deferred, in one statement: its new rows, removals, then the jobs through
 * `add_jobs` (a job key still replaces), then the notices. Runs at most once per outbox; the
 * {@link OutboxSubscriber} runs it before every commit, so nothing deferred is ever left behind.
 * With `withCommit` the statement leaves in one message with the COMMIT (`sendWithCommit`).
 */
export async function sendOutbox(tx: EntityManager, options: { readonly withCommit?: boolean } = {}): Promise<void> {
  const outbox = outboxes.get(tx);
  outboxes.delete(tx);
  if (!outbox) {
    return;
  }
  const operations = [...outbox.keyed.values(), ...outbox.unkeyed];
  const removals = operations.flatMap((op) => (op.kind === 'remove' ? [op.jobKey] : []));
  const conditions: string[] = [];
  const conditionOf = (condition: JobCondition | undefined) => {
    if (!condition) {
      return null;
    }
    const known = conditions.indexOf(condition.sql);
    return known >= 0 ? known : conditions.push(condition.sql) - 1;
  };
  const jobs = operations.flatMap((op) =>
    op.kind === 'add'
      ? [
          {
            identifier: op.identifier,
            payload: op.payload,
            run_at: op.spec.runAt?.toISOString() ?? null,
            max_attempts: op.spec.maxAttempts ?? null,
            job_key: op.spec.jobKey ?? null,
            queue_name: op.spec.queueName ?? null,
            cond: conditionOf(op.condition),
            arg: op.condition?.arg ?? null,
          },
        ]
      : [],
  );
  // Parameters as JSON: the query builder would spread a JS array into a list of values.
  const { ctes, values } = insertExpressions(tx, outbox.inserts);
  const parts: string[] = [];
  if (removals.length > 0) {
    parts.push(
      `(select count(*) from json_array_elements_text(?::json) as k(key), ${JOB_SCHEMA}.remove_job(k.key)) as removed`,
    );
    values.push(JSON.stringify(removals));
  }
  if (jobs.length > 0) {
    parts.push(`(select count(*) from ${JOB_SCHEMA}.add_jobs(array(
       select row(j.identifier, j.payload, j.queue_name, j.run_at, j.max_attempts, j.job_key, null, null)::${JOB_SCHEMA}.job_spec
         from json_to_recordset(?::json) as j(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text, cond int, arg text)
        ${conditions.length === 0 ? '' : `where j.cond is null or case j.cond ${conditions.map((sql, i) => `when ${i} then (${sql})`).join(' ')} end`}), false)) as added`);
    values.push(JSON.stringify(jobs));
  }
  if (outbox.notices.length > 0) {
    parts.push(`(select count(*) from (
       select pg_notify(n.channel, n.payload) from json_to_recordset(?::json) as n(channel text, payload text)) sent) as notified`);
    values.push(JSON.stringify(outbox.notices));
  }
  if (parts.length > 0 || ctes.length > 0) {
    const sql = `${ctes.length > 0 ? `with ${ctes.join(', ')} ` : ''}select ${parts.join(', ') || 'true'}`;
    // With the commit: one message with the COMMIT (its failure is the commit's), else sent now.
    if (!options.withCommit || !(await sendWithCommit(tx, tx.getPlatform().formatQuery(sql, values)))) {
      await tx.execute(sql, values);
    }
  }
}

/**
 * Sends each transaction's outbox with its commit, in one round trip (root transactions;
 * MikroORM's hook; see `round-trips.ts`).
 */
export class OutboxSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    await sendOutbox(args.em as EntityManager, { withCommit: true });
  }
}
