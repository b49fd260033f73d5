import { chartRead } from '../identity/access-control.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { Attachment } from './attachment.entity.js';

/**
 * Row guards of the files module. An attachment is part of the chart: who may read the patient's
 * clinical content may read its files (the patient, the doctors caring for them, an emergency
 * grant), administrators may not, and every read is audited.
 */
export const fileGuards: readonly AnyRowGuard[] = [
  guardRows(Attachment, async (attachment, ctx) => {
    const patientId = attachment.patient.id;
    ctx.audit.read(chartRead('Attachment', attachment.id, patientId, await ctx.access.assertClinical(patientId)));
  }),
];
