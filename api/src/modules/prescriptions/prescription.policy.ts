import { andThen } from '../../shared/maybe-async.js';
import { chartRead } from '../identity/access-control.js';
import { guardRows, rowsViaParent, type AnyRowGuard } from '../identity/row-guard.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';

/** Row guards of the prescriptions module: clinical content of the chart, every read audited. */
export const prescriptionGuards: readonly AnyRowGuard[] = [
  guardRows(Prescription, (prescription, ctx) => {
    const patientId = prescription.patient.id;
    return andThen(ctx.access.assertClinical(patientId), (access) =>
      ctx.audit.read(chartRead('Prescription', prescription.id, patientId, access)),
    );
  }),
  // Items are reached only through `Prescription.items`.
  rowsViaParent(PrescriptionItem, Prescription),
];
