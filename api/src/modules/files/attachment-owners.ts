import type { EntityManager } from '@mikro-orm/postgresql';
import { LabOrder } from '../labs/lab-order.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import type { CreateAttachmentUploadInput } from './attachment.inputs.js';

/**
 * The chart items a file can belong to, one line each: the input field naming it, the
 * attachment's relation to it, and whether an item of that id belongs to the patient. An upload
 * names exactly one of them.
 */
export const ATTACHMENT_OWNERS = [
  {
    field: 'medicalRecordId',
    relation: 'medicalRecord',
    what: 'a medical record of this patient',
    exists: (em: EntityManager, id: string, patientId: string) => em.count(MedicalRecord, { id, patient: patientId }),
  },
  {
    field: 'labOrderId',
    relation: 'labOrder',
    what: 'a lab order of this patient',
    exists: (em: EntityManager, id: string, patientId: string) => em.count(LabOrder, { id, patient: patientId }),
  },
] as const satisfies readonly {
  field: keyof CreateAttachmentUploadInput;
  relation: string;
  what: string;
  exists: (em: EntityManager, id: string, patientId: string) => Promise<number>;
}[];

export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];
