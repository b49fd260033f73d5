import type { Context } from '../../server/context.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { chartRead } from '../identity/access-control.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import type { PrescriptionDocument } from './prescription-pdf.js';
import { Prescription } from './prescription.entity.js';

export const CLINIC_NAME = 'Healthcare Platform Clinic';

/**
 * What the printable prescription shows, with exactly the access of the GraphQL `prescription`
 * field — its patient and the doctors caring for them, never administrators — audited as a READ.
 */
export async function prescriptionDocument(ctx: Context, prescriptionId: string): Promise<PrescriptionDocument> {
  // A person, or a partner holding clinical:read (its consent is checked with the chart below).
  ctx.access.requireScope('clinical:read');
  const prescription = await ctx.em.findOne(Prescription, prescriptionId);
  if (!prescription) {
    throw ctx.access.missing('Prescription');
  }
  const patientId = prescription.patient.id;
  const access = await ctx.access.assertClinical(patientId);
  ctx.audit.read(chartRead('Prescription', prescription.id, patientId, access));
  await ctx.audit.flush(ctx.em);

  const [patient, doctor, items] = await Promise.all([
    ctx.em.findOneOrFail(Patient, patientId),
    ctx.em.findOneOrFail(Doctor, prescription.doctor.id),
    ctx.em.find(PrescriptionItem, { prescription: prescription.id }, { orderBy: { position: 'asc' } }),
  ]);
  return {
    prescriptionId: prescription.id,
    issuedAt: prescription.issuedAt,
    status: prescription.status(),
    clinicName: CLINIC_NAME,
    patient: { firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth },
    doctor: {
      firstName: doctor.firstName,
      lastName: doctor.lastName,
      specialization: doctor.specialization,
      licenseNumber: doctor.licenseNumber,
      timezone: doctor.timezone,
    },
    items: items.map((item) => ({
      medication: item.medication,
      dosage: item.dosage,
      frequency: item.frequency,
      durationDays: item.durationDays,
      instructions: item.instructions ?? null,
    })),
    notes: prescription.notes ?? null,
  };
}
