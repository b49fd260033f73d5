import 'reflect-metadata';
import {
  ArrayMaxSize,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { CalendarDateScalar } from '../../shared/scalars.js';
import { LIMITS } from './clinical-validation.js';
import { LabFlag, RecordType } from './record.types.js';

/*
 * The shape of the content is checked here (list sizes, text lengths, nesting); the clinical
 * rules (ICD-10 codes, plausible vitals, follow-up dates) by clinical-validation.ts, which the
 * service runs on every write, so both stay true however the content arrives.
 */

const atMost = (max: number) => ({ message: `must be at most ${max} characters long` });
const atMostItems = (noun: string) => ({ message: `must list at most ${LIMITS.items} ${noun}` });
const required = { message: 'must not be empty' };
const finite = { allowNaN: false, allowInfinity: false };

@InputType({ description: 'A diagnosis coded in ICD-10.' })
export class DiagnosisInput {
  @Field({ description: 'ICD-10 code, e.g. "J06.9", "I10" or "S72.001A"; stored upper-case.' })
  @IsString()
  @IsNotEmpty(required)
  @MaxLength(LIMITS.icd10Code, atMost(LIMITS.icd10Code))
  code!: string;

  @Field({ description: `The diagnosis in words, at most ${LIMITS.diagnosisDescription} characters.` })
  @IsString()
  @IsNotEmpty(required)
  @MaxLength(LIMITS.diagnosisDescription, atMost(LIMITS.diagnosisDescription))
  description!: string;
}

@InputType({
  description:
    'Measurements taken at the visit; leave out what was not measured. Values must be physiologically plausible.',
})
export class VitalsInput {
  @Field(() => Float, { nullable: true, description: 'Body temperature, °C (30–45).' })
  @IsOptional()
  @IsNumber(finite)
  temperatureC?: number | null;

  @Field(() => Int, { nullable: true, description: 'Systolic blood pressure, mmHg (50–260).' })
  @IsOptional()
  @IsNumber(finite)
  systolic?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Diastolic blood pressure, mmHg (20–160); lower than systolic when both are given.',
  })
  @IsOptional()
  @IsNumber(finite)
  diastolic?: number | null;

  @Field(() => Int, { nullable: true, description: 'Heart rate, beats per minute (20–250).' })
  @IsOptional()
  @IsNumber(finite)
  heartRate?: number | null;

  @Field(() => Int, { nullable: true, description: 'Respiratory rate, breaths per minute (4–70).' })
  @IsOptional()
  @IsNumber(finite)
  respiratoryRate?: number | null;

  @Field(() => Int, { nullable: true, description: 'Oxygen saturation (SpO2), percent (50–100).' })
  @IsOptional()
  @IsNumber(finite)
  oxygenSaturation?: number | null;

  @Field(() => Float, { nullable: true, description: 'Body weight, kg (0.3–400).' })
  @IsOptional()
  @IsNumber(finite)
  weightKg?: number | null;

  @Field(() => Float, { nullable: true, description: 'Body height, cm (20–260).' })
  @IsOptional()
  @IsNumber(finite)
  heightCm?: number | null;
}

@InputType('RecordLabResultInput', {
  description:
    'One laboratory test result written into a medical record as free text (ordered tests: recordLabResults).',
})
export class LabResultInput {
  @Field({ description: 'The test, e.g. "Haemoglobin".' })
  @IsString()
  @IsNotEmpty(required)
  @MaxLength(LIMITS.labTest, atMost(LIMITS.labTest))
  test!: string;

  @Field({ description: 'The result as reported, e.g. "13.5" or "negative".' })
  @IsString()
  @IsNotEmpty(required)
  @MaxLength(LIMITS.labValue, atMost(LIMITS.labValue))
  value!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "g/dL".' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.labUnit, atMost(LIMITS.labUnit))
  unit?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. "12.0-15.5".' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.labReferenceRange, atMost(LIMITS.labReferenceRange))
  referenceRange?: string | null;

  @Field(() => LabFlag, { nullable: true, description: 'How the result compares with the reference range.' })
  @IsOptional()
  @IsIn(Object.values(LabFlag))
  flag?: LabFlag | null;
}

@InputType({ description: 'A new medical record, written by a doctor caring for the patient.' })
export class CreateMedicalRecordInput {
  @Field(() => ID, { description: 'Whose chart the record belongs to.' })
  @IsString()
  patientId!: string;

  @Field(() => ID, { nullable: true, description: 'The visit the record belongs to: an appointment of this patient.' })
  @IsOptional()
  @IsString()
  appointmentId?: string | null;

  @Field(() => RecordType, { description: 'What kind of record this is.' })
  @IsIn(Object.values(RecordType))
  type!: RecordType;

  @Field(() => [DiagnosisInput], {
    nullable: true,
    defaultValue: [],
    description: `At most ${LIMITS.items}.`,
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.items, atMostItems('diagnoses'))
  @ValidateNested({ each: true })
  diagnoses?: DiagnosisInput[] | null;

  @Field(() => [String], {
    nullable: true,
    defaultValue: [],
    description: `At most ${LIMITS.items}, each at most ${LIMITS.symptom} characters.`,
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.items, atMostItems('symptoms'))
  @IsString({ each: true })
  @MaxLength(LIMITS.symptom, { each: true, ...atMost(LIMITS.symptom) })
  symptoms?: string[] | null;

  @Field(() => VitalsInput, { nullable: true, description: 'Measurements taken, each within plausible ranges.' })
  @IsOptional()
  @ValidateNested()
  vitals?: VitalsInput | null;

  @Field(() => [LabResultInput], { nullable: true, defaultValue: [], description: `At most ${LIMITS.items}.` })
  @IsOptional()
  @ArrayMaxSize(LIMITS.items, atMostItems('lab results'))
  @ValidateNested({ each: true })
  labResults?: LabResultInput[] | null;

  @Field(() => String, { nullable: true, description: `Free-text notes, at most ${LIMITS.notes} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.notes, atMost(LIMITS.notes))
  notes?: string | null;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: 'When the patient should come back; not in the past.',
  })
  @IsOptional()
  followUpDate?: string | null;
}

@InputType({
  description:
    'Changes to a medical record. A field left out keeps its current value; null clears it (a list becomes empty). ' +
    'Lists and vitals are replaced as a whole. The patient and the appointment cannot change.',
})
export class AmendMedicalRecordInput {
  @Field(() => RecordType, { nullable: true, description: 'A new kind; cannot be cleared.' })
  @IsOptional()
  @IsIn(Object.values(RecordType))
  type?: RecordType | null;

  @Field(() => [DiagnosisInput], { nullable: true, description: `Replaces every diagnosis; at most ${LIMITS.items}.` })
  @IsOptional()
  @ArrayMaxSize(LIMITS.items, atMostItems('diagnoses'))
  @ValidateNested({ each: true })
  diagnoses?: DiagnosisInput[] | null;

  @Field(() => [String], { nullable: true, description: `Replaces every symptom; at most ${LIMITS.items}.` })
  @IsOptional()
  @ArrayMaxSize(LIMITS.items, atMostItems('symptoms'))
  @IsString({ each: true })
  @MaxLength(LIMITS.symptom, { each: true, ...atMost(LIMITS.symptom) })
  symptoms?: string[] | null;

  @Field(() => VitalsInput, { nullable: true, description: 'Replaces every measurement.' })
  @IsOptional()
  @ValidateNested()
  vitals?: VitalsInput | null;

  @Field(() => [LabResultInput], {
    nullable: true,
    description: `Replaces every lab result; at most ${LIMITS.items}.`,
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.items, atMostItems('lab results'))
  @ValidateNested({ each: true })
  labResults?: LabResultInput[] | null;

  @Field(() => String, { nullable: true, description: `At most ${LIMITS.notes} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.notes, atMost(LIMITS.notes))
  notes?: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Not in the past.' })
  @IsOptional()
  followUpDate?: string | null;
}
