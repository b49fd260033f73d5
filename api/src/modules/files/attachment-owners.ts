import type { Context } from '../../server/context.js';
import { badInput, forbidden } from '../../shared/errors.js';
import { auditFieldsOf, chartRead } from '../identity/access-control.js';
import type { UserActor } from '../identity/actor.js';
import { Message } from '../messages/message.entity.js';
import { isThreadParticipant } from '../messages/messages.policy.js';
import { MessagesService, partiesOf } from '../messages/messages.service.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import type { Attachment } from './attachment.entity.js';

/** The input fields that name an attachment's owner; exactly one is given. */
export const OWNER_FIELDS = ['medicalRecordId', 'labOrderId', 'messageId', 'messageThreadId'] as const;
export type OwnerField = (typeof OWNER_FIELDS)[number];

/** What a new attachment is tied to: owner columns by id, and what its audit event adds. */
export interface OwnerClaim {
  readonly columns: { readonly medicalRecord?: string; readonly messageThread?: string; readonly message?: string };
  readonly audit: { readonly emergency: boolean; readonly reason: string | undefined };
}

/** An audit read entry (the trail's own shape, without the action). */
export type AttachmentRead = Parameters<Context['audit']['read']>[0];

/**
 * One kind of thing files belong to. The one table below holds every kind: who may attach to it
 * (at the upload), and who may read its files (every path: fields, the `attachment` query, the
 * download route) — so a new owner (lab orders) is one entry, not a change in each path.
 */
export interface AttachmentOwnerKind {
  /** The input fields naming an owner of this kind. */
  readonly inputFields: readonly OwnerField[];
  /** Whether this kind owns the attachment (by its owner columns). */
  owns(attachment: Attachment): boolean;
  /**
   * Checks that the actor may attach a file of patient `patientId` to the owner `ownerId` named
   * by `field` (FORBIDDEN, CONFLICT or BAD_USER_INPUT naming the field otherwise).
   */
  claim(ctx: Context, actor: UserActor, field: OwnerField, ownerId: string, patientId: string): Promise<OwnerClaim>;
  /** Asserts the actor may read the attachment (FORBIDDEN otherwise); answers the audit read. */
  authorizeRead(ctx: Context, attachment: Attachment): Promise<AttachmentRead>;
}

/**
 * A medical record's files are part of the chart: the doctor who may write the chart attaches;
 * who may read the patient's clinical content reads (the patient, caring doctors, an emergency
 * grant, a partner with `clinical:read` under the patient's consent), administrators never.
 */
const medicalRecordOwner: AttachmentOwnerKind = {
  inputFields: ['medicalRecordId'],
  owns: (attachment) => Boolean(attachment.medicalRecord),
  async claim(ctx, _actor, field, recordId, patientId) {
    // The same answer whether or not the record exists.
    const access = await ctx.access.assertClinicalWrite(patientId);
    const record = await ctx.em.findOne(MedicalRecord, { id: recordId, patient: patientId });
    if (!record) {
      throw badInput([{ field: `input.${field}`, message: 'must be a medical record of this patient' }]);
    }
    return { columns: { medicalRecord: record.id }, audit: auditFieldsOf(access) };
  },
  async authorizeRead(ctx, attachment) {
    const patientId = attachment.patient.id;
    return chartRead('Attachment', attachment.id, patientId, await ctx.access.assertClinical(patientId));
  },
};

const NOT_YOUR_FILE = 'You may not see this file.';

/**
 * A conversation's files are its two participants' alone, like its messages: never another doctor,
 * an administrator or a partner. Uploaded into the conversation first (only the uploader sees it
 * then), they reach the other participant with the message they are sent with. A participant may
 * also add files to a message of their own (`messageId`). Either way while the thread is writable.
 */
const conversationOwner: AttachmentOwnerKind = {
  inputFields: ['messageThreadId', 'messageId'],
  owns: (attachment) => Boolean(attachment.messageThread),
  async claim(ctx, actor, field, ownerId, patientId) {
    const messages = new MessagesService(ctx);
    let message: Message | null = null;
    let threadId = ownerId;
    if (field === 'messageId') {
      message = await ctx.em.findOne(Message, ownerId);
      if (message && message.sender.id !== actor.userId) {
        throw forbidden('You can add files only to your own messages.');
      }
      // A message that does not exist gets the answer of a conversation one may not see.
      threadId = message?.thread.id ?? ownerId;
    }
    const thread = await messages.writableThread(threadId, `input.${field}`);
    if (thread.patient.id !== patientId) {
      throw badInput([{ field: 'input.patientId', message: 'must be the patient of the conversation' }]);
    }
    return {
      columns: { messageThread: thread.id, ...(message ? { message: message.id } : {}) },
      audit: { emergency: false, reason: undefined },
    };
  },
  async authorizeRead(ctx, attachment) {
    const thread = await attachment.messageThread!.loadOrFail();
    const actor = ctx.access.actor;
    const uploader = actor.kind === 'user' && attachment.uploadedBy.id === actor.userId;
    if (!isThreadParticipant(actor, partiesOf(thread)) || (!attachment.message && !uploader)) {
      throw forbidden(NOT_YOUR_FILE);
    }
    return { entityType: 'Attachment', entityId: attachment.id, patientId: thread.patient.id };
  },
};

/** Every owner kind. An input field none of them takes is refused as not (yet) taking files. */
export const ATTACHMENT_OWNERS: readonly AttachmentOwnerKind[] = [medicalRecordOwner, conversationOwner];

export function ownerKindFor(field: OwnerField): AttachmentOwnerKind | undefined {
  return ATTACHMENT_OWNERS.find((kind) => kind.inputFields.includes(field));
}

/** The kind owning an attachment (the one-owner check constraint guarantees there is one). */
export function ownerKindOf(attachment: Attachment): AttachmentOwnerKind {
  const kind = ATTACHMENT_OWNERS.find((candidate) => candidate.owns(attachment));
  if (!kind) {
    throw new Error(`attachment ${attachment.id} has no owner kind`);
  }
  return kind;
}
