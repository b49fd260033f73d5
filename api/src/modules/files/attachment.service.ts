import type { Context } from '../../server/context.js';
import { badInput, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { auditFieldsOf } from '../identity/access-control.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { ATTACHMENT_OWNERS, type AttachmentOwner } from './attachment-owners.js';
import { Attachment } from './attachment.entity.js';
import type { AttachmentUpload } from './attachment-upload.type.js';
import type { CreateAttachmentUploadInput } from './attachment.inputs.js';
import { ALLOWED_CONTENT_TYPES, isAllowedContentType } from './content-check.js';
import { signUploadUrl, UPLOAD_URL_TTL_SECONDS } from './file-links.js';

/** A file name to show and download as: no folders, no control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FILE_NAME_REFUSED = /[\\/\u0000-\u001F\u007F]/;

const NOT_YET = 'does not take attachments yet: attach the file to a medical record or a lab order';
const OWNER_FIELDS = ATTACHMENT_OWNERS.map((kind) => kind.field).join(', ');

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
    // Who may write to the chart may attach to it; the same answer whether or not the item exists.
    const access = await this.ctx.access.assertClinicalWrite(patientId);
    if ((await owner.kind.exists(this.ctx.em, owner.id, patientId)) === 0) {
      throw badInput([{ field: `input.${owner.kind.field}`, message: `must be ${owner.kind.what}` }]);
    }

    const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000);
    const attachment = await this.ctx.em.transactional((tx) => {
      const created = tx.create(Attachment, {
        patient: tx.getReference(Patient, patientId),
        [owner.kind.relation]: owner.id,
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
        ...auditFieldsOf(access),
      });
      return Promise.resolve(created);
    });
    return {
      attachment,
      uploadUrl: signUploadUrl(this.ctx.settings.jwtSecret, this.ctx.settings.fileLinkOrigin, attachment.id, expiresAt),
      expiresAt,
    };
  }

  private check(input: CreateAttachmentUploadInput): {
    problems: FieldProblem[];
    owner: { kind: AttachmentOwner; id: string } | undefined;
  } {
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
    if (input.messageId !== null && input.messageId !== undefined) {
      problems.push({ field: 'input.messageId', message: NOT_YET });
    }
    const named = ATTACHMENT_OWNERS.filter((kind) => input[kind.field] !== null && input[kind.field] !== undefined);
    if (named.length !== 1) {
      for (const kind of named.length === 0 ? ATTACHMENT_OWNERS.slice(0, 1) : named) {
        problems.push({
          field: `input.${kind.field}`,
          message: `must name the one chart item the file belongs to (${OWNER_FIELDS})`,
        });
      }
      return { problems, owner: undefined };
    }
    const kind = named[0]!;
    let id = '';
    try {
      id = requireId(input[kind.field]!, `input.${kind.field}`);
    } catch {
      problems.push({ field: `input.${kind.field}`, message: 'must be an ID (a UUID)' });
    }
    return { problems, owner: { kind, id } };
  }
}
