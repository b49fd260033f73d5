import { helper, type EntityMetadata, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_SCHEMA, requireTransaction, type JobSpec } from './job-queue.js';
import { preparedQuery } from './prepared.js';
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
      /** A batch job ({@link deferBatchedJob}): its payload a list the drain may join with others'. */
      readonly batch?: boolean;
    }
  | { readonly kind: 'remove'; readonly jobKey: string };

interface Outbox {
  /** Per job key the last operation (a later add replaces, a later removal drops); unkeyed adds all. */
  readonly keyed: Map<string, JobOperation>;
  readonly unkeyed: JobOperation[];
  /** Per task and spec, the one job (in `unkeyed`) whose payload lists the batched items. */
  readonly batches: Map<string, object[]>;
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
    outbox = { keyed: new Map(), unkeyed: [], batches: new Map(), notices: [], inserts: [] };
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

/**
 * Queues `item` as one entry of a batch job for the end of the caller's transaction: all items of
 * one task (and spec) in the transaction go into one job whose payload is their list, in order (a
 * graphile-worker batch job: its task returns one promise per item, and only the items that failed
 * are retried). One job instead of one per item: one row added, fetched and completed (a booking's
 * two e-mails).
 */
export function deferBatchedJob(
  tx: EntityManager,
  identifier: string,
  item: object,
  spec: Omit<JobSpec, 'jobKey'> = {},
): void {
  const outbox = outboxOf(tx, 'deferBatchedJob');
  const batch = `${identifier}\n${spec.runAt?.toISOString() ?? ''}\n${spec.maxAttempts ?? ''}\n${spec.queueName ?? ''}`;
  const items = outbox.batches.get(batch);
  if (items) {
    items.push(item);
    return;
  }
  const payload = [item];
  outbox.batches.set(batch, payload);
  outbox.unkeyed.push({ kind: 'add', identifier, payload, spec, batch: true });
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

/** The job rows of `add_jobs`, as the outbox keeps them (and `json_to_recordset` reads them). */
interface JobRow {
  readonly identifier: string;
  readonly payload: object;
  readonly run_at: string | null;
  readonly max_attempts: number | null;
  readonly job_key: string | null;
  readonly queue_name: string | null;
  /** A batch job's list, which the drain joins with the same task's lists of other transactions. */
  readonly batch?: true;
}

/** Transactions that wrote outbox entries: drained once they commit. */
const written = new WeakSet<object>();

type Notice = { readonly channel: string; readonly payload: string };
type CommittedNoticeListener = (payload: string) => void;

/** Per ORM (its configuration, shared by every fork), per channel: who hears this process's own notices at their commit. */
const committedListeners = new WeakMap<object, Map<string, Set<CommittedNoticeListener>>>();
/** The notices of a transaction whose outbox was sent, kept until it commits (or is dropped with it). */
const sentNotices = new WeakMap<object, readonly Notice[]>();

/**
 * Tells `listener` of every notice on `channel` that a transaction of this process (of `em`'s ORM)
 * sends, as soon as that transaction has committed: before the outbox's drain sends the NOTIFY
 * (one more statement and commit), which still follows and reaches every process, this one
 * included. A hint for a reader of committed rows that is woken by the notice anyway (a listener
 * must take the same notice twice); never for a transaction that did not commit. Returns the
 * function that stops it.
 */
export function onCommittedNotice(em: EntityManager, channel: string, listener: CommittedNoticeListener): () => void {
  let channels = committedListeners.get(em.config);
  if (!channels) {
    channels = new Map();
    committedListeners.set(em.config, channels);
  }
  let listeners = channels.get(channel);
  if (!listeners) {
    listeners = new Set();
    channels.set(channel, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells this process's listeners of a committed transaction's notices, in order. */
function tellCommitted(em: EntityManager, notices: readonly Notice[]): void {
  const channels = committedListeners.get(em.config);
  for (const { channel, payload } of notices) {
    for (const listener of channels?.get(channel) ?? []) {
      try {
        listener(payload);
      } catch {
        // A hint only: the NOTIFY follows from the drain.
      }
    }
  }
}

/**
 * Sends what the transaction deferred, in one statement: its new rows, and its job removals, jobs
 * and notices as `transaction_outbox` entries (a job's condition decided here, in the
 * transaction). No NOTIFY leaves in the transaction itself: PostgreSQL holds one lock for all
 * databases from a notifying transaction's commit record through its flush, so commits that
 * notify are serialized. The entries commit with the change, and the {@link OutboxDrainer} moves
 * them into graphile-worker and sends the notices right after (`OutboxSubscriber`). Runs at most
 * once per outbox; the {@link OutboxSubscriber} runs it before every commit, so nothing deferred
 * is ever left behind. With `withCommit` the statement leaves in one message with the COMMIT
 * (`sendWithCommit`).
 */
export async function sendOutbox(tx: EntityManager, options: { readonly withCommit?: boolean } = {}): Promise<void> {
  const outbox = outboxes.get(tx);
  outboxes.delete(tx);
  if (!outbox) {
    return;
  }
  const operations = [...outbox.keyed.values(), ...outbox.unkeyed];
  const conditions: string[] = [];
  const conditionOf = (condition: JobCondition | undefined) => {
    if (!condition) {
      return null;
    }
    const known = conditions.indexOf(condition.sql);
    return known >= 0 ? known : conditions.push(condition.sql) - 1;
  };
  const entries = [
    ...operations.flatMap((op) => (op.kind === 'remove' ? [{ kind: 'remove', body: { job_key: op.jobKey } }] : [])),
    ...operations.flatMap((op) =>
      op.kind === 'add'
        ? [
            {
              kind: 'job',
              body: {
                identifier: op.identifier,
                payload: op.payload,
                run_at: op.spec.runAt?.toISOString() ?? null,
                max_attempts: op.spec.maxAttempts ?? null,
                job_key: op.spec.jobKey ?? null,
                queue_name: op.spec.queueName ?? null,
                ...(op.batch ? { batch: true as const } : {}),
              } satisfies JobRow,
              cond: conditionOf(op.condition),
              arg: op.condition?.arg ?? null,
            },
          ]
        : [],
    ),
    ...outbox.notices.map((notice) => ({ kind: 'notice', body: notice })),
  ];
  // Parameters as JSON: the query builder would spread a JS array into a list of values.
  const { ctes, values } = insertExpressions(tx, outbox.inserts);
  if (entries.length > 0) {
    // In the given order (the entries' ids are the order the drainer applies them in).
    ctes.push(`outboxed as (insert into "transaction_outbox" ("kind", "body")
       select j.kind, j.body from json_to_recordset(?::json) as j(kind text, body json, cond int, arg text, ord int)
        ${conditions.length === 0 ? '' : `where j.cond is null or case j.cond ${conditions.map((sql, i) => `when ${i} then (${sql})`).join(' ')} end`}
        order by j.ord)`);
    values.push(JSON.stringify(entries.map((entry, ord) => ({ ...entry, ord }))));
    written.add(tx);
    if (outbox.notices.length > 0 && committedListeners.has(tx.config)) {
      sentNotices.set(tx, outbox.notices);
    }
  }
  if (ctes.length > 0) {
    const sql = `with ${ctes.join(', ')} select true`;
    // With the commit: one message with the COMMIT (its failure is the commit's), else sent now.
    // Prepared (parsed once per connection, then planned once): the text is fixed per set of
    // tables, columns and job conditions; the rows are its JSON values.
    if (!options.withCommit || !(await sendWithCommit(tx, { sql, params: values, prepare: true }))) {
      await tx.execute(sql, values);
    }
  }
}

/** Entries moved per drain transaction. */
const DRAIN_BATCH = 1_000;

/**
 * Moves committed `transaction_outbox` entries into graphile-worker and sends their notices, one
 * transaction per batch: the entries are deleted in the transaction that adds their jobs, so each
 * is applied once (a drain that fails or dies leaves them all for the next). Entries are taken in
 * `id` order and locked (`for update`, no skipping): a drain in another process that took earlier
 * entries is waited for, so a job key's operations apply in their order. Of one key's operations
 * in one batch the last is applied (a later add replaces, a later removal drops, as in the
 * transaction). The drain commits asynchronously (`synchronous_commit` off): its NOTIFY (of
 * graphile-worker's `add_jobs`, and the notices) holds PostgreSQL's notify lock only for the
 * commit itself, not for a flush. A database crash may lose such a commit; its entries, durable
 * with their change, are then drained again (at least once, as graphile-worker runs jobs).
 *
 * One drainer per ORM: {@link OutboxSubscriber} asks it after each commit that wrote entries
 * (calls coalesce: one drain serves every commit before it started), and
 * {@link startOutboxSweep} every few seconds for entries a crash left behind.
 */
export class OutboxDrainer {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  /** Told of a failed drain (the entries stay for the next one). */
  onError: (error: unknown) => void = () => undefined;

  constructor(private readonly em: EntityManager) {}

  /** Resolves once a drain that started after this call has ended (failures go to `onError`). */
  drain(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.drain();
    });
    return this.next;
  }

  private async run(): Promise<void> {
    try {
      while ((await this.drainBatch()) === DRAIN_BATCH) {
        // a full batch: there may be more
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * One statement (its own transaction: one round trip): takes up to a batch of entries and
   * applies them; returns how many it took. Prepared: each connection plans it once (planning it
   * afresh cost about as much as running it for a booking's entries).
   */
  private async drainBatch(): Promise<number> {
    // Not in the query log: background bookkeeping, like graphile-worker's own statements (a
    // sweep at any moment would otherwise show up among a request's statements).
    const [row] = await preparedQuery<{ taken: string }>(this.em.fork(), 'outbox-drain', DRAIN, [], { quiet: true });
    return Number(row?.taken ?? 0);
  }
}

/**
 * The drain: the entries taken (deleted) in order; of one job key's operations the last; removals,
 * jobs (`add_jobs` only when there are any: it notifies) and notices, in one statement. The batch
 * jobs of one task and spec join into one job, their lists in entry order (as one transaction's
 * do, see {@link deferBatchedJob}): bookings drained together send their e-mails from one job,
 * fetched and completed once. Each key's last operation comes from one window over the batch (a
 * look-up per entry was quadratic: a backlog's full batch of 1,020 entries cost PostgreSQL 53–86 ms
 * of CPU, 14–20 ms so), and the jobs' array is built once (`materialized`: inlined, it was built
 * twice, for the `cardinality` test and for `add_jobs`). The entries are deleted by the array of the
 * ids locked (an index look-up each): as `id in (…)` the planner may join them to a scan of the
 * whole outbox, which between two vacuums holds every entry drained since (under bookings at 200
 * a second, 500–1,300 blocks a drain against 300–730 so, and 2.8–5.5 ms against 2.3–4.0).
 */
export const DRAIN = `with taken as (
    delete from "transaction_outbox" where id = any(array(
      select id from "transaction_outbox" order by id limit ${DRAIN_BATCH} for update))
    returning id, kind, body),
  latest as (
    select t.id, t.kind, t.body from (
        select t.*, max(t.id) filter (where t.kind <> 'notice') over (partition by t.body->>'job_key') as last
          from taken t) t
     where t.kind = 'notice' or t.body->>'job_key' is null or t.id = t.last),
  specs as (
    select l.id, j.* from latest l, jsonb_to_record(l.body)
        as j(identifier text, payload jsonb, queue_name text, run_at timestamptz, max_attempts int, job_key text, batch boolean)
     where l.kind = 'job'),
  jobs as (
    select s.id, s.identifier, s.payload::json as payload, s.queue_name, s.run_at, s.max_attempts, s.job_key
      from specs s where s.batch is not true
    union all
    select min(s.id), s.identifier, jsonb_agg(item.value order by s.id, item.n)::json, s.queue_name, s.run_at, s.max_attempts, null
      from specs s, jsonb_array_elements(s.payload) with ordinality as item(value, n)
     where s.batch
     group by s.identifier, s.queue_name, s.run_at, s.max_attempts),
  job_specs as materialized (
    select array(
        select row(j.identifier, j.payload, j.queue_name, j.run_at, j.max_attempts, j.job_key, null, null)::${JOB_SCHEMA}.job_spec
          from jobs j order by j.id) as specs)
  select set_config('synchronous_commit', 'off', true) is not null as async,
    (select count(*) from taken) as taken,
    (select count(*) from latest l, ${JOB_SCHEMA}.remove_job(l.body->>'job_key') where l.kind = 'remove') as removed,
    (select count(*) from job_specs s, ${JOB_SCHEMA}.add_jobs(s.specs, false) where cardinality(s.specs) > 0) as added,
    (select count(*) from (
       select pg_notify(l.body->>'channel', l.body->>'payload') from latest l where l.kind = 'notice' order by l.id) sent) as notified`;

/** One drainer per ORM (its configuration, shared by every fork). */
const drainers = new WeakMap<object, OutboxDrainer>();

/** The drainer of the ORM `em` belongs to. */
export function outboxDrainer(em: EntityManager): OutboxDrainer {
  let drainer = drainers.get(em.config);
  if (!drainer) {
    drainer = new OutboxDrainer(em.fork());
    drainers.set(em.config, drainer);
  }
  return drainer;
}

/** How often every process looks for entries left behind (a process that died between a commit and its drain). */
export const OUTBOX_SWEEP_MS = 2_000;

/**
 * Drains the outbox now and every {@link OUTBOX_SWEEP_MS} (crash safety: entries whose process
 * died before draining them), logging failures. `stop` ends the sweep and waits for a drain under way.
 */
export function startOutboxSweep(
  em: EntityManager,
  onError: (error: unknown) => void,
  intervalMs = OUTBOX_SWEEP_MS,
): { stop(): Promise<void> } {
  const drainer = outboxDrainer(em);
  drainer.onError = onError;
  void drainer.drain();
  const timer = setInterval(() => void drainer.drain(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      drainer.onError = () => undefined;
      await drainer.drain();
    },
  };
}

/**
 * Sends each transaction's outbox with its commit, in one round trip (root transactions;
 * MikroORM's hook; see `round-trips.ts`), and once it committed, tells this process's listeners
 * of its notices ({@link onCommittedNotice}) and has the drainer move its entries into
 * graphile-worker (awaited: the change's jobs exist when its caller goes on; a failed drain is
 * left to the sweep, never the caller's error: the change committed).
 */
export class OutboxSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    await sendOutbox(args.em as EntityManager, { withCommit: true });
  }

  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const notices = sentNotices.get(args.em);
    if (notices) {
      // This process's own readers first: they need not wait for the drain's NOTIFY.
      sentNotices.delete(args.em);
      tellCommitted(args.em as EntityManager, notices);
    }
    if (written.delete(args.em)) {
      await outboxDrainer(args.em as EntityManager).drain();
    }
  }
}
