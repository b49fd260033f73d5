import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RecordType {
  CONSULTATION = 'CONSULTATION',
  LAB_RESULT = 'LAB_RESULT',
  IMAGING = 'IMAGING',
  PROCEDURE = 'PROCEDURE',
  VACCINATION = 'VACCINATION',
}

registerEnumType(RecordType, {
  name: 'RecordType',
  description: 'The kind of a medical record.',
  valuesConfig: {
    CONSULTATION: { description: 'A consultation: symptoms, findings, diagnoses.' },
    LAB_RESULT: { description: 'Results of laboratory tests.' },
    IMAGING: { description: 'An imaging study (X-ray, ultrasound, MRI, CT) and its report.' },
    PROCEDURE: { description: 'A procedure carried out on the patient.' },
    VACCINATION: { description: 'A vaccine given.' },
  },
});

export enum LabFlag {
  NORMAL = 'NORMAL',
  LOW = 'LOW',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

registerEnumType(LabFlag, {
  name: 'LabFlag',
  description: 'How a lab result compares with its reference range.',
  valuesConfig: {
    NORMAL: { description: 'Within the reference range.' },
    LOW: { description: 'Below the reference range.' },
    HIGH: { description: 'Above the reference range.' },
    CRITICAL: { description: 'Far enough outside the range to need action now.' },
  },
});

@ObjectType({ description: 'A diagnosis coded in ICD-10.' })
export class Diagnosis {
  @Field({ description: 'ICD-10 code, e.g. "J06.9".' })
  code!: string;

  @Field({ description: 'The diagnosis in words.' })
  description!: string;
}

@ObjectType({ description: 'Measurements taken at the visit.' })
export class Vitals {
  @Field(() => Float, { nullable: true, description: 'Body temperature, °C.' })
  temperatureC?: number;

  @Field(() => Int, { nullable: true, description: 'Systolic blood pressure, mmHg.' })
  systolic?: number;

  @Field(() => Int, { nullable: true, description: 'Diastolic blood pressure, mmHg.' })
  diastolic?: number;

  @Field(() => Int, { nullable: true, description: 'Heart rate, beats per minute.' })
  heartRate?: number;

  @Field(() => Int, { nullable: true, description: 'Respiratory rate, breaths per minute.' })
  respiratoryRate?: number;

  @Field(() => Int, { nullable: true, description: 'SpO2, percent.' })
  oxygenSaturation?: number;

  @Field(() => Float, { nullable: true, description: 'Body weight, kg.' })
  weightKg?: number;

  @Field(() => Float, { nullable: true, description: 'Body height, cm.' })
  heightCm?: number;
}

@ObjectType('RecordLabResult', {
  description: 'One laboratory test result written into a medical record as free text (ordered tests: LabOrder).',
})
export class LabResult {
  @Field({ description: 'The test, e.g. "Haemoglobin".' })
  test!: string;

  @Field({ description: 'The result as reported, e.g. "13.5" or "negative".' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "g/dL".' })
  unit?: string;

  @Field(() => String, { nullable: true, description: 'e.g. "4.0-10.0"' })
  referenceRange?: string;

  @Field(() => LabFlag, { nullable: true, description: 'How the value compares with the reference range.' })
  flag?: LabFlag;
}
