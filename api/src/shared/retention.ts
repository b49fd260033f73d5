/**
 * Rows kept only for a while (idempotency keys, sign-in challenges, password resets, attachments
 * whose upload never came or was never sent): each table's owner states what "expired" means as a
 * rule, and one recurring job deletes such rows in small batches, each batch its own short
 * statement, so the cleanup never holds a long lock.
 */
export interface RetentionRule {
  /** The table, as written in SQL. */
  readonly table: string;
  /** An SQL condition on the table's own columns that is true once a row may go. */
  readonly expired: string;
  /** Why rows may go then (for the reader; the job logs the table only). */
  readonly why: string;
  /**
   * A column holding the key of bytes kept in the file store (attachments): each row's bytes are
   * removed from the store before the row goes, and a row whose bytes could not be removed stays
   * for the next run — never a stored file without its row.
   */
  readonly storedFile?: string;
}

/** How a statement is run: graphile-worker's `helpers.query`, a pg client, or a pool. */
export type RunQuery = (sql: string, values?: unknown[]) => Promise<{ rowCount: number | null; rows: unknown[] }>;

/** Runs `work` in one transaction on one connection (graphile-worker's `helpers.withPgClient`, a pg client). */
export type InTransaction = <T>(work: (run: RunQuery) => Promise<T>) => Promise<T>;

/** What rules with stored files need: a transaction to lock rows in, and the file store. */
export interface StoredFileRemoval {
  readonly transaction: InTransaction;
  /** Removes the bytes under a key from the file store (removing missing bytes is no error). */
  readonly remove: (key: string) => Promise<void>;
}

export const RETENTION_BATCH_SIZE = 1000;
/** Rows with stored files go fewer at a time: their rows stay locked while the store is called. */
export const STORED_FILE_BATCH_SIZE = 100;

/**
 * Deletes the expired rows of each table, `batchSize` at a time, until a batch comes back short.
 * Rules with stored files go through {@link pruneStoredFiles} (and need `files`). Answers how many
 * rows went, per table.
 */
export async function pruneExpiredRows(
  run: RunQuery,
  rules: readonly RetentionRule[],
  batchSize = RETENTION_BATCH_SIZE,
  files?: StoredFileRemoval,
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    let total = 0;
    if (rule.storedFile) {
      if (!files) {
        throw new Error(`The retention rule for ${rule.table} removes stored files: pass the file store.`);
      }
      total = await pruneStoredFiles(files, rule, Math.min(batchSize, STORED_FILE_BATCH_SIZE));
    } else {
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
    }
    deleted[rule.table] = (deleted[rule.table] ?? 0) + total;
  }
  return deleted;
}

/**
 * A rule's expired rows with stored bytes, a batch per transaction: the rows are locked (others
 * skipped: someone is using them), their bytes removed from the store, then the rows deleted —
 * a row whose bytes could not be removed is kept for the next run. A change waiting on a locked
 * row (a message sending an upload) finds it gone and refuses it.
 */
async function pruneStoredFiles(files: StoredFileRemoval, rule: RetentionRule, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { taken, gone } = await files.transaction(async (run) => {
      const { rows } = await run(
        `select ctid::text as ctid, ${rule.storedFile} as key from ${rule.table}
          where ${rule.expired} limit $1 for update skip locked`,
        [batchSize],
      );
      const removed: string[] = [];
      for (const row of rows as { ctid: string; key: string }[]) {
        try {
          await files.remove(row.key);
          removed.push(row.ctid);
        } catch {
          // Kept: tried again next run (the store may be down for a moment).
        }
      }
      if (removed.length > 0) {
        await run(`delete from ${rule.table} where ctid = any($1::tid[])`, [removed]);
      }
      return { taken: rows.length, gone: removed.length };
    });
    total += gone;
    if (taken < batchSize || gone === 0) {
      return total;
    }
  }
}
