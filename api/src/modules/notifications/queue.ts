// The queue is infrastructure every module may use (identity enqueues password-reset e-mails).
export { addJob, JOB_SCHEMA, removeJob, requireTransaction, type JobSpec } from '../../shared/job-queue.js';
export { deferBatchedJob, deferInsert, deferJob, deferRemoveJob } from '../../shared/transaction-outbox.js';
