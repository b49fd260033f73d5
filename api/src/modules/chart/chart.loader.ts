import type { EntityManager } from '@mikro-orm/postgresql';
import { childPages } from '../../shared/keyset.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';

/**
 * The chart's lists of one request, each a page per patient, batched across patients; only read,
 * so their rows come as read rows (no entity tracking), checked by the same row guards.
 */
export function chartLoaders(em: EntityManager) {
  return {
    appointments: childPages(
      em,
      { table: 'appointment', parentColumn: 'patient_id', sortColumn: 'starts_at', direction: 'desc' },
      Appointment,
      'read',
    ),
    prescriptions: childPages(
      em,
      { table: 'prescription', parentColumn: 'patient_id', sortColumn: 'issued_at', direction: 'desc' },
      Prescription,
      'read',
    ),
    medicalRecords: childPages(
      em,
      { table: 'medical_record', parentColumn: 'patient_id', sortColumn: 'recorded_at', direction: 'desc' },
      MedicalRecord,
      'read',
    ),
  };
}
