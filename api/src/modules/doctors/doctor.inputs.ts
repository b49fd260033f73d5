import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../../shared/money.js';
import { NewAccountInput } from '../identity/identity.inputs.js';

@InputType({ description: 'A new doctor, created by an administrator.' })
export class CreateDoctorInput extends NewAccountInput {
  @Field({ description: 'Medical specialty, e.g. Cardiology.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  specialization!: string;

  @Field({ description: 'The doctor’s licence number.' })
  @Matches(/^[A-Za-z0-9-]{3,32}$/, { message: 'must be 3 to 32 letters, digits or dashes' })
  licenseNumber!: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Berlin.' })
  @IsString()
  timezone!: string;

  @Field(() => Float, {
    nullable: true,
    deprecationReason: 'Floats cannot hold money exactly: use `fee`.',
    description: 'Legacy: rounded half to even to the currency’s minor unit, in the department’s hospital’s currency.',
  })
  @IsOptional()
  @Min(0, { message: 'must not be negative' })
  @Max(100_000, { message: 'must be at most 100000' })
  consultationFee?: number;

  @Field(() => MoneyInput, {
    nullable: true,
    description: 'Fee for one consultation, exact. Wins over consultationFee.',
  })
  @IsOptional()
  fee?: MoneyInput | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The department the doctor works in; the organisation’s first department when omitted.',
  })
  @IsOptional()
  @IsString()
  departmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'A short introduction patients see.' })
  @IsOptional()
  @MaxLength(2000)
  bio?: string;

  @Field(() => [String], { nullable: true, description: 'Degrees and certifications.' })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  qualifications?: string[];
}

@InputType({
  description:
    'Changes to a doctor’s profile; a field left out stays as it is. An administrator may change every field, the doctor their bio and qualifications.',
})
export class UpdateDoctorInput {
  @Field(() => String, { nullable: true, description: 'Given name.' })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Family name.' })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Medical specialty, one of the specializations.' })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  specialization?: string | null;

  @Field(() => String, { nullable: true, description: 'The doctor’s licence number.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{3,32}$/, { message: 'must be 3 to 32 letters, digits or dashes' })
  licenseNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'IANA time zone the weekly hours are read in. Refused (CONFLICT APPOINTMENTS_AFFECTED) while booked appointments would fall outside them.',
  })
  @IsOptional()
  @IsString()
  timezone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The department the doctor works in.' })
  @IsOptional()
  @IsString()
  departmentId?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Fee for one consultation, exact; null for none.' })
  @IsOptional()
  fee?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'A short introduction patients see; null or empty for none.' })
  @IsOptional()
  @MaxLength(2000)
  bio?: string | null;

  @Field(() => [String], { nullable: true, description: 'Degrees and certifications (replaces the list).' })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  qualifications?: string[] | null;
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

@InputType({ description: "A weekly opening window in the doctor's time zone." })
export class AvailabilityRuleInput {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday.' })
  @IsInt()
  @Min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @Field({ description: '`HH:MM`, 24-hour.' })
  @Matches(TIME, { message: 'must be a time written HH:MM' })
  startTime!: string;

  @Field({ description: '`HH:MM`, 24-hour, after startTime.' })
  @Matches(TIME, { message: 'must be a time written HH:MM' })
  endTime!: string;

  @Field(() => Int, { description: 'Length of each bookable slot, in minutes (5 to 480).' })
  @IsInt()
  @Min(5, { message: 'must be at least 5 minutes' })
  @Max(480, { message: 'must be at most 480 minutes' })
  slotMinutes!: number;
}
