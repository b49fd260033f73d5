import type { RetentionRule } from '../../shared/retention.js';

/** How long a file uploaded into a conversation may wait to be sent before it goes. */
export const UNSENT_UPLOAD_RETENTION = '1 day';

/**
 * Attachments that never became part of anything, pruned with their stored bytes (the file store
 * is called for each, before its row goes):
 * - an upload whose link ran out a day ago without the bytes arriving (PENDING): nothing can
 *   arrive any more, and the row only names a file that was never received;
 * - a file uploaded into a conversation and not sent with a message within a day: only its
 *   uploader ever saw it, and it is medical data no one asked the clinic to keep.
 * Files of records, lab orders and sent messages are never touched.
 */
export const ATTACHMENT_RETENTION: readonly RetentionRule[] = [
  {
    table: 'attachment',
    expired: `status = 'PENDING' and upload_expires_at < now() - interval '1 day'`,
    why: 'An upload link lives minutes; a day after it ran out no bytes can arrive.',
    storedFile: 'storage_key',
  },
  {
    table: 'attachment',
    expired: `message_thread_id is not null and message_id is null and status <> 'PENDING'
      and uploaded_at < now() - interval '${UNSENT_UPLOAD_RETENTION}'`,
    why: 'A file uploaded into a conversation but never sent: seen only by its uploader.',
    storedFile: 'storage_key',
  },
];
