import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Attachment } from './attachment.entity.js';

@ObjectType({
  description:
    'A requested upload: PUT the exact bytes (Content-Type as declared) to `uploadUrl` before `expiresAt`. The URL ' +
    'works once; the answer to the PUT says whether the file was accepted.',
})
export class AttachmentUpload {
  @Field(() => Attachment, { description: 'The attachment, PENDING until its bytes are in and checked.' })
  attachment!: Attachment;

  @Field({
    description: 'Short-lived signed URL to PUT the bytes to (a path on the API when PUBLIC_URL is not set).',
  })
  uploadUrl!: string;

  @Field(() => DateTimeScalar, { description: 'When the upload URL stops working.' })
  expiresAt!: Date;
}
