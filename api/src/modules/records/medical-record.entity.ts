import { Collection, Entity, Index, ManyToOne, OneToMany, type Ref } from '@mikro-orm/core';
import { ObjectType } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { MedicalRecordContent } from './medical-record-content.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { Connection } from '../../shared/connection.js';

/**
 * A medical record as it reads now. Its id never changes; every version, the first included,
 * is kept unchanged in `medical_record_version`, so an amendment never loses what was written.
 */
@ObjectType({ description: 'A clinical record in its latest version; earlier versions stay readable.' })
@Entity({ tableName: 'medical_record' })
@Index({ properties: ['patient', 'recordedAt', 'id'] })
@Index({ properties: ['doctor', 'recordedAt'] })
export class MedicalRecord extends MedicalRecordContent {
  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  /** The doctor who wrote the first version. */
  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'restrict' })
  doctor!: Ref<Doctor>;

  @ManyToOne({ entity: () => Appointment, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  appointment?: Ref<Appointment>;

  @OneToMany({ entity: () => MedicalRecordVersion, mappedBy: 'record', orderBy: { version: 'asc' } })
  versions = new Collection<MedicalRecordVersion>(this);
}

/** A page of medicalRecords, as the contract's lists return them. */
export const MedicalRecordConnection = Connection('MedicalRecord', MedicalRecord);
