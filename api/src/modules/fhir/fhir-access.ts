import type { Context } from '../../server/context.js';
import { AppError } from '../../shared/errors.js';
import { appointmentGuards } from '../appointments/appointment.policy.js';
import { Appointment } from '../appointments/appointment.entity.js';
import type { ChartAccess } from '../identity/access-control.js';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import type { EntityClass, RowCheck } from '../identity/row-guard.js';
import { billingGuards } from '../billing/billing.policy.js';
import { labGuards } from '../labs/labs.policy.js';
import { patientGuards } from '../patients/patient.policy.js';
import { prescriptionGuards } from '../prescriptions/prescription.policy.js';
import { recordGuards } from '../records/medical-record.policy.js';

/**
 * The FHIR API's access: no rule of its own. Every row a resource is made from passes the row
 * guard its module registered for GraphQL (the same checks, the same chart-read audit), so FHIR
 * and GraphQL cannot disagree.
 */
const GUARDS = [
  ...patientGuards,
  ...appointmentGuards,
  ...prescriptionGuards,
  ...recordGuards,
  ...labGuards,
  ...billingGuards,
];

function guardOf<T>(entity: EntityClass<T>): { check: RowCheck<T>; clinicalField?: RowCheck<T> | undefined } {
  const guard = GUARDS.find((candidate) => candidate.entity === entity);
  if (guard?.kind !== 'guarded') {
    // A programming error: FHIR serves only entities whose modules guard their rows.
    throw new Error(`No row guard for ${entity.name}`);
  }
  return guard;
}

/** The scope a partner needs beside `fhir:read` for each kind of data (GraphQL's scope table's words). */
export type DataScope = 'patients:read' | 'doctors:read' | 'appointments:read' | 'clinical:read' | 'claims:read';

/**
 * Who may call the FHIR API at all: a signed-in user (tokens as for GraphQL), or a partner (an
 * API client) holding `fhir:read` and the scopes of the data asked for. Which patients a partner
 * sees is not decided here: the consent is a chart relation AccessControl answers (`consent`),
 * so the row guards and list narrowing of GraphQL apply unchanged.
 */
export function fhirCaller(ctx: Context, ...scopes: readonly DataScope[]): UserActor | PartnerActor {
  const actor = ctx.access.requireScope('fhir:read');
  for (const scope of scopes) {
    ctx.access.requireScope(scope);
  }
  return actor;
}

/** Runs the entity's row guard on each row (batched: care facts load in one statement). */
export async function guardEach<T>(ctx: Context, entity: EntityClass<T>, rows: readonly T[]): Promise<void> {
  const { check } = guardOf(entity);
  await Promise.all(rows.map(async (row) => check(row, ctx)));
}

/**
 * Whether the caller may read the clinical fields of a row (the rule of `@Extensions(CLINICAL)`
 * fields): false on FORBIDDEN, so a resource is served without them.
 */
export async function mayReadClinicalFields<T>(ctx: Context, entity: EntityClass<T>, row: T): Promise<boolean> {
  const { clinicalField } = guardOf(entity);
  if (!clinicalField) {
    return true;
  }
  const actor = ctx.access.actor;
  if (actor.kind === 'partner' && !actor.scopes.includes('clinical:read')) {
    // Clinical fields need `clinical:read` whatever the type's scope (as in the scope table).
    return false;
  }
  try {
    await clinicalField(row, ctx);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') {
      return false;
    }
    throw error;
  }
}

/** The visit reasons of appointments the caller may read, by appointment id. */
export async function readableReasons(
  ctx: Context,
  rows: readonly Appointment[],
): Promise<Map<string, string | undefined>> {
  const allowed = await Promise.all(
    rows.map(async (row) => (row.reason ? mayReadClinicalFields(ctx, Appointment, row) : false)),
  );
  return new Map(rows.map((row, index) => [row.id, allowed[index] ? row.reason : undefined]));
}

/** Clinical content of one patient's chart (history, allergies): FORBIDDEN as in GraphQL. */
export async function assertChartClinical(ctx: Context, patientId: string): Promise<ChartAccess> {
  return ctx.access.assertClinical(patientId);
}
