import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { readChildrenInOrder } from '../../shared/read-rows.js';
import { Attachment, AttachmentStatus } from './attachment.entity.js';

/** The owner relations an attachment list is read by. */
type OwnerRelation = 'medicalRecord' | 'labOrder' | 'message';

/**
 * Usable (READY) attachments of each owner of one kind, oldest first, batched per request: read
 * rows, one part of the request's round trip.
 */
function readyAttachmentsBy(em: EntityManager, relation: OwnerRelation) {
  return batchLoader<string, Attachment[]>((ownerIds) =>
    readChildrenInOrder(
      em,
      Attachment,
      relation,
      ownerIds,
      'p.created_at, p.id',
      `status = '${AttachmentStatus.READY}'`,
    ),
  );
}

/** Usable attachments by the chart item or message they belong to. */
export function attachmentLoaders(em: EntityManager) {
  return {
    byMedicalRecord: readyAttachmentsBy(em, 'medicalRecord'),
    byLabOrder: readyAttachmentsBy(em, 'labOrder'),
    byMessage: readyAttachmentsBy(em, 'message'),
  };
}
