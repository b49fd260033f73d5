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

@InputType({ description: 'Someone to call in an emergency.' })
export class EmergencyContactInput {
  @Field({ description: 'Who to call.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  name!: string;

  @Field({ description: 'How they relate to the patient, e.g. spouse.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(50)
  relationship!: string;

  @Field({ description: 'Phone number, e.g. +49 30 1234567.' })
  @Matches(PHONE, { message: 'must be a phone number, e.g. +49 30 1234567' })
  phone!: string;
}

@InputType({ description: 'A past surgery.' })
export class SurgeryInput {
  @Field({ description: 'What was done.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(200)
  procedure!: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'When it took place (not in the future).' })
  @IsOptional()
  date?: string;

  @Field(() => String, { nullable: true, description: 'Further notes.' })
  @IsOptional()
  @MaxLength(1000)
  notes?: string;
}

@InputType({ description: 'A condition in the patient’s family.' })
export class FamilyHistoryInput {
  @Field({ description: 'Which relative had it, e.g. mother.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(50)
  relation!: string;

  @Field({ description: 'The condition.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(200)
  condition!: string;
}

@InputType({ description: 'The patient’s health insurance.' })
export class InsuranceInput {
  @Field({ description: 'Insurance company.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  provider!: string;

  @Field({ description: 'Policy number.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(50)
  policyNumber!: string;

  @Field(() => String, { nullable: true, description: 'Group number, if any.' })
  @IsOptional()
  @MaxLength(50)
  groupNumber?: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day of cover.' })
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

@InputType({
  description:
    'Changes to a patient. Administrators may change demographics only; doctors caring for the patient the medical history only.',
})
export class UpdatePatientInput {
  @Field(() => String, { nullable: true, description: 'Given name.' })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  firstName?: string;

  @Field(() => String, { nullable: true, description: 'Family name.' })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  lastName?: string;

  @Field(() => String, { nullable: true, description: 'Sign-in and contact address; unique regardless of case.' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;

  @Field(() => String, { nullable: true, description: 'Phone number, e.g. +49 30 1234567.' })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number, e.g. +49 30 1234567' })
  phone?: string;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @IsOptional()
  @MaxLength(300)
  address?: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Date of birth (in the past, after 1900-01-01).' })
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

  @Field(() => [String], {
    nullable: true,
    description: 'Known allergies (medical history: the patient, or a doctor caring for them).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  allergies?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Long-term conditions (medical history: the patient, or a doctor caring for them).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  chronicConditions?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Medicines taken now (medical history: the patient, or a doctor caring for them).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  currentMedications?: string[];

  @Field(() => [SurgeryInput], {
    nullable: true,
    description: 'Past surgeries (medical history: the patient, or a doctor caring for them; replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  surgeries?: SurgeryInput[];

  @Field(() => [FamilyHistoryInput], {
    nullable: true,
    description:
      'Conditions in the family (medical history: the patient, or a doctor caring for them; replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  familyHistory?: FamilyHistoryInput[];

  @Field(() => [EmergencyContactInput], {
    nullable: true,
    description: 'People to call in an emergency (replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  emergencyContacts?: EmergencyContactInput[];

  @Field(() => InsuranceInput, { nullable: true, description: 'Health insurance.' })
  @IsOptional()
  @ValidateNested()
  insurance?: InsuranceInput;
}

@InputType({ description: 'A new patient signing up.' })
export class RegisterPatientInput extends NewAccountInput {
  @Field(() => CalendarDateScalar, { description: 'Date of birth (in the past).' })
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: 'Phone number, e.g. +49 30 1234567.' })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number, e.g. +49 30 1234567' })
  phone?: string;

  @Field(() => String, { nullable: true, description: GENDER_DESCRIPTION })
  @IsOptional()
  @Matches(GENDER_INPUT, { message: `must be one of: ${GENDERS.join(', ')}` })
  gender?: string;
}
