/**
 * Rows kept only for a while (idempotency keys, sign-in challenges, password resets): each table's
 * owner states what "expired" means as a rule, and one recurring job deletes such rows in small
 * batches, each batch its own short statement, so the cleanup never holds a long lock.
 */
export interface RetentionRule {
  /** The table, as written in SQL. */
  readonly table: string;
  /** An SQL condition on the table's own columns that is true once a row may go. */
  readonly expired: string;
  /** Why rows may go then (for the reader; the job logs the table only). */
  readonly why: string;
}

/** How a statement is run: graphile-worker's `helpers.query`, a pg client, or a pool. */
export type RunQuery = (sql: string, values?: unknown[]) => Promise<{ rowCount: number | null }>;

export const RETENTION_BATCH_SIZE = 1000;

/**
 * Deletes the expired rows of each table, `batchSize` at a time, until a batch comes back short.
 * Answers how many rows went, per table.
 */
export async function pruneExpiredRows(
  run: RunQuery,
  rules: readonly RetentionRule[],
  batchSize = RETENTION_BATCH_SIZE,
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    let total = 0;
    for (;;) {
      const result = await run(
        `with doomed as (select ctid from ${rule.table} where ${rule.expired} limit $1)
         delete from ${rule.table} t using doomed where t.ctid = doomed.ctid`,
        [batchSize],
      );
      const count = result.rowCount ?? 0;
      total += count;
      if (count < batchSize) {
        break;
      }
    }
    deleted[rule.table] = total;
  }
  return deleted;
}
