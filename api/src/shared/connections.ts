import { Appointment } from '../modules/appointments/appointment.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { Doctor } from '../modules/doctors/doctor.entity.js';
import { Patient } from '../modules/patients/patient.entity.js';
import { Prescription } from '../modules/prescriptions/prescription.entity.js';
import { MedicalRecord } from '../modules/records/medical-record.entity.js';
import { Connection } from './connection.js';

/** The contract's connection types, one per list that can grow. */
export const PatientConnection = Connection('Patient', Patient);
export const DoctorConnection = Connection('Doctor', Doctor);
export const AppointmentConnection = Connection('Appointment', Appointment);
export const PrescriptionConnection = Connection('Prescription', Prescription);
export const MedicalRecordConnection = Connection('MedicalRecord', MedicalRecord);
export const AuditEventConnection = Connection('AuditEvent', AuditEvent);
