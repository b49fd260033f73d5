import type { Resource } from '@medplum/fhirtypes';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import {
  cursorTime,
  decodeCursor,
  encodeCursor,
  findInTimeOrder,
  pageSize,
  timeMicros,
  timePageConditions,
  type CursorPart,
  type PageArgs,
} from '../../shared/pagination.js';
import { LabOrder } from '../labs/lab-order.entity.js';
import { LabResult } from '../labs/lab-result.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { guardEach } from './fhir-access.js';
import { LABORATORY_CATEGORY, toLabObservation } from './fhir-labs.js';
import { toVitalSignObservations } from './fhir-resources.js';
import { tokenCode, type SearchParams } from './fhir-search.js';
import { SYSTEMS, VITAL_SIGNS, VITAL_SIGNS_CATEGORY } from './fhir-vocabulary.js';

/** The kinds of row an Observation is made from; their order is the tie-break between kinds at one instant. */
const KINDS = ['laboratory', 'vital-signs'] as const;
type Kind = (typeof KINDS)[number];

/** A cursor of the Observation search: the last row's time, its kind, and its id. */
const CURSOR: readonly CursorPart[] = ['time', 'text', 'id'];

interface Row {
  readonly kind: Kind;
  readonly time: Date;
  readonly id: string;
  readonly row: MedicalRecord | LabResult;
}

/**
 * One kind of Observation row: read newest first by (time, id) with the keyset `beyond`, and
 * turned into resources after its row guard (which audits the read).
 */
interface Source {
  readonly kind: Kind;
  rows(beyond: (property: string) => object | undefined, limit: number): Promise<Row[]>;
  resources(rows: readonly Row[]): Promise<Map<string, Resource[]>>;
}

function vitalSigns(ctx: Context, patientId: string, codes: readonly string[]): Source | undefined {
  const signs = codes.length ? VITAL_SIGNS.filter((sign) => codes.includes(sign.loinc)) : VITAL_SIGNS;
  if (!signs.length) {
    return undefined;
  }
  const fields = signs.flatMap((sign) =>
    sign.kind === 'single' ? [sign.field] : sign.components.map((part) => part.field),
  );
  const wanted = new Set(signs.map((sign) => sign.loinc));
  return {
    kind: 'vital-signs',
    async rows(beyond, limit) {
      const where = [
        { patient: patientId },
        { $or: fields.map((field) => ({ vitals: { [field]: { $ne: null } } })) },
        ...[beyond('recordedAt')].filter((condition) => condition !== undefined),
      ];
      const records = await findInTimeOrder<MedicalRecord>(
        ctx.em,
        MedicalRecord,
        { $and: where },
        'recordedAt',
        'desc',
        limit,
      );
      return records.map((row) => ({ kind: 'vital-signs', time: row.recordedAt, id: row.id, row }));
    },
    async resources(rows) {
      const records = rows.map((row) => row.row as MedicalRecord);
      await guardEach(ctx, MedicalRecord, records);
      return new Map(
        records.map((record) => [
          record.id,
          toVitalSignObservations(record).filter((resource) => wanted.has(resource.code.coding![0]!.code!)),
        ]),
      );
    },
  };
}

function labResults(ctx: Context, patientId: string, codes: readonly string[]): Source {
  return {
    kind: 'laboratory',
    async rows(beyond, limit) {
      const where = [
        { order: { patient: patientId }, supersededAt: null },
        ...(codes.length ? [{ code: { $in: codes } }] : []),
        ...[beyond('resultedAt')].filter((condition) => condition !== undefined),
      ];
      const results = await findInTimeOrder<LabResult>(
        ctx.em,
        LabResult,
        { $and: where },
        'resultedAt',
        'desc',
        limit,
        ['order'],
      );
      return results.map((row) => ({ kind: 'laboratory', time: row.resultedAt, id: row.id, row }));
    },
    async resources(rows) {
      const results = rows.map((row) => row.row as LabResult);
      const orders = [...new Map(results.map((row) => [row.order.id, row.order.getEntity()])).values()];
      await guardEach(ctx, LabOrder, orders);
      return new Map(results.map((row) => [row.id, [toLabObservation(row, row.order.getEntity())]]));
    },
  };
}

/** Newest first; at one instant by kind (in `KINDS` order), then by id descending: a total order. */
function compare(a: Row, b: Row): number {
  return (
    timeMicros(b.time) - timeMicros(a.time) ||
    KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/**
 * The keyset of a source after the cursor's row (time, kind, id) in `compare` order: a kind
 * before the cursor's continues strictly before its instant, a later kind from its instant on,
 * and the cursor's own kind after (time, id).
 */
function beyondCursor(kind: Kind, after: readonly string[] | undefined) {
  return (property: string): object | undefined => {
    if (!after) {
      return undefined;
    }
    const [time, afterKind, id] = after as [string, Kind, string];
    const order = KINDS.indexOf(kind) - KINDS.indexOf(afterKind);
    if (order === 0) {
      return timePageConditions([], property, 'desc', [time, id]);
    }
    return { [property]: { [order < 0 ? '$lt' : '$lte']: time } };
  };
}

/**
 * `Observation?patient=…[&category=…][&code=…]`: the patient's vital signs (from their records)
 * and lab results (current versions), newest first. Without a category both kinds come, merged
 * into one keyset order (time, kind, id) so that paging neither skips nor repeats a row; a page
 * holds `_count` rows (a record gives one Observation per vital sign recorded). Each kind's rows
 * pass its row guard and are audited as in any read. The caller has passed the chart check.
 */
export async function searchObservations(
  ctx: Context,
  patientId: string,
  params: SearchParams,
  page: PageArgs,
): Promise<{ resources: Resource[]; next: string | null }> {
  const categories = params
    .all('category')
    .flatMap((value) => value.split(','))
    .map((value) => tokenCode(value, SYSTEMS.observationCategory, 'category'));
  const codes = params
    .all('code')
    .flatMap((value) => value.split(','))
    .map((value) => tokenCode(value, SYSTEMS.loinc, 'code'));
  const wants = (category: string) => !categories.length || categories.includes(category);
  const sources = [
    wants(LABORATORY_CATEGORY) ? labResults(ctx, patientId, codes) : undefined,
    wants(VITAL_SIGNS_CATEGORY) ? vitalSigns(ctx, patientId, codes) : undefined,
  ].filter((source) => source !== undefined);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after, CURSOR);
  if (after && !KINDS.includes(after[1] as Kind)) {
    throw badInput([{ field: 'after', message: 'is not a cursor from this list' }]);
  }
  // Each source's next limit + 1 rows hold the union's next limit + 1.
  const found = (
    await Promise.all(sources.map((source) => source.rows(beyondCursor(source.kind, after), limit + 1)))
  ).flat();
  found.sort(compare);
  const rows = found.slice(0, limit);
  const made = new Map<Kind, Map<string, Resource[]>>();
  for (const source of sources) {
    made.set(source.kind, await source.resources(rows.filter((row) => row.kind === source.kind)));
  }
  const last = rows.at(-1);
  return {
    resources: rows.flatMap((row) => made.get(row.kind)?.get(row.id) ?? []),
    next: found.length > limit && last ? encodeCursor([cursorTime(last.time), last.kind, last.id]) : null,
  };
}
