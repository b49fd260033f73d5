import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupByKey } from '../../shared/batch.js';
import { Attachment, AttachmentStatus } from './attachment.entity.js';

/** Usable attachments by the chart item they belong to, batched per request. */
export function attachmentLoaders(em: EntityManager) {
  return {
    byMedicalRecord: batchLoader<string, Attachment[]>(async (recordIds) =>
      groupByKey(
        recordIds,
        await em.find(
          Attachment,
          { medicalRecord: { $in: [...recordIds] }, status: AttachmentStatus.READY },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        ),
        (attachment) => attachment.medicalRecord!.id,
      ),
    ),
    byLabOrder: batchLoader<string, Attachment[]>(async (orderIds) =>
      groupByKey(
        orderIds,
        await em.find(
          Attachment,
          { labOrder: { $in: [...orderIds] }, status: AttachmentStatus.READY },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        ),
        (attachment) => attachment.labOrder!.id,
      ),
    ),
  };
}
