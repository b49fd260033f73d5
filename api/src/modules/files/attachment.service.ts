import type { Context } from '../../server/context.js';
import { badInput, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Attachment } from './attachment.entity.js';
import { OWNER_FIELDS, ownerKindFor, type AttachmentOwnerKind, type OwnerField } from './attachment-owners.js';
import type { AttachmentUpload } from './attachment-upload.type.js';
import type { CreateAttachmentUploadInput } from './attachment.inputs.js';
import { ALLOWED_CONTENT_TYPES, isAllowedContentType } from './content-check.js';
import { signUploadUrl, UPLOAD_URL_TTL_SECONDS } from './file-links.js';
import type { UserActor } from '../identity/actor.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Message } from '../messages/message.entity.js';

/** A file name to show and download as: no folders, no control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FILE_NAME_REFUSED = /[\\/\u0000-\u001F\u007F]/;

const NOT_YET = 'does not take attachments yet: attach the file to a medical record or a conversation';

interface NamedOwner {
  readonly kind: AttachmentOwnerKind;
  readonly field: OwnerField;
  readonly id: string;
}

/**
 * Attachments: the upload is requested here (a PENDING row and a signed upload URL, in one
 * transaction with its audit event); the bytes arrive through the upload route
 * (attachment-transfer.ts), which checks them and makes the attachment READY or REJECTED.
 */
export class AttachmentService {
  constructor(private readonly ctx: Context) {}

  async createUpload(input: CreateAttachmentUploadInput): Promise<AttachmentUpload> {
    const actor = this.ctx.access.requireUser();
    const patientId = requireId(input.patientId, 'input.patientId');
    const { problems, owner } = this.check(input);
    if (problems.length > 0 || !owner) {
      throw badInput(problems);
    }
    const claim = await owner.kind.claim(this.ctx, actor, owner.field, owner.id, patientId);

    const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000);
    const attachment = await this.ctx.em.transactional((tx) => {
      const created = tx.create(Attachment, {
        patient: tx.getReference(Patient, patientId),
        ...claim.columns,
        uploadedBy: tx.getReference(User, actor.userId),
        fileName: input.fileName.trim(),
        contentType: input.contentType.trim().toLowerCase(),
        sizeBytes: input.sizeBytes,
        uploadExpiresAt: expiresAt,
        storageKey: '',
      });
      created.storageKey = `${patientId}/${created.id}`;
      this.ctx.audit.record(tx, {
        action: 'CREATE',
        entityType: 'Attachment',
        entityId: created.id,
        patientId,
        ...claim.audit,
      });
      return Promise.resolve(created);
    });
    return {
      attachment,
      uploadUrl: signUploadUrl(this.ctx.settings.jwtSecret, this.ctx.settings.fileLinkOrigin, attachment.id, expiresAt),
      expiresAt,
    };
  }

  private check(input: CreateAttachmentUploadInput): { problems: FieldProblem[]; owner: NamedOwner | undefined } {
    const problems: FieldProblem[] = [];
    const fileName = input.fileName.trim();
    if (!fileName || FILE_NAME_REFUSED.test(fileName)) {
      problems.push({
        field: 'input.fileName',
        message: 'must be a plain file name, without folders or control characters',
      });
    }
    if (!isAllowedContentType(input.contentType.trim().toLowerCase())) {
      problems.push({ field: 'input.contentType', message: `must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}` });
    }
    const max = this.ctx.settings.attachmentMaxBytes;
    if (input.sizeBytes > max) {
      problems.push({ field: 'input.sizeBytes', message: `must be at most ${max} bytes` });
    }
    const named = OWNER_FIELDS.filter((field) => input[field] !== null && input[field] !== undefined);
    if (named.length !== 1) {
      problems.push({
        field: 'input',
        message: `must name exactly one owner of the file: ${OWNER_FIELDS.join(', ')}`,
      });
      return { problems, owner: undefined };
    }
    const field = named[0]!;
    const kind = ownerKindFor(field);
    if (!kind) {
      problems.push({ field: `input.${field}`, message: NOT_YET });
      return { problems, owner: undefined };
    }
    try {
      return { problems, owner: { kind, field, id: requireId(input[field]!, `input.${field}`) } };
    } catch {
      problems.push({ field: `input.${field}`, message: 'must be an ID (a UUID)' });
      return { problems, owner: undefined };
    }
  }
}

/**
 * Sends the sender's files with their new message, in the message's transaction: each must be
 * their own upload into this conversation, READY and not sent yet. One UPDATE binds them, so two
 * messages racing for one file cannot both carry it; anything short of all of them refuses the
 * whole message (BAD_USER_INPUT naming `attachmentIds`).
 */
export async function attachToMessage(
  tx: EntityManager,
  actor: UserActor,
  message: Message,
  attachmentIds: readonly string[],
): Promise<void> {
  const bound = await tx.execute<{ id: string }[]>(
    `update attachment set message_id = ?, updated_at = now()
     where id = any(?::uuid[]) and message_thread_id = ? and uploaded_by_id = ? and status = 'READY' and message_id is null
     returning id`,
    [message.id, `{${attachmentIds.join(',')}}`, message.thread.id, actor.userId],
  );
  if (bound.length !== attachmentIds.length) {
    throw badInput([
      {
        field: 'attachmentIds',
        message: 'must be files you uploaded into this conversation, checked (READY) and not sent yet',
      },
    ]);
  }
}
