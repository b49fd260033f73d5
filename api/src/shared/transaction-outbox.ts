import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_SCHEMA, requireTransaction, type JobSpec } from './job-queue.js';

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
export const MAX_NOTIFY_BYTES = 7_999;

type JobOperation =
  | { readonly kind: 'add'; readonly identifier: string; readonly payload: object; readonly spec: JobSpec }
  | { readonly kind: 'remove'; readonly jobKey: string };

interface Outbox {
  /** Per job key the last operation (a later add replaces, a later removal drops); unkeyed adds all. */
  readonly keyed: Map<string, JobOperation>;
  readonly unkeyed: JobOperation[];
  readonly notices: { channel: string; payload: string }[];
}

/** Keyed by the transaction's entity manager: a retried transaction (a new fork) starts empty. */
const outboxes = new WeakMap<object, Outbox>();

function outboxOf(tx: EntityManager, what: string): Outbox {
  requireTransaction(tx, what);
  let outbox = outboxes.get(tx);
  if (!outbox) {
    outbox = { keyed: new Map(), unkeyed: [], notices: [] };
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
export function deferJob(tx: EntityManager, identifier: string, payload: object, spec: JobSpec = {}): void {
  const outbox = outboxOf(tx, 'deferJob');
  const operation: JobOperation = { kind: 'add', identifier, payload, spec };
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
 * Sends what the transaction deferred, in one statement: removals, then the jobs through
 * `add_jobs` (a job key still replaces), then the notices. Runs at most once per outbox; the
 * {@link OutboxSubscriber} runs it before every commit, so nothing deferred is ever left behind.
 */
export async function sendOutbox(tx: EntityManager): Promise<void> {
  const outbox = outboxes.get(tx);
  outboxes.delete(tx);
  if (!outbox) {
    return;
  }
  const operations = [...outbox.keyed.values(), ...outbox.unkeyed];
  const removals = operations.flatMap((op) => (op.kind === 'remove' ? [op.jobKey] : []));
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
          },
        ]
      : [],
  );
  // Parameters as JSON: the query builder would spread a JS array into a list of values.
  const parts: string[] = [];
  const values: unknown[] = [];
  if (removals.length > 0) {
    parts.push(
      `(select count(*) from json_array_elements_text(?::json) as k(key), ${JOB_SCHEMA}.remove_job(k.key)) as removed`,
    );
    values.push(JSON.stringify(removals));
  }
  if (jobs.length > 0) {
    parts.push(`(select count(*) from ${JOB_SCHEMA}.add_jobs(array(
       select row(j.identifier, j.payload, j.queue_name, j.run_at, j.max_attempts, j.job_key, null, null)::${JOB_SCHEMA}.job_spec
         from json_to_recordset(?::json) as j(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text)), false)) as added`);
    values.push(JSON.stringify(jobs));
  }
  if (outbox.notices.length > 0) {
    parts.push(`(select count(*) from (
       select pg_notify(n.channel, n.payload) from json_to_recordset(?::json) as n(channel text, payload text)) sent) as notified`);
    values.push(JSON.stringify(outbox.notices));
  }
  if (parts.length > 0) {
    await tx.execute(`select ${parts.join(', ')}`, values);
  }
}

/** Sends each transaction's outbox just before it commits (root transactions; MikroORM's hook). */
export class OutboxSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    await sendOutbox(args.em as EntityManager);
  }
}
