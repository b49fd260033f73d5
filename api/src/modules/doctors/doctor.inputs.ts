import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { MoneyInput } from '../../shared/money.js';
import { NewAccountInput } from '../identity/identity.inputs.js';

@InputType({ description: 'A new doctor, created by an administrator.' })
export class CreateDoctorInput extends NewAccountInput {
  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  specialization!: string;

  @Field()
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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  bio?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  qualifications?: string[];
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

  @Field(() => Int)
  @IsInt()
  @Min(5, { message: 'must be at least 5 minutes' })
  @Max(480, { message: 'must be at most 480 minutes' })
  slotMinutes!: number;
}
