import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey } from '../../shared/batch.js';
import { Attachment, AttachmentStatus } from './attachment.entity.js';

/** The owner relations an attachment list is read by. */
type OwnerRelation = 'medicalRecord' | 'message';

/** Usable (READY) attachments of each owner of one kind, oldest first, batched per request. */
function readyAttachmentsBy(em: EntityManager, relation: OwnerRelation) {
  return batchLoader<string, Attachment[]>(async (ownerIds) =>
    groupByKey(
      ownerIds,
      await em.find(
        Attachment,
        { [relation]: { $in: [...ownerIds] }, status: AttachmentStatus.READY },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
      (attachment) => attachment[relation]!.id,
    ),
  );
}

/** Usable attachments by the chart item or message they belong to. */
export function attachmentLoaders(em: EntityManager) {
  return {
    byMedicalRecord: readyAttachmentsBy(em, 'medicalRecord'),
    byMessage: readyAttachmentsBy(em, 'message'),
  };
}
