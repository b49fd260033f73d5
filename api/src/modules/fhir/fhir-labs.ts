import type { DiagnosticReport, Observation, Patient, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { isUuid } from '../../shared/ids.js';
import { timePage, type PageArgs } from '../../shared/pagination.js';
import { readChildren, readChildrenInOrder } from '../../shared/read-rows.js';
import { LabOrder, LabOrderStatus } from '../labs/lab-order.entity.js';
import { LabInterpretation, LabResult } from '../labs/lab-result.entity.js';
import { guardEach } from './fhir-access.js';
import { SYSTEMS } from './fhir-vocabulary.js';

/** The Observation category of lab results, and the DiagnosticReport category of lab reports. */
export const LABORATORY_CATEGORY = 'laboratory';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
/** LOINC 11502-2 "Laboratory report": the code of every report of an order. */
const LAB_REPORT = { system: SYSTEMS.loinc, code: '11502-2', display: 'Laboratory report' };

const INTERPRETATIONS: Readonly<Record<LabInterpretation, { code: string; display: string }>> = {
  [LabInterpretation.NORMAL]: { code: 'N', display: 'Normal' },
  [LabInterpretation.LOW]: { code: 'L', display: 'Low' },
  [LabInterpretation.HIGH]: { code: 'H', display: 'High' },
  [LabInterpretation.CRITICAL_LOW]: { code: 'LL', display: 'Critical low' },
  [LabInterpretation.CRITICAL_HIGH]: { code: 'HH', display: 'Critical high' },
  [LabInterpretation.ABNORMAL]: { code: 'A', display: 'Abnormal' },
};

const REPORT_STATUS: Readonly<Record<LabOrderStatus, DiagnosticReport['status']>> = {
  [LabOrderStatus.ORDERED]: 'registered',
  [LabOrderStatus.COLLECTED]: 'registered',
  [LabOrderStatus.RESULTED]: 'final',
  [LabOrderStatus.CANCELLED]: 'cancelled',
};

const patientRef = (id: string): Reference<Patient> => ({ reference: `Patient/${id}` });
const practitionerRef = (id: string): Reference<Practitioner> => ({ reference: `Practitioner/${id}` });

const quantity = (value: number, unit: string) => ({ value, unit, system: SYSTEMS.ucum, code: unit });

/** One lab result as a FHIR Observation (category laboratory, LOINC code, UCUM quantity, flags, range). */
export function toLabObservation(result: LabResult, order: LabOrder): Observation {
  const unit = result.unit ?? undefined;
  const low = result.referenceLow ?? undefined;
  const high = result.referenceHigh ?? undefined;
  const flag = result.interpretation ? INTERPRETATIONS[result.interpretation] : undefined;
  return {
    resourceType: 'Observation',
    id: result.id,
    meta: { lastUpdated: result.updatedAt.toISOString() },
    // A correction is a later version of the result.
    status: result.version > 1 ? 'corrected' : 'final',
    category: [
      {
        coding: [{ system: SYSTEMS.observationCategory, code: LABORATORY_CATEGORY, display: 'Laboratory' }],
        text: 'Laboratory',
      },
    ],
    code: { coding: [{ system: SYSTEMS.loinc, code: result.code, display: result.name }], text: result.name },
    subject: patientRef(order.patient.id),
    effectiveDateTime: (order.collectedAt ?? result.resultedAt).toISOString(),
    issued: result.resultedAt.toISOString(),
    performer: [practitionerRef(order.doctor.id)],
    ...(result.numericValue !== null && result.numericValue !== undefined && unit
      ? { valueQuantity: quantity(result.numericValue, unit) }
      : { valueString: result.value }),
    ...(flag ? { interpretation: [{ coding: [{ system: INTERPRETATION_SYSTEM, ...flag }], text: flag.display }] } : {}),
    ...(low !== undefined || high !== undefined
      ? {
          referenceRange: [
            {
              ...(low !== undefined && unit ? { low: quantity(low, unit) } : {}),
              ...(high !== undefined && unit ? { high: quantity(high, unit) } : {}),
            },
          ],
        }
      : {}),
  };
}

/** A lab order as a FHIR DiagnosticReport: its status, and its current results as Observations. */
export function toDiagnosticReport(order: LabOrder, results: readonly LabResult[]): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: order.id,
    meta: { lastUpdated: order.updatedAt.toISOString() },
    status: results.some((result) => result.version > 1) ? 'corrected' : REPORT_STATUS[order.status],
    category: [{ coding: [{ system: V2_0074, code: 'LAB', display: 'Laboratory' }], text: 'Laboratory' }],
    code: { coding: [LAB_REPORT], text: order.tests.map((test) => test.name).join('; ') },
    subject: patientRef(order.patient.id),
    effectiveDateTime: (order.collectedAt ?? order.orderedAt).toISOString(),
    ...(order.resultedAt ? { issued: order.resultedAt.toISOString() } : {}),
    performer: [practitionerRef(order.doctor.id)],
    result: results.map((result) => ({ reference: `Observation/${result.id}`, display: result.name })),
  };
}

/** The current results of orders, by order id (one statement). */
async function currentResults(ctx: Context, orders: readonly LabOrder[]): Promise<Map<string, LabResult[]>> {
  // Read rows (only serialised), one part of the request's round trip.
  const groups = await readChildrenInOrder(
    ctx.em,
    LabResult,
    'order',
    orders.map((order) => order.id),
    'p.resulted_at, p.code, p.id',
    'superseded_at is null',
  );
  return new Map(orders.map((order, index) => [order.id, groups[index]!]));
}

/** `Observation/<uuid>`: a lab result (vital signs have derived ids); guarded through its order. */
export async function readLabObservation(ctx: Context, id: string): Promise<Observation | undefined> {
  const result = isUuid(id) ? await ctx.em.findOne(LabResult, id, { populate: ['order'] }) : null;
  if (!result) {
    return undefined;
  }
  const order = result.order.getEntity();
  await guardEach(ctx, LabOrder, [order]);
  return toLabObservation(result, order);
}

/** `DiagnosticReport/<order id>`. */
export async function readDiagnosticReport(ctx: Context, id: string): Promise<DiagnosticReport | undefined> {
  const order = isUuid(id) ? await ctx.em.findOne(LabOrder, id) : null;
  if (!order) {
    return undefined;
  }
  await guardEach(ctx, LabOrder, [order]);
  return toDiagnosticReport(order, (await currentResults(ctx, [order])).get(order.id) ?? []);
}

/** `DiagnosticReport?patient=…`: the patient's lab orders as reports, newest first. */
export async function searchDiagnosticReports(
  ctx: Context,
  patientId: string,
  page: PageArgs,
): Promise<{ resources: Resource[]; page: ConnectionShape<LabOrder> }> {
  const orders = await timePage(ctx.em, LabOrder, [{ patient: patientId }], 'orderedAt', 'desc', page);
  const rows = orders.edges.map((edge) => edge.node);
  await guardEach(ctx, LabOrder, rows);
  const results = await currentResults(ctx, rows);
  return { resources: rows.map((row) => toDiagnosticReport(row, results.get(row.id) ?? [])), page: orders };
}

/**
 * Patients' whole lab histories for `$everything` and bulk export (the caller has passed the chart
 * check for each), by patient id: every order as a DiagnosticReport and each current result as an
 * Observation, oldest first, the orders guarded (and audited) as any read of them — two
 * statements for any number of patients.
 */
export async function labCharts(
  ctx: Context,
  patientIds: readonly string[],
): Promise<Map<string, { reports: DiagnosticReport[]; observations: Observation[] }>> {
  const charts = new Map(
    patientIds.map((id) => [id, { reports: [] as DiagnosticReport[], observations: [] as Observation[] }]),
  );
  if (!patientIds.length) {
    return charts;
  }
  const orders = (await readChildren(ctx.em, LabOrder, 'patient', patientIds, 'orderedAt')).flat();
  await guardEach(ctx, LabOrder, orders);
  const results = await currentResults(ctx, orders);
  for (const order of orders) {
    const chart = charts.get(order.patient.id);
    const current = results.get(order.id) ?? [];
    chart?.reports.push(toDiagnosticReport(order, current));
    chart?.observations.push(...current.map((row) => toLabObservation(row, order)));
  }
  return charts;
}
