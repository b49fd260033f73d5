import type { EntityManager } from '@mikro-orm/postgresql';

/** The schema graphile-worker installs and migrates itself (not part of our migrations). */
export const JOB_SCHEMA = 'graphile_worker';

export interface JobSpec {
  /** Not before this time; now when unset. */
  readonly runAt?: Date;
  /** A job with the same key is replaced (moved, with the new payload) rather than duplicated. */
  readonly jobKey?: string;
  readonly maxAttempts?: number;
  /** Jobs of one named queue run one at a time, in order (graphile-worker's `queue_name`). */
  readonly queueName?: string;
}

/** The public functions here exist to be atomic with the caller's change: refuse anything else. */
export function requireTransaction(tx: EntityManager, what: string): void {
  if (!tx.isInTransaction()) {
    throw new Error(`${what} must run inside the caller's transaction (em.transactional)`);
  }
}

/**
 * Enqueues a job with `graphile_worker.add_job` through `tx` itself, so it exists if and only if
 * the caller's transaction commits (and no worker sees it before). Returns the job id.
 */
export async function addJob(
  tx: EntityManager,
  identifier: string,
  payload: object,
  spec: JobSpec = {},
): Promise<string> {
  const [row] = await tx.execute<{ id: string }[]>(
    `select id::text as id from ${JOB_SCHEMA}.add_job(?,
       payload => ?::json,
       run_at => ?::timestamptz,
       max_attempts => ?::int,
       job_key => ?::text,
       job_key_mode => 'replace',
       queue_name => ?::text)`,
    [
      identifier,
      JSON.stringify(payload),
      spec.runAt?.toISOString() ?? null,
      spec.maxAttempts ?? null,
      spec.jobKey ?? null,
      spec.queueName ?? null,
    ],
  );
  return row!.id;
}

/** Drops the job with this key, in the caller's transaction (a running one will not be retried). */
export async function removeJob(tx: EntityManager, jobKey: string): Promise<void> {
  await tx.execute(`select 1 from ${JOB_SCHEMA}.remove_job(?::text)`, [jobKey]);
}
