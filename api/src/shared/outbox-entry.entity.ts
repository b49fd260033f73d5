import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What a committed transaction left for after its commit (`transaction-outbox.ts`): a job to add
 * to graphile-worker, a job key to remove, or a notice to send with NOTIFY. Written in the
 * transaction's own outbox statement, so it exists if and only if the change commits; moved into
 * graphile-worker (and its notices sent) by the outbox drainer, which deletes the row in the same
 * transaction: each entry is applied exactly once, in `id` order. The table is empty but for the
 * moments between a commit and its drain (or a crash and the next sweep).
 */
@Entity({ tableName: 'transaction_outbox' })
export class OutboxEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** `job` (add), `remove` (a job key) or `notice` (NOTIFY). */
  @Property({ type: 'text' })
  kind!: string;

  /** The job's spec, the job key, or the notice's channel and payload (ids only, never content). */
  @Property({ type: 'json' })
  body!: object;
}
