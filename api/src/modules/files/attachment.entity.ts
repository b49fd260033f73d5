import { Check, Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { LabOrder } from '../labs/lab-order.entity.js';
import { MessageThread } from '../messages/message-thread.entity.js';
import { Message } from '../messages/message.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';

export enum AttachmentStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  REJECTED = 'REJECTED',
}

registerEnumType(AttachmentStatus, {
  name: 'AttachmentStatus',
  description: 'Where an attachment stands: waiting for its bytes, checked and usable, or refused.',
  valuesConfig: {
    PENDING: { description: 'Created; the bytes have not been uploaded (and checked) yet.' },
    READY: { description: 'The bytes are in, checked and stored: it can be downloaded.' },
    REJECTED: { description: 'The upload failed a check; the bytes were deleted. `rejectionReason` says why.' },
  },
});

/**
 * A file kept with a patient's chart (a lab report, an image, a referral letter) or sent in a
 * message. The row is written when the upload is requested; the bytes arrive through a signed
 * upload URL and are checked while they stream (size, type sniffed from the bytes, SHA-256)
 * before it is READY. It belongs to exactly one owner (attachment-owners.ts): a medical record, a
 * lab order, or a conversation — its message once sent.
 */
@ObjectType({
  description:
    "A file kept with a patient's chart or sent in a message. Read it through `downloadUrl`, a short-lived signed " +
    'link: who may read the record it belongs to (or the two people of the conversation) may read it, ' +
    'administrators may not.',
})
@Entity({ tableName: 'attachment' })
@Index({ properties: ['medicalRecord', 'createdAt'] })
@Index({ properties: ['message', 'createdAt'] })
@Index({ properties: ['messageThread', 'createdAt'] })
@Index({ properties: ['labOrder', 'createdAt'] })
// The retention cleanup's look-ups (files/attachment-retention.ts): small, since few rows qualify.
@Index({
  name: 'attachment_pending_expiry_index',
  expression:
    'create index "attachment_pending_expiry_index" on "attachment" ("upload_expires_at") where "status" = \'PENDING\'',
})
@Index({
  name: 'attachment_unsent_uploaded_index',
  expression:
    'create index "attachment_unsent_uploaded_index" on "attachment" ("uploaded_at") where "message_thread_id" is not null and "message_id" is null',
})
@Check({
  name: 'attachment_one_owner_check',
  // One owner kind per row: a record, a lab order, or a conversation (with its message once sent).
  expression:
    'num_nonnulls(medical_record_id, lab_order_id, message_thread_id) = 1 and (message_id is null or message_thread_id is not null)',
})
export class Attachment extends BaseEntity {
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict', index: true })
  patient!: Ref<Patient>;

  /** The record the file belongs to, when a record owns it. */
  // indexed by the composite index above
  @ManyToOne({ entity: () => MedicalRecord, ref: true, deleteRule: 'restrict', nullable: true })
  medicalRecord?: Ref<MedicalRecord>;

  /** The lab order the file belongs to (the laboratory's report), when an order owns it. */
  // indexed by the composite index above
  @ManyToOne({ entity: () => LabOrder, ref: true, deleteRule: 'restrict', nullable: true })
  labOrder?: Ref<LabOrder>;

  /**
   * The conversation the file was uploaded into, when a message owns it: set at the upload (only
   * its uploader sees it until it is sent), the message set when it is sent with one.
   */
  // indexed by the composite index above
  @ManyToOne({ entity: () => MessageThread, ref: true, deleteRule: 'restrict', nullable: true })
  messageThread?: Ref<MessageThread>;

  /** The message the file was sent with. */
  // indexed by the composite index above
  @ManyToOne({ entity: () => Message, ref: true, deleteRule: 'restrict', nullable: true })
  message?: Ref<Message>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', index: true })
  uploadedBy!: Ref<User>;

  @Field({ description: 'The file name the uploader gave, without any folder.' })
  @Property({ type: 'text' })
  fileName!: string;

  @Field({
    description:
      'The MIME type: as declared while PENDING, then as sniffed from the bytes (application/pdf, image/png, ' +
      'image/jpeg, application/dicom or text/plain).',
  })
  @Property({ type: 'text' })
  contentType!: string;

  @Field(() => Int, { description: 'The size in bytes: as declared while PENDING, then as received.' })
  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Field(() => String, {
    description: 'SHA-256 of the bytes as received, lower-case hex; empty until the attachment is READY.',
  })
  @Property({ type: 'text', default: '' })
  sha256: Opt<string> = '';

  @Field(() => AttachmentStatus, { description: 'Whether the bytes are in and checked.' })
  @Enum({ items: () => AttachmentStatus, default: AttachmentStatus.PENDING })
  status: Opt<AttachmentStatus> = AttachmentStatus.PENDING;

  @Field(() => String, { nullable: true, description: 'Why the upload was refused, when it was; never clinical.' })
  @Property({ type: 'text', nullable: true })
  rejectionReason?: string | null;

  @Field(() => DateTimeScalar, {
    description: 'When the bytes were received and checked; while PENDING, when the upload was requested.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  uploadedAt: Opt<Date> = new Date();

  /** The upload URL is refused after this moment. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  uploadExpiresAt!: Date;

  /** Set when the bytes start arriving: an upload URL is used once. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  uploadStartedAt?: Date | null;

  /** The bytes are in, checked and stored. */
  isReady(): boolean {
    return (this.status as AttachmentStatus) === AttachmentStatus.READY;
  }

  /** Where the bytes live in the store (never derived from the file name). */
  @Property({ type: 'text' })
  storageKey!: string;
}
