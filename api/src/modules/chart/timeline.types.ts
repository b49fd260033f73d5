import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { Admission } from '../organisation/admission.entity.js';
import { Connection } from '../../shared/connection.js';
import { DateTimeScalar } from '../../shared/scalars.js';

export enum TimelineEntryKind {
  APPOINTMENT = 'APPOINTMENT',
  PRESCRIPTION = 'PRESCRIPTION',
  MEDICAL_RECORD = 'MEDICAL_RECORD',
  ADMISSION = 'ADMISSION',
}

registerEnumType(TimelineEntryKind, { name: 'TimelineEntryKind' });

@ObjectType({ description: "One event of a patient's chart: exactly one of its links is set, as `kind` says." })
export class TimelineEntry {
  @Field(() => ID, { description: 'The id of the appointment, prescription, record or admission.' })
  id!: string;

  @Field(() => TimelineEntryKind)
  kind!: TimelineEntryKind;

  @Field(() => DateTimeScalar, { description: 'When it happened: start, issue, recording or admission time.' })
  at!: Date;

  @Field(() => Appointment, { nullable: true })
  appointment?: Appointment | null;

  @Field(() => Prescription, { nullable: true })
  prescription?: Prescription | null;

  @Field(() => MedicalRecord, { nullable: true })
  medicalRecord?: MedicalRecord | null;

  @Field(() => Admission, { nullable: true, description: 'A hospital stay.' })
  admission?: Admission | null;
}

export const TimelineEntryConnection = Connection('TimelineEntry', TimelineEntry);
