import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/** Longest course one item may run: ten years, as the database check allows. */
export const MAX_DURATION_DAYS = 3650;
/** Most items one prescription may carry. */
export const MAX_ITEMS = 30;

const NOT_BLANK = /\S/;

@InputType({ description: 'One medication to prescribe.' })
export class PrescriptionItemInput {
  @Field({ description: 'The medication, e.g. "Amoxicillin".' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  medication!: string;

  @Field({ description: 'How much per dose, e.g. "500 mg".' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  dosage!: string;

  @Field({ description: 'How often, e.g. "twice daily".' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  frequency!: string;

  @Field(() => Int, { description: `How many days the course runs, 1 to ${MAX_DURATION_DAYS}.` })
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: `must be 1 to ${MAX_DURATION_DAYS} days` })
  @Max(MAX_DURATION_DAYS, { message: `must be 1 to ${MAX_DURATION_DAYS} days` })
  durationDays!: number;

  @Field(() => String, { nullable: true, description: 'Anything else the patient should know, e.g. "with food".' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'must be at most 1000 characters' })
  instructions?: string | null;
}

@InputType({ description: 'A new prescription for a patient under the prescribing doctor’s care.' })
export class IssuePrescriptionInput {
  @Field(() => ID, { description: 'The patient the prescription is for.' })
  @IsString()
  patientId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The visit it was issued at, if any: an appointment of the patient.',
  })
  @IsOptional()
  @IsString()
  appointmentId?: string | null;

  @Field(() => [PrescriptionItemInput], {
    description: `The medications, in the order they are printed: at least one, at most ${MAX_ITEMS}.`,
  })
  @ValidateNested({ each: true })
  items!: PrescriptionItemInput[];

  @Field(() => String, { nullable: true, description: 'Notes for the patient and the pharmacist.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  notes?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the doctor prescribes despite a conflict the API found (ALLERGY_CONFLICT or DUPLICATE_THERAPY): ' +
      '10 to 1000 characters. Stored on the prescription; the override is audited.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'must be at most 1000 characters' })
  allergyOverrideReason?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'The patient’s repeat request this prescription answers (`repeatRequests`): it becomes ISSUED, linked to this prescription.',
  })
  @IsOptional()
  @IsString()
  repeatRequestId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The patient’s earlier prescription this one repeats (the chart’s Repeat; with `repeatRequestId`, the ' +
      'request’s own). Its course is not counted as a duplicate therapy of this one, and each medicine of the same ' +
      'substance continues its item there (FHIR `priorPrescription`).',
  })
  @IsOptional()
  @IsString()
  repeatOfPrescriptionId?: string | null;
}
