import type { Bundle } from '@medplum/fhirtypes';
import type { Context } from '../../server/context.js';
import { chartRead } from '../identity/access-control.js';
import { FhirService, searchBundle } from './fhir.service.js';
import { renderRecordSummaryPdf } from './record-summary-pdf.js';

/** What a download of the whole record is called in the audit trail (and the patient's access log). */
export const RECORD_DOWNLOADS = {
  bundle: 'HealthRecordBundle',
  pdf: 'HealthRecordSummary',
} as const;

/**
 * "Download my record": the patient's `Patient/$everything` (same access and row guards, each
 * read audited) as one file, JSON or a readable PDF of the same resources; the download itself is
 * audited as a DOWNLOAD of the whole record, so it shows in the patient's access log.
 */
export async function downloadRecord(
  ctx: Context,
  patientId: string,
  format: 'bundle',
  baseUrl: string,
): Promise<{ body: Bundle; fileName: string }>;
export async function downloadRecord(
  ctx: Context,
  patientId: string,
  format: 'pdf',
  baseUrl: string,
): Promise<{ body: Buffer; fileName: string }>;
export async function downloadRecord(
  ctx: Context,
  patientId: string,
  format: 'bundle' | 'pdf',
  baseUrl: string,
): Promise<{ body: Bundle | Buffer; fileName: string }> {
  const resources = await new FhirService(ctx).everything(patientId);
  const access = await ctx.access.assertClinical(patientId);
  const day = new Date().toISOString().slice(0, 10);
  const body =
    format === 'bundle'
      ? searchBundle(baseUrl, `Patient/${patientId}/$everything`, { resources })
      : await renderRecordSummaryPdf(resources);
  ctx.audit.record(ctx.em, {
    action: 'DOWNLOAD',
    ...chartRead(RECORD_DOWNLOADS[format], patientId, patientId, access),
  });
  await ctx.audit.flush(ctx.em);
  await ctx.em.flush();
  return { body, fileName: `health-record-${day}.${format === 'bundle' ? 'json' : 'pdf'}` };
}
