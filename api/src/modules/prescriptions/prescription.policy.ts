import { clinicalRowsOf } from '../identity/access-control.js';
import { guardRowLists, rowsViaParent, type AnyRowGuard } from '../identity/row-guard.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { Prescription } from './prescription.entity.js';
import { RepeatRequest } from './repeat-request.entity.js';

/** Row guards of the prescriptions module: clinical content of the chart, every read audited. */
export const prescriptionGuards: readonly AnyRowGuard[] = [
  guardRowLists(Prescription, clinicalRowsOf<Prescription>('Prescription')),
  // Items are reached only through `Prescription.items`.
  rowsViaParent(PrescriptionItem, Prescription),
  // A repeat request names the prescription and what the patient wrote: clinical, every read audited.
  guardRowLists(RepeatRequest, clinicalRowsOf<RepeatRequest>('RepeatRequest')),
];
