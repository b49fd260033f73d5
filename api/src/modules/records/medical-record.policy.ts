import { chartRead, clinicalRowsOf } from '../identity/access-control.js';
import { guardRowLists, guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { MedicalRecord } from './medical-record.entity.js';

/** Row guards of the records module: clinical content of the chart, every read audited. */
export const recordGuards: readonly AnyRowGuard[] = [
  guardRowLists(MedicalRecord, clinicalRowsOf<MedicalRecord>('MedicalRecord')),
  guardRows(MedicalRecordVersion, async (version, ctx) => {
    const record = await version.record.loadOrFail();
    const patientId = record.patient.id;
    ctx.audit.read(chartRead('MedicalRecord', record.id, patientId, await ctx.access.assertClinical(patientId)));
  }),
];
