import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

const NOT_BLANK = /\S/;

@InputType({ description: 'A new hospital.' })
export class CreateHospitalInput {
  @Field({ description: 'The hospital’s name, unique.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Postal address, printed on invoices.' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  address?: string | null;

  @Field({ description: 'IANA time zone, e.g. Europe/Berlin.' })
  @IsString()
  timezone!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Invoice number prefix, 2 to 8 capital letters or digits; made from the name when omitted.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{2,8}$/, { message: 'must be 2 to 8 capital letters or digits' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-4217 currency of its fees; EUR when omitted.' })
  @IsOptional()
  @IsString()
  currency?: string | null;
}

@InputType({
  description:
    'Changes to a hospital; the fields left out stay. Its invoice prefix and currency do not change (its invoices are numbered and billed in them).',
})
export class UpdateHospitalInput {
  @Field(() => String, { nullable: true, description: 'The hospital’s name, unique.' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address, printed on invoices; empty to remove it.' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'must be at most 500 characters' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Berlin.' })
  @IsOptional()
  @IsString()
  timezone?: string | null;
}

@InputType({ description: 'A new department of a hospital.' })
export class CreateDepartmentInput {
  @Field(() => ID, { description: 'The hospital it belongs to.' })
  @IsString()
  hospitalId!: string;

  @Field({ description: 'The department’s name, unique within its hospital.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name!: string;
}

@InputType({ description: 'Changes to a department.' })
export class UpdateDepartmentInput {
  @Field({ description: 'The department’s name, unique within its hospital.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name!: string;
}

@InputType({ description: 'A new bed in a ward of a department; it starts AVAILABLE.' })
export class CreateBedInput {
  @Field(() => ID, { description: 'The department the bed belongs to.' })
  @IsString()
  departmentId!: string;

  @Field({ description: 'The ward or room, e.g. "Ward 3".' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  ward!: string;

  @Field({ description: 'The bed’s name within the ward, e.g. "12B".' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(50, { message: 'must be at most 50 characters' })
  label!: string;
}

@InputType({ description: 'Admit a patient to an AVAILABLE bed.' })
export class AdmitPatientInput {
  @Field(() => ID, { description: 'The patient to admit.' })
  @IsString()
  patientId!: string;

  @Field(() => ID, { description: 'An AVAILABLE bed.' })
  @IsString()
  bedId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why, in clinical words. Clinical: administrators never read it back.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'must be at most 1000 characters' })
  reason?: string | null;
}
