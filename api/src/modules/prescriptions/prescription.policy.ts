import { chartRead } from '../identity/access-control.js';
import { guardRows, rowsViaParent, type AnyRowGuard } from '../identity/row-guard.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';

/** Row guards of the prescriptions module: clinical content of the chart, every read audited. */
export const prescriptionGuards: readonly AnyRowGuard[] = [
  guardRows(Prescription, async (prescription, ctx) => {
    const patientId = prescription.patient.id;
    ctx.audit.read(chartRead('Prescription', prescription.id, patientId, await ctx.access.assertClinical(patientId)));
  }),
  // Items are reached only through `Prescription.items`.
  rowsViaParent(PrescriptionItem, Prescription),
];
