import { andThen } from '../../shared/maybe-async.js';
import { chartRead } from '../identity/access-control.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { MedicalRecordVersion } from './medical-record-version.entity.js';
import { MedicalRecord } from './medical-record.entity.js';

/** Row guards of the records module: clinical content of the chart, every read audited. */
export const recordGuards: readonly AnyRowGuard[] = [
  guardRows(MedicalRecord, (record, ctx) => {
    const patientId = record.patient.id;
    return andThen(ctx.access.assertClinical(patientId), (access) =>
      ctx.audit.read(chartRead('MedicalRecord', record.id, patientId, access)),
    );
  }),
  guardRows(MedicalRecordVersion, async (version, ctx) => {
    const record = await version.record.loadOrFail();
    const patientId = record.patient.id;
    ctx.audit.read(chartRead('MedicalRecord', record.id, patientId, await ctx.access.assertClinical(patientId)));
  }),
];
