import type { Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import type { Logger } from '../../shared/logger.js';
import { addJob, removeJob } from '../../shared/job-queue.js';
import { AppError, badInput, forbidden, notFound } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { Doctor } from '../doctors/doctor.entity.js';
import type { FileStorage } from '../files/file-storage.js';
import { actorFor, type PartnerActor, type UserActor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { partnerActorFor } from '../partners/partner-actor.js';
import { Patient } from '../patients/patient.entity.js';
import { narrowPatients } from '../patients/patient.policy.js';
import { fhirCaller } from './fhir-access.js';
import { FhirExport, FhirExportStatus, type FhirExportFile } from './fhir-export.entity.js';
import { toPractitioner, toPractitionerRole } from './fhir-resources.js';
import { parseElements, subsetted } from './fhir-elements.js';
import { exportParameters } from './fhir-export-params.js';
import { DATA_SCOPES, FhirService, SEARCH_PARAMETERS, type FhirType } from './fhir.service.js';

/** The graphile-worker task that writes an export's files. */
export const FHIR_EXPORT_TASK = 'fhir-export';
/** The task that deletes a finished export's files once they expire. */
export const FHIR_EXPORT_EXPIRY_TASK = 'fhir-export-expiry';
/** How long a finished export's files stay downloadable. */
export const EXPORT_FILE_HOURS = 24;
/** Patients per page: each page is read, written and audited, then let go (memory stays flat). */
const PATIENT_PAGE = 100;
const DOCTOR_PAGE = 500;
const HOUR = 3_600_000;

/** Exported once at system level, not per patient (they are not in a patient's compartment). */
const CLINIC_TYPES: ReadonlySet<string> = new Set(['Practitioner', 'PractitionerRole']);
/** Computed on demand (free time), never stored data: not exported. */
const COMPUTED_TYPES: ReadonlySet<string> = new Set(['Slot', 'Schedule']);

/**
 * The types a requester may export, read from the one registry of served types (SEARCH_PARAMETERS
 * and their DATA_SCOPES): a type added there (lab results, reports) is exported with no change
 * here. A partner: the types its scopes cover; an administrator: everything but clinical content.
 */
export function exportableTypes(actor: UserActor | PartnerActor, level: 'system' | 'patient'): FhirType[] {
  return (Object.keys(SEARCH_PARAMETERS) as FhirType[]).filter((type) => {
    if (COMPUTED_TYPES.has(type) || (level === 'patient' && CLINIC_TYPES.has(type))) {
      return false;
    }
    const scope = DATA_SCOPES[type];
    return actor.kind === 'partner' ? actor.scopes.includes(scope) : scope !== 'clinical:read';
  });
}

/** Who may start an export: an administrator, or a partner with `fhir:export` (and `fhir:read`). */
function exportRequester(ctx: Context): UserActor | PartnerActor {
  const actor = ctx.access.requireScope('fhir:export');
  fhirCaller(ctx);
  if (actor.kind === 'user' && actor.role !== Role.ADMIN) {
    throw forbidden('Bulk export is for administrators and partner systems.');
  }
  return actor;
}

const requesterOf = (actor: UserActor | PartnerActor) =>
  actor.kind === 'partner'
    ? { requesterKind: 'partner' as const, requesterId: actor.clientId }
    : { requesterKind: 'user' as const, requesterId: actor.userId };

/**
 * `$export` kick-off: checks the request (`Prefer: respond-async`, `_type`, `_since`,
 * `_outputFormat`, `_elements`, `_typeFilter`), records the export and enqueues its job in one
 * transaction, audited.
 */
export async function startExport(
  ctx: Context,
  request: { level: 'system' | 'patient'; query: URLSearchParams; prefer: string | undefined; url: string },
): Promise<FhirExport> {
  const actor = exportRequester(ctx);
  if (!/(^|[,;\s])respond-async($|[,;\s])/.test(request.prefer ?? '')) {
    throw badInput([{ field: 'Prefer', message: 'must be respond-async (a bulk export answers later)' }]);
  }
  const allowed = exportableTypes(actor, request.level);
  const { types, since, elements, typeFilters } = exportParameters(request.query, allowed);
  if (!types.length) {
    throw forbidden('None of the data this export offers is covered by your scopes.');
  }
  const now = new Date();
  return ctx.em.transactional(async (tx) => {
    const row = tx.create(FhirExport, {
      ...requesterOf(actor),
      sessionId: actor.kind === 'user' ? actor.sessionId : undefined,
      scopes: actor.kind === 'partner' ? [...actor.scopes] : [],
      level: request.level,
      status: FhirExportStatus.ACCEPTED,
      types,
      since,
      elements,
      typeFilters,
      requestUrl: request.url,
      transactionTime: now,
      expiresAt: new Date(now.getTime() + EXPORT_FILE_HOURS * HOUR),
    });
    await tx.flush();
    await addJob(tx, FHIR_EXPORT_TASK, { exportId: row.id }, { jobKey: jobKeyOf(row.id), maxAttempts: 5 });
    ctx.audit.record(tx, { action: 'EXPORT', entityType: 'FhirExport', entityId: row.id });
    return row;
  });
}

const jobKeyOf = (exportId: string) => `${FHIR_EXPORT_TASK}:${exportId}`;

/** The requester's own export (anyone else, or an expired one: NOT_FOUND, revealing nothing). */
export async function ownExport(ctx: Context, exportId: string): Promise<FhirExport> {
  const actor = exportRequester(ctx);
  const row = isUuid(exportId) ? await ctx.em.findOne(FhirExport, exportId) : null;
  const { requesterKind, requesterId } = requesterOf(actor);
  if (
    !row ||
    row.requesterKind !== requesterKind ||
    row.requesterId !== requesterId ||
    row.expiresAt <= new Date() ||
    row.status === FhirExportStatus.CANCELLED
  ) {
    throw notFound('Export');
  }
  return row;
}

/** DELETE on the status URL: the job stops at its next page, the files are removed. */
export async function cancelExport(ctx: Context, storage: FileStorage, exportId: string): Promise<void> {
  const row = await ownExport(ctx, exportId);
  await ctx.em.transactional(async (tx) => {
    row.status = FhirExportStatus.CANCELLED;
    await removeJob(tx, jobKeyOf(row.id));
    ctx.audit.record(tx, { action: 'CANCEL', entityType: 'FhirExport', entityId: row.id });
  });
  await Promise.all(row.output.map((file) => storage.remove(`${row.id}/${file.id}`)));
}

/** One NDJSON file of a finished export, for its requester, audited as a DOWNLOAD. */
export async function openExportFile(
  ctx: Context,
  storage: FileStorage,
  exportId: string,
  fileId: string,
): Promise<{ file: FhirExportFile; stream: Readable }> {
  const row = await ownExport(ctx, exportId);
  const file = row.status === FhirExportStatus.COMPLETED ? row.output.find((one) => one.id === fileId) : undefined;
  if (!file) {
    throw notFound('Export file');
  }
  const stream = await storage.open(`${row.id}/${file.id}`);
  ctx.audit.record(ctx.em, { action: 'DOWNLOAD', entityType: 'FhirExport', entityId: row.id });
  await ctx.em.flush();
  return { file, stream };
}

/** The manifest of a completed export (Bulk Data IG "Response - Complete Status"). */
export function exportManifest(row: FhirExport, baseUrl: string) {
  return {
    transactionTime: row.transactionTime.toISOString(),
    request: row.requestUrl,
    requiresAccessToken: true,
    output: row.output.map((file) => ({
      type: file.type,
      url: `${baseUrl}/$export-file/${row.id}/${file.id}`,
      count: file.count,
    })),
    error: [],
  };
}

/** What the export job works with: the request context's dependencies and the file store. */
export interface ExportJobDependencies {
  readonly em: EntityManager;
  readonly logger: Logger;
  readonly storage: FileStorage;
  /** A request context acting as `actor` (server/context.ts's createContext). */
  readonly contextFor: (actor: UserActor | PartnerActor, requestId: string) => Promise<Context>;
}

/** One NDJSON file being written in the staging folder. */
interface NdjsonWriter {
  readonly id: string;
  readonly path: string;
  readonly stream: WriteStream;
  count: number;
}

class ExportCancelled extends Error {}

/**
 * The export job: as the requester (re-checked now: an ended sign-in, a revoked client or a
 * withdrawn consent count), pages through the patients they may see (keyset, 100 at a time,
 * each page with a fresh context: its rows guarded and its reads audited, then dropped), writes
 * each resource as one NDJSON line per type, then stores the files. Never the clinic in memory.
 */
export async function runExport(deps: ExportJobDependencies, exportId: string): Promise<void> {
  const em = deps.em.fork({ useContext: false });
  const row = await em.findOne(FhirExport, exportId);
  if (!row || (row.status !== FhirExportStatus.ACCEPTED && row.status !== FhirExportStatus.IN_PROGRESS)) {
    return;
  }
  const writers = new Map<string, NdjsonWriter>();
  await mkdir(deps.storage.stagingDir, { recursive: true });
  try {
    const actor = await requesterActor(em, row);
    row.status = FhirExportStatus.IN_PROGRESS;
    await em.flush();
    const wanted = new Set(row.types);
    const elements = row.elements?.length ? parseElements([row.elements.join(',')]) : undefined;
    const write = async (whole: Resource) => {
      if (!wanted.has(whole.resourceType)) {
        return;
      }
      const resource = elements ? subsetted(whole, elements) : whole;
      const updated = resource.meta?.lastUpdated;
      if (row.since && updated && new Date(updated) <= row.since) {
        return;
      }
      let writer = writers.get(resource.resourceType);
      if (!writer) {
        const id = randomUUID();
        const path = join(deps.storage.stagingDir, `${id}.ndjson`);
        writer = { id, path, stream: createWriteStream(path), count: 0 };
        writers.set(resource.resourceType, writer);
      }
      writer.count += 1;
      if (!writer.stream.write(`${JSON.stringify(resource)}\n`)) {
        await once(writer.stream, 'drain');
      }
    };
    if (row.level === 'system' && row.types.some((type) => CLINIC_TYPES.has(type))) {
      await exportDoctors(deps, write);
    }
    if (row.types.some((type) => !CLINIC_TYPES.has(type))) {
      await exportPatients(deps, row, actor, write);
    }
    const output: FhirExportFile[] = [];
    for (const [type, writer] of writers) {
      writer.stream.end();
      await finished(writer.stream);
      const { size } = await stat(writer.path);
      await deps.storage.save(`${row.id}/${writer.id}`, writer.path, {
        contentType: 'application/fhir+ndjson',
        sizeBytes: size,
      });
      output.push({ id: writer.id, type, count: writer.count });
    }
    await em.refresh(row);
    if ((row.status as FhirExportStatus) === FhirExportStatus.CANCELLED) {
      throw new ExportCancelled();
    }
    const now = new Date();
    const expiresAt = new Date(now.getTime() + EXPORT_FILE_HOURS * HOUR);
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(
        FhirExport,
        { id: row.id },
        {
          status: FhirExportStatus.COMPLETED,
          output: output.sort((a, b) => a.type.localeCompare(b.type)),
          completedAt: now,
          expiresAt,
        },
      );
      // The files go when they expire (the export row stays, as a record of what was exported).
      await addJob(tx, FHIR_EXPORT_EXPIRY_TASK, { exportId: row.id }, { runAt: expiresAt });
    });
  } catch (error) {
    await Promise.all(
      [...writers.values()].map(async (writer) => {
        writer.stream.destroy();
        await rm(writer.path, { force: true });
        await deps.storage.remove(`${row.id}/${writer.id}`).catch(() => undefined);
      }),
    );
    if (error instanceof ExportCancelled) {
      return;
    }
    deps.logger.error(
      { exportId: row.id, code: error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR' },
      'bulk export failed',
    );
    await em.refresh(row);
    if ((row.status as FhirExportStatus) !== FhirExportStatus.CANCELLED) {
      row.status = FhirExportStatus.FAILED;
      row.error =
        error instanceof AppError && error.code === 'UNAUTHENTICATED'
          ? 'The requester is no longer signed in or active.'
          : 'The export could not be completed; start a new one.';
      await em.flush();
    }
  }
}

/** Deletes an expired export's files (the status URL already answers 404 from `expiresAt` on). */
export async function expireExport(deps: ExportJobDependencies, exportId: string): Promise<void> {
  const em = deps.em.fork({ useContext: false });
  const row = await em.findOne(FhirExport, exportId);
  if (!row || row.expiresAt > new Date() || !row.output.length) {
    return;
  }
  await Promise.all(row.output.map((file) => deps.storage.remove(`${row.id}/${file.id}`)));
  row.output = [];
  await em.flush();
}

/** The requester as an actor now: a user's sign-in or a partner's client must still be valid. */
async function requesterActor(em: EntityManager, row: FhirExport): Promise<UserActor | PartnerActor> {
  if (row.requesterKind === 'user') {
    return actorFor(em, {
      userId: row.requesterId,
      role: Role.ADMIN,
      sessionId: row.sessionId ?? '',
      expiresAt: row.expiresAt,
    });
  }
  return partnerActorFor(em, { clientId: row.requesterId, scopes: row.scopes, expiresAt: row.expiresAt });
}

async function exportDoctors(deps: ExportJobDependencies, write: (resource: Resource) => Promise<void>) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const em = deps.em.fork({ useContext: false });
    const doctors = await em.find(Doctor, { id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: DOCTOR_PAGE });
    for (const doctor of doctors) {
      await write(toPractitioner(doctor));
      await write(toPractitionerRole(doctor));
    }
    if (doctors.length < DOCTOR_PAGE) {
      return;
    }
    after = doctors.at(-1)!.id;
  }
}

async function exportPatients(
  deps: ExportJobDependencies,
  row: FhirExport,
  actor: UserActor | PartnerActor,
  write: (resource: Resource) => Promise<void>,
) {
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const ctx = await deps.contextFor(actor, `fhir-export-${row.id}`);
    const ids = (
      await narrowPatients(ctx.em.createQueryBuilder(Patient, 'p').select('p.id'), 'p', actor)
        .andWhere('p.id > ?', [after])
        .orderBy({ id: 'asc' })
        .limit(PATIENT_PAGE)
        .execute<{ id: string }[]>()
    ).map((patient) => patient.id);
    const fhir = new FhirService(ctx);
    // A consent withdrawn since the page was listed leaves that chart out (visibleCharts).
    const charts = await fhir.visibleCharts(ids);
    const kept = row.typeFilters.length ? await fhir.matchingFilters(charts, row.typeFilters) : charts;
    for (const resource of kept) {
      await write(resource);
    }
    await ctx.audit.flush(ctx.em);
    done += ids.length;
    const [state] = await ctx.em.execute<{ status: FhirExportStatus }[]>(
      'update fhir_export set patients_done = ? where id = ? returning status',
      [done, row.id],
    );
    if (state?.status === FhirExportStatus.CANCELLED) {
      throw new ExportCancelled();
    }
    if (ids.length < PATIENT_PAGE) {
      return;
    }
    after = ids.at(-1)!;
  }
}

/**
 * The export task for the job runner. The runner starts before the request dependencies exist
 * (the demo data enqueues jobs first), so they are attached once the server is built; a job
 * picked up before that fails its attempt and graphile-worker tries it again.
 */
export class FhirExportTask {
  private deps: ExportJobDependencies | undefined;

  attach(deps: ExportJobDependencies): void {
    this.deps = deps;
  }

  readonly tasks = {
    [FHIR_EXPORT_TASK]: (payload: unknown) => this.run(payload, runExport),
    [FHIR_EXPORT_EXPIRY_TASK]: (payload: unknown) => this.run(payload, expireExport),
  };

  private async run(
    payload: unknown,
    task: (deps: ExportJobDependencies, exportId: string) => Promise<void>,
  ): Promise<void> {
    if (!this.deps) {
      throw new Error('The export task is not ready yet.');
    }
    const exportId = (payload as { exportId?: unknown } | null)?.exportId;
    if (typeof exportId === 'string' && isUuid(exportId)) {
      await task(this.deps, exportId);
    }
  }
}
