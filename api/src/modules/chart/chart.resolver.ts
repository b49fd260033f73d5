import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Extensions, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { CLINICAL } from '../../shared/clinical.js';
import { jsonChildList, jsonRowsOf } from '../../shared/json-select.js';
import { readRowsById } from '../../shared/read-rows.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { fieldsAt, prefetchable, selects, type SelectedChild } from '../../shared/selection.js';
import {
  cursorTime,
  decodeCursor,
  keepMicroseconds,
  pageSize,
  PageArgs,
  TIME_THEN_ID,
  timeMicros,
  toConnection,
} from '../../shared/pagination.js';
import { Appointment, AppointmentConnection } from '../appointments/appointment.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Prescription, PrescriptionConnection } from '../prescriptions/prescription.entity.js';
import { PrescriptionStatus, prescriptionStatusFilter } from '../prescriptions/prescription-status.js';
import { MedicalRecord, MedicalRecordConnection } from '../records/medical-record.entity.js';
import { TIMELINE_KINDS, TimelineEntry, TimelineEntryConnection, TimelineEntryKind } from './timeline.types.js';

type PageInput = Pick<PageArgs, 'first' | 'after'>;
type ChildSelection = Pick<SelectedChild, 'selects' | 'fieldsAt' | 'json'>;

/**
 * The loads of the chart's fields, one function each, asked by their resolvers and — started with
 * the patient's own read, so all leave in one statement — by `patient(id)` (shared/selection.ts
 * `prefetchChildren`): the per-request loaders answer the resolver from that same batch.
 */
const chartLoads = {
  // The doctors asked for come joined in the list's statement (not one more round trip), only the
  // columns of their fields; in the nodes' JSON instead when PostgreSQL writes it.
  appointments: (ctx: Context, patientId: string, page: PageInput, child: ChildSelection) =>
    ctx.loaders.chart.appointments.page(patientId, page, {
      join:
        !child.json && child.selects(['edges', 'node', 'doctor'])
          ? [{ name: 'doctor', fields: child.fieldsAt(['edges', 'node', 'doctor']) }]
          : [],
      fields: child.fieldsAt(['edges', 'node']),
      json: child.json,
      count: child.selects(['totalCount']),
    }),
  // The items asked for come in the list's statement (not one more round trip).
  prescriptions: (
    ctx: Context,
    patientId: string,
    page: PageInput & { status?: readonly PrescriptionStatus[] | null },
    child: ChildSelection,
  ) =>
    ctx.loaders.chart.prescriptions.page(patientId, page, {
      nested: !child.json && child.selects(['edges', 'node', 'items']) ? [ctx.loaders.prescriptions.itemsWithList] : [],
      fields: child.fieldsAt(['edges', 'node']),
      filter: prescriptionStatusFilter(page.status),
      json: child.json,
      count: child.selects(['totalCount']),
    }),
  medicalRecords: (ctx: Context, patientId: string, page: PageInput, child: ChildSelection) =>
    ctx.loaders.chart.medicalRecords.page(patientId, page, {
      fields: child.fieldsAt(['edges', 'node']),
      json: child.json,
      count: child.selects(['totalCount']),
    }),
  timeline: (ctx: Context, patientId: string, page: PageInput) =>
    ctx.loaders.chart.timeline(patientId, pageSize(page.first), decodeCursor(page.after, TIME_THEN_ID)),
};

for (const [field, load] of Object.entries(chartLoads)) {
  prefetchable<Context>('Patient', field, (ctx, patientId, child) => load(ctx, patientId, child.args, child));
}

const selection = (info: GraphQLResolveInfo): ChildSelection => ({
  selects: (path) => selects(info, path),
  fieldsAt: (path) => fieldsAt(info, path),
  json: jsonRowsOf(info),
});

// The chart's lists read their nodes' JSON for the JSON path (server/json-read.ts); the timeline's
// entries are plain values. Appointments' doctors come joined (`chartLoads.appointments`).
jsonChildList('Patient', 'appointments', Appointment, ['doctor']);
jsonChildList('Patient', 'prescriptions', Prescription);
jsonChildList('Patient', 'medicalRecords', MedicalRecord);
jsonChildList('Patient', 'timeline', null);

/** A patient's chart: the parts (appointments, prescriptions, records) composed on the patient. */
@Resolver(() => Patient)
export class PatientChartResolver {
  @FieldResolver(() => AppointmentConnection, { description: 'Appointments, newest first.' })
  appointments(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Appointment>> {
    return chartLoads.appointments(ctx, patient.id, page, selection(info));
  }

  @FieldResolver(() => PrescriptionConnection, { description: 'Prescriptions, newest first. Clinical.' })
  @Extensions(CLINICAL)
  prescriptions(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [PrescriptionStatus], {
      nullable: true,
      description:
        'Only prescriptions in one of these statuses, e.g. [ACTIVE] for what the patient takes now; all when omitted or empty. `totalCount` counts the same.',
    })
    status: PrescriptionStatus[] | null | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Prescription>> {
    return chartLoads.prescriptions(ctx, patient.id, { ...page, status }, selection(info));
  }

  @FieldResolver(() => MedicalRecordConnection, { description: 'Medical records, newest first. Clinical.' })
  @Extensions(CLINICAL)
  medicalRecords(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<MedicalRecord>> {
    return chartLoads.medicalRecords(ctx, patient.id, page, selection(info));
  }

  @FieldResolver(() => TimelineEntryConnection, {
    description:
      'The chart as a timeline: appointments, prescriptions, records and hospital stays, newest first. Clinical.',
  })
  @Extensions(CLINICAL)
  async timeline(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<TimelineEntry>> {
    const limit = pageSize(page.first);
    const found = await chartLoads.timeline(ctx, patient.id, page);
    const rows = found
      .map((row) => ({
        kind: row['kind'] as TimelineEntryKind,
        id: row['id'] as string,
        at: keepMicroseconds(new Date(row['at'] as string), row['at']),
      }))
      // In the statement's order, to the microsecond (the cursor is the last row's).
      .sort((a, b) => timeMicros(b.at) - timeMicros(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    // The entries' objects only where the client asks for them (`kind` and `at` need none): the
    // selection is looked at once per kind, and nothing is read when none is asked for. They are
    // only read: read rows (no entity tracking), every kind's in one statement, part of the
    // request's round trip — with the count, when asked for.
    const asked = TIMELINE_KINDS.filter(({ field }) => selects(info, ['edges', 'node', field]));
    const linked = new Map<string, object>();
    const reads = Promise.all(
      asked.flatMap(({ kind, entity }) =>
        rows
          .filter((row) => row.kind === kind)
          .map(async ({ id }) => {
            const item = await readRowsById<object>(ctx.em, entity).load(id);
            if (item) {
              linked.set(`${kind}:${id}`, item);
            }
          }),
      ),
    );
    const total = selects(info, ['totalCount']) ? ctx.loaders.chart.timelineTotal.load(patient.id) : undefined;
    // Its failure is the `totalCount` field's to report (the entries' may come first).
    total?.catch(() => undefined);
    await reads;
    const entries = rows.map((row) => {
      const entry = new TimelineEntry();
      entry.id = row.id;
      entry.kind = row.kind;
      entry.at = row.at;
      for (const { kind, field } of TIMELINE_KINDS) {
        (entry as unknown as Record<string, object | null>)[field] =
          row.kind === kind ? (linked.get(`${kind}:${row.id}`) ?? null) : null;
      }
      return entry;
    });
    return toConnection(
      entries,
      limit,
      (entry) => [cursorTime(entry.at), entry.id],
      () => total ?? ctx.loaders.chart.timelineTotal.load(patient.id),
    );
  }
}
