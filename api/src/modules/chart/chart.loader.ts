import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader } from '../../shared/batch.js';
import { childPages } from '../../shared/keyset.js';
import { readTrip, type JsonRow } from '../../shared/one-trip.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { TIMELINE_KINDS } from './timeline.types.js';

/**
 * The chart's lists of one request, each a page per patient, batched across patients; only read,
 * so their rows come as read rows (no entity tracking), checked by the same row guards.
 */
export function chartLoaders(em: EntityManager) {
  return {
    timeline: timelinePages(em),
    /**
     * The number of a patient's timeline entries: part of the request's round trip (reached through
     * a batch, so it joins the trip of the other batches of its tick).
     */
    timelineTotal: batchLoader<string, number>((patientIds) =>
      Promise.all(
        patientIds.map(async (id) => {
          const [count] = await readTrip(em).load({ sql: TIMELINE_TOTAL, params: [id] });
          return Number(count?.['total'] ?? 0);
        }),
      ),
    ),
    appointments: childPages(
      em,
      { table: 'appointment', parentColumn: 'patient_id', sortColumn: 'starts_at', direction: 'desc' },
      Appointment,
      'read',
    ),
    prescriptions: childPages(
      em,
      { table: 'prescription', parentColumn: 'patient_id', sortColumn: 'issued_at', direction: 'desc' },
      Prescription,
      'read',
    ),
    medicalRecords: childPages(
      em,
      { table: 'medical_record', parentColumn: 'patient_id', sortColumn: 'recorded_at', direction: 'desc' },
      MedicalRecord,
      'read',
    ),
  };
}

/** The timeline's entries of `$1`, every kind counted. */
const TIMELINE_TOTAL = `select ${TIMELINE_KINDS.map(({ table }) => `(select count(*) from ${table} where patient_id = $1::uuid)`).join(' + ')} as total`;

const timelineTexts = new Map<string, string>();

/**
 * The statement of one patient's timeline page (`$1` the patient, `$2`/`$3` the cursor): each
 * table's own first entries (its `(patient_id, time)` index, in order, up to the page), merged,
 * so the cost follows the page, not the length of the chart. Made once per page size.
 */
function timelineSql(limit: number, after: boolean): string {
  const key = `${limit}:${after}`;
  let text = timelineTexts.get(key);
  if (text === undefined) {
    text = `select kind, id, at from (${TIMELINE_KINDS.map(
      ({ kind, table, at: column }) =>
        `(select '${kind}' as kind, id, ${column} as at from ${table} where patient_id = $1${
          after ? ` and (${column}, id) < ($2::timestamptz, $3::uuid)` : ''
        } order by ${column} desc, id desc limit ${Math.trunc(limit) + 1})`,
    ).join('\n       union all ')}
     ) entries
     order by at desc, id desc
     limit ${Math.trunc(limit) + 1}`;
    // Page sizes are bounded (pageSize), so this stays small.
    timelineTexts.set(key, text);
  }
  return text;
}

/**
 * A page of patients' timelines (`kind`, `id`, `at` of every appointment, prescription, record
 * and stay, newest first), batched like the chart's lists and in the same round trip as they.
 * Rows come unordered (JSON): the resolver sorts them.
 */
function timelinePages(em: EntityManager) {
  const byArgs = new Map<string, DataLoader<string, JsonRow[]>>();
  return (patientId: string, limit: number, after: readonly string[] | undefined): Promise<JsonRow[]> => {
    const key = `${limit}:${after?.join(',') ?? ''}`;
    let pages = byArgs.get(key);
    if (!pages) {
      pages = batchLoader<string, JsonRow[]>((patientIds) =>
        Promise.all(
          patientIds.map((id) =>
            readTrip(em).load({
              sql: timelineSql(limit, after !== undefined),
              // The page size in the text (see keyset.ts `childPages`): one generic plan.
              params: [id, ...(after ?? [])],
            }),
          ),
        ),
      );
      byArgs.set(key, pages);
    }
    return pages.load(patientId);
  };
}
