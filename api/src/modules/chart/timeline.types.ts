import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { Connection } from '../../shared/connection.js';
import { DateTimeScalar } from '../../shared/scalars.js';

export enum TimelineEntryKind {
  APPOINTMENT = 'APPOINTMENT',
  PRESCRIPTION = 'PRESCRIPTION',
  MEDICAL_RECORD = 'MEDICAL_RECORD',
}

registerEnumType(TimelineEntryKind, { name: 'TimelineEntryKind' });

@ObjectType({ description: "One event of a patient's chart: exactly one of its three links is set, as `kind` says." })
export class TimelineEntry {
  @Field(() => ID, { description: 'The id of the appointment, prescription or record.' })
  id!: string;

  @Field(() => TimelineEntryKind)
  kind!: TimelineEntryKind;

  @Field(() => DateTimeScalar, { description: 'When it happened: start, issue or recording time.' })
  at!: Date;

  @Field(() => Appointment, { nullable: true })
  appointment?: Appointment | null;

  @Field(() => Prescription, { nullable: true })
  prescription?: Prescription | null;

  @Field(() => MedicalRecord, { nullable: true })
  medicalRecord?: MedicalRecord | null;
}

export const TimelineEntryConnection = Connection('TimelineEntry', TimelineEntry);
