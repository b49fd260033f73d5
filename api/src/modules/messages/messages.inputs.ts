import { IsNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

export const MAX_SUBJECT = 200;
export const MAX_BODY = 10_000;

@InputType({
  description:
    'A new conversation with its first message. A patient names the doctor (`doctorId`), a doctor names the patient (`patientId`).',
})
export class StartThreadInput {
  @Field(() => ID, { nullable: true, description: 'DOCTOR: the patient to write to (under your care).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an ID (a UUID)' })
  patientId?: string | null;

  @Field(() => ID, { nullable: true, description: 'PATIENT: the doctor to write to (one who cares for you).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an ID (a UUID)' })
  doctorId?: string | null;

  @Field({ description: `What it is about; at most ${MAX_SUBJECT} characters.` })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_SUBJECT)
  subject!: string;

  @Field({ description: `The first message; at most ${MAX_BODY} characters.` })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_BODY)
  body!: string;
}
