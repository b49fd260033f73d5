import { Arg, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { conflict } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { PER_SESSION } from '../../shared/per-session.js';
import { Message } from '../messages/message.entity.js';
import { LabOrder } from '../labs/lab-order.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { AttachmentUpload } from './attachment-upload.type.js';
import { Attachment } from './attachment.entity.js';
import { CreateAttachmentUploadInput } from './attachment.inputs.js';
import { AttachmentService } from './attachment.service.js';
import { DOWNLOAD_URL_TTL_SECONDS, signDownloadUrl } from './file-links.js';

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Mutation(() => AttachmentUpload, {
    description:
      'Starts an upload and answers a short-lived signed URL to PUT the bytes to: to a medical record, by the DOCTOR ' +
      'caring for the patient (or under an emergency grant); into a conversation or to your own message, by its ' +
      'PATIENT or DOCTOR while it is open. The bytes are checked as they arrive: ' +
      'size (ATTACHMENT_MAX_BYTES), type sniffed from the content (PDF, PNG, JPEG, DICOM or plain text, matching ' +
      '`contentType`), SHA-256 kept; a file that fails is deleted and the attachment REJECTED with the reason.',
  })
  createAttachmentUpload(
    @Arg('input', () => CreateAttachmentUploadInput, {
      description: 'The file to come and the chart item it belongs to.',
    })
    input: CreateAttachmentUploadInput,
    @Ctx() ctx: Context,
  ): Promise<AttachmentUpload> {
    return new AttachmentService(ctx).createUpload(input);
  }

  @Query(() => Attachment, {
    nullable: true,
    description:
      'One attachment in any status (to follow an upload): a record’s for the patient, the doctors who may read the ' +
      'chart and partners with `clinical:read` under consent; a conversation’s for its two participants (before it ' +
      'is sent, its uploader only); never administrators.',
  })
  async attachment(
    @Arg('id', () => ID, { description: 'The attachment, e.g. to follow an upload until it is READY or REJECTED.' })
    idInput: string,
    @Ctx() ctx: Context,
  ): Promise<Attachment> {
    ctx.access.requireSignedIn();
    const attachment = await ctx.em.findOne(Attachment, requireId(idInput, 'id'));
    if (!attachment) {
      // The same answer as for an attachment the caller may not see.
      throw ctx.access.missing('MedicalRecord');
    }
    return attachment;
  }

  @FieldResolver(() => String, {
    description:
      'A signed link to download the file, valid for a few minutes and only for you (or your API client); access is ' +
      'checked again at the download, which is its own event (DOWNLOAD) in the audit trail. CONFLICT ' +
      '(ATTACHMENT_NOT_READY) unless the attachment is READY.',
  })
  // Signed for the caller's session: never shared between sessions (live events included).
  @Extensions(PER_SESSION)
  downloadUrl(@Root() attachment: Attachment, @Ctx() ctx: Context): string {
    const actor = ctx.access.requireSignedIn();
    if (!attachment.isReady()) {
      throw conflict('The file is not available: its upload has not been accepted.', 'ATTACHMENT_NOT_READY');
    }
    const expiresAt = new Date(Date.now() + DOWNLOAD_URL_TTL_SECONDS * 1000);
    return signDownloadUrl(ctx.settings.jwtSecret, ctx.settings.fileLinkOrigin, attachment.id, actor, expiresAt);
  }
}

/** `MedicalRecord.attachments` lives with the child: the records module knows no files. */
@Resolver(() => MedicalRecord)
export class MedicalRecordAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description:
      'Files kept with this record that are in and checked (READY), oldest first; each passes the chart access.',
  })
  attachments(@Root() record: MedicalRecord, @Ctx() ctx: Context): Promise<Attachment[]> {
    return ctx.loaders.files.byMedicalRecord.load(record.id);
  }
}

/** `Message.attachments` lives with the child: the messages module knows no files. */
@Resolver(() => Message)
export class MessageAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description:
      'Files sent with this message that are in and checked (READY), oldest first; only the conversation’s two ' +
      'participants see them.',
  })
  attachments(@Root() message: Message, @Ctx() ctx: Context): Promise<Attachment[]> {
    return ctx.loaders.files.byMessage.load(message.id);
  }
}

/** `LabOrder.attachments` lives with the child too: the labs module knows no files. */
@Resolver(() => LabOrder)
export class LabOrderAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description:
      'Files kept with this lab order (e.g. the laboratory report) that are in and checked (READY), oldest first.',
  })
  attachments(@Root() order: LabOrder, @Ctx() ctx: Context): Promise<Attachment[]> {
    return ctx.loaders.files.byLabOrder.load(order.id);
  }
}
