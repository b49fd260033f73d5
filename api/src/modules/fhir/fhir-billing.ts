import type {
  Claim,
  ClaimResponse,
  CodeableConcept,
  Coverage,
  Money as FhirMoney,
  Patient,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { badInput } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import type { Money } from '../../shared/money.js';
import type { PageArgs } from '../../shared/pagination.js';
import { readChildrenInOrder, readRowsById } from '../../shared/read-rows.js';
import { billingMissing, billingPatientOf } from '../billing/billing.policy.js';
import { ClaimStatus } from '../billing/billing.types.js';
import { InsuranceClaim } from '../billing/insurance-claim.entity.js';
import { InsurancePolicy } from '../billing/insurance-policy.entity.js';
import { InsuranceService } from '../billing/insurance.service.js';
import { InvoiceLine } from '../billing/invoice-line.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Role } from '../identity/role.js';
import { Hospital } from '../organisation/hospital.entity.js';
import { guardEach } from './fhir-access.js';
import { referenceId, unknownResource, type SearchParams } from './fhir-search.js';

/** Where the clinic's invoice numbers are an identifier (a claim is for one invoice). */
export const INVOICE_SYSTEM = 'urn:healthcare-platform:invoice';
const CLAIM_TYPE: CodeableConcept = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional', display: 'Professional' },
  ],
};
const ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';
/** The claim statuses with the insurer's decision: those have a ClaimResponse. */
const DECIDED: readonly ClaimStatus[] = [
  ClaimStatus.APPROVED,
  ClaimStatus.PARTIALLY_APPROVED,
  ClaimStatus.REJECTED,
  ClaimStatus.PAID,
];
const DISPOSITIONS: Partial<Record<ClaimStatus, string>> = {
  [ClaimStatus.APPROVED]: 'Approved',
  [ClaimStatus.PARTIALLY_APPROVED]: 'Partially approved',
  [ClaimStatus.REJECTED]: 'Rejected',
  [ClaimStatus.PAID]: 'Approved and paid',
};

/** A ClaimResponse's id: its claim's with `-cr` (derived, as the chart's derived resources are). */
const RESPONSE_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-cr$/;

const patientRef = (id: string): Reference<Patient> => ({ reference: `Patient/${id}` });
/** An amount as FHIR writes it: a decimal and the ISO 4217 code (the clinic's currencies are ISO codes). */
const fhirMoney = (money: Pick<Money, 'amount' | 'currency'>): FhirMoney => ({
  value: Number(money.amount),
  currency: money.currency as FhirMoney['currency'],
});
const instant = (at: Date): string => at.toISOString();

/** An insurance policy as a FHIR Coverage: the insurer as payor, the policy number, the member id, the period. */
export function toCoverage(policy: InsurancePolicy): Coverage {
  return {
    resourceType: 'Coverage',
    id: policy.id,
    meta: { lastUpdated: policy.updatedAt.toISOString() },
    status: 'active',
    identifier: [{ type: { text: 'Policy number' }, value: policy.policyNumber }],
    ...(policy.memberId ? { subscriberId: policy.memberId } : {}),
    beneficiary: patientRef(policy.patient.id),
    payor: [{ display: policy.provider }],
    period: { start: policy.validFrom, ...(policy.validTo ? { end: policy.validTo } : {}) },
  };
}

/** What a claim's resources are made of besides the claim: its invoice, lines, policy and hospital. */
interface ClaimParts {
  readonly invoice: Invoice;
  readonly lines: readonly InvoiceLine[];
  readonly policy: InsurancePolicy;
  readonly hospital: Hospital;
}

/** A claim as a FHIR Claim: the invoice's lines as items, against the policy's Coverage. */
export function toClaim(claim: InsuranceClaim, { invoice, lines, policy, hospital }: ClaimParts): Claim {
  return {
    resourceType: 'Claim',
    id: claim.id,
    meta: { lastUpdated: claim.updatedAt.toISOString() },
    identifier: [{ system: INVOICE_SYSTEM, value: invoice.number }],
    status: claim.status === ClaimStatus.DRAFT ? 'draft' : 'active',
    type: CLAIM_TYPE,
    use: 'claim',
    patient: patientRef(invoice.patient.id),
    created: instant(claim.submittedAt ?? claim.createdAt),
    insurer: { display: policy.provider },
    provider: { display: hospital.name },
    priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
    insurance: [{ sequence: 1, focal: true, coverage: { reference: `Coverage/${policy.id}` } }],
    item: lines.map((line, index) => ({
      sequence: index + 1,
      productOrService: { text: line.description },
      quantity: { value: line.quantity },
      unitPrice: fhirMoney(line.unitPrice),
      net: fhirMoney(line.total),
    })),
    total: fhirMoney(claim.amountClaimed),
  };
}

/** The insurer's decision on a claim as a FHIR ClaimResponse: what was submitted, what it pays, its note. */
export function toClaimResponse(claim: InsuranceClaim, { invoice, policy }: ClaimParts): ClaimResponse {
  const approved = claim.amountApproved;
  const note = claim.note ? `: ${claim.note}` : '';
  return {
    resourceType: 'ClaimResponse',
    id: `${claim.id}-cr`,
    meta: { lastUpdated: claim.updatedAt.toISOString() },
    status: 'active',
    type: CLAIM_TYPE,
    use: 'claim',
    patient: patientRef(invoice.patient.id),
    created: instant(claim.decidedAt ?? claim.updatedAt),
    insurer: { display: policy.provider },
    request: { reference: `Claim/${claim.id}` },
    outcome: 'complete',
    disposition: `${DISPOSITIONS[claim.status] ?? claim.status}${note}`,
    total: [
      { category: { coding: [{ system: ADJUDICATION, code: 'submitted' }] }, amount: fhirMoney(claim.amountClaimed) },
      {
        category: { coding: [{ system: ADJUDICATION, code: 'benefit' }] },
        amount: fhirMoney(approved ?? { amount: '0', currency: claim.currency }),
      },
    ],
    ...(approved && Number(approved.amount) > 0
      ? {
          payment: {
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype', code: 'complete' }] },
            amount: fhirMoney(approved),
          },
        }
      : {}),
  };
}

const decided = (claim: InsuranceClaim): boolean => DECIDED.includes(claim.status);

/**
 * Claims as FHIR resources (the Claim, and its ClaimResponse once decided, with `responses`), each
 * claim, invoice and policy passing billing's row guards (an insurer's claim reads audited). What
 * they are made of is read for all of them at once: one round trip per level.
 */
async function claimResources(
  ctx: Context,
  claims: readonly InsuranceClaim[],
  kinds: { readonly claims: boolean; readonly responses: boolean },
): Promise<Resource[]> {
  if (!claims.length) {
    return [];
  }
  const em = ctx.em;
  const invoiceIds = [...new Set(claims.map((claim) => claim.invoice.id))];
  const [invoices, policies, linesOf] = await Promise.all([
    readRowsById(em, Invoice).loadMany(invoiceIds),
    readRowsById(em, InsurancePolicy).loadMany([...new Set(claims.map((claim) => claim.policy.id))]),
    readChildrenInOrder(em, InvoiceLine, 'invoice', invoiceIds, 'p.position, p.id'),
    guardEach(ctx, InsuranceClaim, claims),
  ]);
  const found = <T>(rows: readonly (T | Error | null)[]): T[] =>
    rows.filter((row): row is T => row !== null && !(row instanceof Error));
  const invoiceOf = new Map(found(invoices).map((invoice) => [invoice.id, invoice]));
  const policyOf = new Map(found(policies).map((policy) => [policy.id, policy]));
  const linesByInvoice = new Map(invoiceIds.map((id, index) => [id, linesOf[index]!]));
  const [hospitals] = await Promise.all([
    readRowsById(em, Hospital).loadMany([...new Set([...invoiceOf.values()].map((invoice) => invoice.hospital.id))]),
    guardEach(ctx, Invoice, [...invoiceOf.values()]),
    guardEach(ctx, InsurancePolicy, [...policyOf.values()]),
  ]);
  const hospitalOf = new Map(found(hospitals).map((hospital) => [hospital.id, hospital]));
  return claims.flatMap((claim) => {
    const invoice = invoiceOf.get(claim.invoice.id)!;
    const parts: ClaimParts = {
      invoice,
      lines: linesByInvoice.get(invoice.id) ?? [],
      policy: policyOf.get(claim.policy.id)!,
      hospital: hospitalOf.get(invoice.hospital.id)!,
    };
    return [
      ...(kinds.claims ? [toClaim(claim, parts)] : []),
      ...(kinds.responses && decided(claim) ? [toClaimResponse(claim, parts)] : []),
    ];
  });
}

/**
 * The insurance in patients' FHIR charts (`$everything`, bulk exports): their Coverages, Claims and
 * ClaimResponses as far as the caller may see their money (billing's rule), none for anyone else.
 */
export async function insuranceResources(
  ctx: Context,
  patientIds: readonly string[],
): Promise<Map<string, Resource[]>> {
  const { policies, claims } = await new InsuranceService(ctx).insuranceOf(patientIds);
  const [, resources] = await Promise.all([
    guardEach(ctx, InsurancePolicy, policies),
    claimResources(ctx, claims, { claims: true, responses: true }),
  ]);
  const byPatient = new Map<string, Resource[]>();
  for (const resource of [...policies.map(toCoverage), ...resources]) {
    const reference = resource.resourceType === 'Coverage' ? resource.beneficiary : (resource as Claim).patient;
    const patientId = reference.reference!.slice('Patient/'.length);
    byPatient.set(patientId, [...(byPatient.get(patientId) ?? []), resource]);
  }
  return byPatient;
}

/** What a caller is told of a missing billing resource: as of one they may not see. */
const missing = (ctx: Context, type: string) => billingMissing(ctx.access.actor, () => unknownResource(type));

/** `GET Coverage/{id}`, `Claim/{id}`, `ClaimResponse/{id}-cr`. */
export async function readBilling(
  ctx: Context,
  type: 'Coverage' | 'Claim' | 'ClaimResponse',
  id: string,
): Promise<Resource> {
  if (type === 'Coverage') {
    const policy = isUuid(id) ? await ctx.em.findOne(InsurancePolicy, id) : null;
    if (!policy) {
      throw missing(ctx, type);
    }
    await guardEach(ctx, InsurancePolicy, [policy]);
    return toCoverage(policy);
  }
  const claimId = type === 'Claim' ? id : RESPONSE_ID.exec(id)?.[1];
  const claim = claimId && isUuid(claimId) ? await ctx.em.findOne(InsuranceClaim, claimId) : null;
  if (!claim) {
    throw missing(ctx, type);
  }
  const [resource] = await claimResources(ctx, [claim], { claims: type === 'Claim', responses: type !== 'Claim' });
  if (!resource) {
    // A claim still with the insurer has no response yet.
    throw unknownResource(type);
  }
  return resource;
}

/**
 * The patient a billing search is about: `patient` (a person naming one must see that patient's
 * money, billing's rule; an insurer's list is narrowed to its claims), or for a patient their own.
 */
function billingSubject(ctx: Context, params: SearchParams): string | undefined {
  const given = params.one('patient');
  if (given) {
    const patientId = referenceId(given, 'Patient', 'patient');
    const actor = ctx.access.actor;
    return actor.kind === 'user' ? billingPatientOf(actor, patientId, 'Claims and cover') : patientId;
  }
  const actor = ctx.access.actor;
  return actor.kind === 'user' && actor.role === Role.PATIENT ? actor.patientId : undefined;
}

/** `GET Coverage?patient=`: one patient's policies as far as the caller sees them. */
export async function searchCoverage(ctx: Context, params: SearchParams): Promise<Resource[]> {
  const patientId = billingSubject(ctx, params);
  if (!patientId) {
    throw badInput([{ field: 'patient', message: 'is required: cover is searched one patient at a time' }]);
  }
  const policies = await new InsuranceService(ctx).coverageOf(patientId);
  await guardEach(ctx, InsurancePolicy, policies);
  return policies.map(toCoverage);
}

/**
 * `GET Claim` and `GET ClaimResponse` (`patient` optional): newest first, the claims `claims` lists
 * the caller (an insurer's client: its own; a patient: theirs), the responses of the decided ones.
 */
export async function searchClaims(
  ctx: Context,
  type: 'Claim' | 'ClaimResponse',
  params: SearchParams,
  page: PageArgs,
): Promise<{ resources: Resource[]; page: ConnectionShape<InsuranceClaim> }> {
  const responses = type === 'ClaimResponse';
  const claims = await new InsuranceService(ctx).claims(responses ? DECIDED : null, page, {
    count: false,
    patientId: billingSubject(ctx, params),
  });
  return {
    resources: await claimResources(
      ctx,
      claims.edges.map((edge) => edge.node),
      { claims: !responses, responses },
    ),
    page: claims,
  };
}
