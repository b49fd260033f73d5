import { chartRead } from '../identity/access-control.js';
import { guardRows, rowsViaParent, type AnyRowGuard } from '../identity/row-guard.js';
import { LabOrder } from './lab-order.entity.js';
import { LabResult } from './lab-result.entity.js';

/**
 * Row guards of the labs module. Orders and their results are chart data: the patient, the
 * doctors caring for them and API clients the patient shares with read them; administrators do
 * not; every read is audited as a chart read.
 */
export const labGuards: readonly AnyRowGuard[] = [
  guardRows(LabOrder, async (order, ctx) => {
    const patientId = order.patient.id;
    ctx.audit.read(chartRead('LabOrder', order.id, patientId, await ctx.access.assertClinical(patientId)));
  }),
  // Results are reached only through `LabOrder.results`.
  rowsViaParent(LabResult, LabOrder),
];
