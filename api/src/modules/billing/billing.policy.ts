import type { Context } from '../../server/context.js';
import { badInput, forbidden, type AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { guardRows, rowsViaParent, type AnyRowGuard } from '../identity/row-guard.js';
import { ClaimChange } from './claim-change.entity.js';
import { InsuranceClaim } from './insurance-claim.entity.js';
import { InsurancePolicy } from './insurance-policy.entity.js';
import type { InsurerRow } from './insurer-access.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { Payment } from './payment.entity.js';
import { Role } from '../identity/role.js';

/**
 * Who may see and do what with money, as pure rules.
 * - ADMIN: every invoice, payment, policy and claim; issues, voids, records payments, submits
 *   and decides claims. Billing never carries clinical content, so nothing here is clinical.
 * - PATIENT: their own invoices, payments, insurance policies and claims; adds their own policies.
 * - An insurer's API client (`claims:read`, `claims:write`): the claims against its policies of
 *   patients who share their data with it, their invoices and policies (insurer-access.ts); decides them.
 * - DOCTOR (and anyone else): none of the money.
 */

const NOT_YOURS = 'You may not see this.';

export function mayManageBilling(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === Role.ADMIN;
}

/** An invoice, its payments, a claim on it, a policy: the patient it belongs to, or an admin. */
export function maySeeBilling(actor: Actor, owner: { patientId: string }): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  return actor.role === Role.ADMIN || (actor.role === Role.PATIENT && actor.patientId === owner.patientId);
}

/**
 * What a caller is told of a billing row that does not exist: what they would be told of one they
 * may not see (the row guards' FORBIDDEN), so an answer never reveals whether it exists; only
 * administrators, who see every one, learn it is missing.
 */
export function billingMissing(actor: Actor, missing: () => AppError): AppError {
  return actor.kind === 'user' && actor.role === Role.ADMIN ? missing() : forbidden(NOT_YOURS);
}

/** Reading billing lists at all: admins and patients (narrowed to their own). */
export function mayListBilling(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.role === Role.ADMIN || actor.role === Role.PATIENT);
}

/**
 * Whose money a request is about: the patient named, else the caller's own when a patient; an
 * administrator must name one (BAD_USER_INPUT naming `patientId`). FORBIDDEN for another patient's
 * and for anyone who sees no money. `patientId` is already a checked id.
 */
export function billingPatientOf(actor: Actor, patientId: string | undefined, what: string): string {
  const whose = patientId ?? (actor.kind === 'user' && actor.role === Role.PATIENT ? actor.patientId : undefined);
  if (!whose) {
    if (!mayListBilling(actor)) {
      throw forbidden(`${what} are for the patient and administrators.`);
    }
    throw badInput([{ field: 'patientId', message: 'is required for an administrator' }]);
  }
  if (!maySeeBilling(actor, { patientId: whose })) {
    throw forbidden(`${what} are for the patient and administrators.`);
  }
  return whose;
}

/** A patient adds policies for themself; an admin for anyone. */
export function mayAddPolicy(actor: Actor, patientId: string): boolean {
  return maySeeBilling(actor, { patientId });
}

/**
 * An insurer's client sees the row when a claim it sees is on it (insurer-access.ts), and each claim
 * it reads is in the patient's access log; undefined for anyone else, whom the patient-or-admin rule decides.
 */
function insurerSees(ctx: Context, row: InsurerRow, id: string): Promise<void> | undefined {
  const actor = ctx.access.actor;
  if (actor.kind !== 'partner') {
    return undefined;
  }
  return ctx.loaders.billing.insurerRows.load({ clientId: actor.clientId, row, id }).then((patientId) => {
    if (!patientId) {
      throw forbidden(NOT_YOURS);
    }
    if (row === 'claim') {
      ctx.audit.read({ entityType: 'InsuranceClaim', entityId: id, patientId });
    }
  });
}

function assertSeesBilling(ctx: Context, patientId: string): void {
  const actor = ctx.access.requireUser();
  if (!maySeeBilling(actor, { patientId })) {
    throw forbidden(NOT_YOURS);
  }
}

/** Row guards of the billing module: money is the patient's own and the administrators'. */
export const billingGuards: readonly AnyRowGuard[] = [
  guardRows(
    Invoice,
    (invoice, ctx) => insurerSees(ctx, 'invoice', invoice.id) ?? assertSeesBilling(ctx, invoice.patient.id),
  ),
  rowsViaParent(InvoiceLine, Invoice),
  rowsViaParent(Payment, Invoice),
  guardRows(
    InsurancePolicy,
    (policy, ctx) => insurerSees(ctx, 'policy', policy.id) ?? assertSeesBilling(ctx, policy.patient.id),
  ),
  guardRows(
    InsuranceClaim,
    (claim, ctx) =>
      insurerSees(ctx, 'claim', claim.id) ??
      // An administrator sees every claim: its invoice is read only to find whose it is.
      (ctx.access.requireUser().role === Role.ADMIN
        ? undefined
        : claim.invoice.loadOrFail().then((invoice) => assertSeesBilling(ctx, invoice.patient.id))),
  ),
  rowsViaParent(ClaimChange, InsuranceClaim),
];
