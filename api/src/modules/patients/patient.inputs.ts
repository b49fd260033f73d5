import {
  ArrayMaxSize,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CalendarDateScalar } from '../../shared/scalars.js';
import { NewAccountInput } from '../identity/identity.inputs.js';
import { BLOOD_GROUPS } from './medical-history.types.js';
import { GENDER_DESCRIPTION, GENDER_INPUT, GENDERS } from './gender.js';

const PHONE = /^\+?[0-9 ()./-]{6,24}$/;

@InputType()
export class EmergencyContactInput {
  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  name!: string;

  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(50)
  relationship!: string;

  @Field()
  @Matches(PHONE, { message: 'must be a phone number, e.g. +49 30 1234567' })
  phone!: string;
}

@InputType()
export class SurgeryInput {
  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(200)
  procedure!: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  @IsOptional()
  date?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  notes?: string;
}

@InputType()
export class FamilyHistoryInput {
  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(50)
  relation!: string;

  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(200)
  condition!: string;
}

@InputType()
export class InsuranceInput {
  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  provider!: string;

  @Field()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(50)
  policyNumber!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  groupNumber?: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  @IsOptional()
  validUntil?: string;
}

/** Fields an administrator may change: who the patient is and how to reach them. */
export const DEMOGRAPHIC_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'address',
  'dateOfBirth',
  'gender',
  'emergencyContacts',
  'insurance',
] as const;

@InputType({ description: 'Changes to a patient. Administrators may change demographics only.' })
export class UpdatePatientInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  firstName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  lastName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number, e.g. +49 30 1234567' })
  phone?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  address?: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  @IsOptional()
  dateOfBirth?: string;

  @Field(() => String, { nullable: true, description: GENDER_DESCRIPTION })
  @IsOptional()
  @Matches(GENDER_INPUT, { message: `must be one of: ${GENDERS.join(', ')}` })
  gender?: string;

  @Field(() => String, { nullable: true, description: `One of: ${BLOOD_GROUPS.join(', ')}.` })
  @IsOptional()
  @IsIn(BLOOD_GROUPS, { message: `must be one of: ${BLOOD_GROUPS.join(', ')}` })
  bloodGroup?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  allergies?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  chronicConditions?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  currentMedications?: string[];

  @Field(() => [SurgeryInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  surgeries?: SurgeryInput[];

  @Field(() => [FamilyHistoryInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  familyHistory?: FamilyHistoryInput[];

  @Field(() => [EmergencyContactInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  emergencyContacts?: EmergencyContactInput[];

  @Field(() => InsuranceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  insurance?: InsuranceInput;
}

@InputType({ description: 'A new patient signing up.' })
export class RegisterPatientInput extends NewAccountInput {
  @Field(() => CalendarDateScalar)
  dateOfBirth!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number, e.g. +49 30 1234567' })
  phone?: string;

  @Field(() => String, { nullable: true, description: GENDER_DESCRIPTION })
  @IsOptional()
  @Matches(GENDER_INPUT, { message: `must be one of: ${GENDERS.join(', ')}` })
  gender?: string;
}
