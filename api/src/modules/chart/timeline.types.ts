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

registerEnumType(TimelineEntryKind, {
  name: 'TimelineEntryKind',
  description: 'What a timeline entry is.',
  valuesConfig: {
    APPOINTMENT: { description: 'A visit; see `appointment`.' },
    PRESCRIPTION: { description: 'A prescription; see `prescription`.' },
    MEDICAL_RECORD: { description: 'A medical record; see `medicalRecord`.' },
    ADMISSION: { description: 'A hospital stay; see `admission`.' },
  },
});

@ObjectType({ description: "One event of a patient's chart: exactly one of its links is set, as `kind` says." })
export class TimelineEntry {
  @Field(() => ID, { description: 'The id of the appointment, prescription, record or admission.' })
  id!: string;

  @Field(() => TimelineEntryKind, { description: 'What the entry is.' })
  kind!: TimelineEntryKind;

  @Field(() => DateTimeScalar, { description: 'When it happened: start, issue, recording or admission time.' })
  at!: Date;

  @Field(() => Appointment, { nullable: true, description: 'The visit, for an APPOINTMENT entry.' })
  appointment?: Appointment | null;

  @Field(() => Prescription, { nullable: true, description: 'The prescription, for a PRESCRIPTION entry.' })
  prescription?: Prescription | null;

  @Field(() => MedicalRecord, { nullable: true, description: 'The record, for a MEDICAL_RECORD entry.' })
  medicalRecord?: MedicalRecord | null;

  @Field(() => Admission, { nullable: true, description: 'A hospital stay.' })
  admission?: Admission | null;
}

export const TimelineEntryConnection = Connection('TimelineEntry', TimelineEntry);

/**
 * The timeline's kinds, the one list of them: each kind's table and the column of the time its
 * entries are placed at (chart.loader.ts reads them), the entry's field that links its object and
 * the object's entity (chart.resolver.ts loads them).
 */
export const TIMELINE_KINDS = [
  {
    kind: TimelineEntryKind.APPOINTMENT,
    table: 'appointment',
    at: 'starts_at',
    field: 'appointment',
    entity: Appointment,
  },
  {
    kind: TimelineEntryKind.PRESCRIPTION,
    table: 'prescription',
    at: 'issued_at',
    field: 'prescription',
    entity: Prescription,
  },
  {
    kind: TimelineEntryKind.MEDICAL_RECORD,
    table: 'medical_record',
    at: 'recorded_at',
    field: 'medicalRecord',
    entity: MedicalRecord,
  },
  { kind: TimelineEntryKind.ADMISSION, table: 'admission', at: 'admitted_at', field: 'admission', entity: Admission },
] as const;
