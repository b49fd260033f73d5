import {
  ArrayMaxSize,
  ArrayMinSize,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

export const MAX_TESTS = 40;
export const MAX_NOTES = 2000;
export const MAX_VALUE = 200;

@InputType({ description: 'A test or panel to order, from the catalogue (`labCatalogue`).' })
export class LabTestInput {
  @Field({ description: 'The LOINC code of a test or panel of the catalogue; a panel orders each of its tests.' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(20, { message: 'must be at most 20 characters long' })
  code!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The name as the caller shows it; the catalogue name is what is stored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'must be at most 300 characters long' })
  name?: string | null;
}

@InputType({ description: 'Tests a doctor orders for a patient under their care.' })
export class OrderLabTestsInput {
  @Field(() => ID, { description: 'The patient the tests are for.' })
  @IsString()
  patientId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The visit the tests are ordered at: a visit of this patient with you, not cancelled or missed.',
  })
  @IsOptional()
  @IsString()
  appointmentId?: string | null;

  @Field(() => [LabTestInput], { description: `1 to ${MAX_TESTS} tests or panels of the catalogue.` })
  @ArrayMinSize(1, { message: 'must list at least one test' })
  @ArrayMaxSize(MAX_TESTS, { message: `must list at most ${MAX_TESTS} tests` })
  @ValidateNested({ each: true })
  tests!: LabTestInput[];

  @Field(() => String, { nullable: true, description: `Notes for the laboratory, at most ${MAX_NOTES} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTES, { message: `must be at most ${MAX_NOTES} characters long` })
  notes?: string | null;
}

@InputType({
  description:
    'The result of one ordered test. The interpretation is computed from the catalogue reference range, never sent.',
})
export class LabResultInput {
  @Field({ description: 'The LOINC code of a test of the order.' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(20, { message: 'must be at most 20 characters long' })
  code!: string;

  @Field({
    description:
      'The value: a plain decimal number in the test unit (e.g. "4.1") for numeric tests, the coded/text value otherwise.',
  })
  @IsString()
  @MaxLength(MAX_VALUE, { message: `must be at most ${MAX_VALUE} characters long` })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The UCUM unit of a numeric value; when given it must be the catalogue unit of the test.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'must be at most 40 characters long' })
  unit?: string | null;
}
