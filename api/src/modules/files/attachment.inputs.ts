import 'reflect-metadata';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ALLOWED_CONTENT_TYPES } from './content-check.js';

@InputType({
  description:
    'A file to attach to a chart item or to send in a conversation; name exactly one owner. Answered with a ' +
    'short-lived signed URL to PUT the bytes to; the attachment becomes READY once the bytes are in and checked.',
})
export class CreateAttachmentUploadInput {
  @Field(() => ID, { description: 'Whose chart the file belongs to.' })
  @IsString()
  patientId!: string;

  @Field({ description: 'The file name to show and to download as, at most 255 characters, without folders.' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(255, { message: 'must be at most 255 characters long' })
  fileName!: string;

  @Field({
    description: `The MIME type of the file, one of ${ALLOWED_CONTENT_TYPES.join(', ')}; the bytes must match it.`,
  })
  @IsString()
  contentType!: string;

  @Field(() => Int, {
    description: 'The exact size of the file in bytes, at most ATTACHMENT_MAX_BYTES (25 MB by default).',
  })
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  sizeBytes!: number;

  @Field(() => ID, { nullable: true, description: 'The medical record to attach the file to.' })
  @IsOptional()
  @IsString()
  medicalRecordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The lab order to attach the file to (not yet accepted).' })
  @IsOptional()
  @IsString()
  labOrderId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A message you sent, to add the file to (while the conversation is open).',
  })
  @IsOptional()
  @IsString()
  messageId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A conversation you take part in, to upload the file into before sending it: once READY, pass its id in ' +
      '`sendMessage(attachmentIds:)`. Until then only you see it.',
  })
  @IsOptional()
  @IsString()
  messageThreadId?: string | null;
}
