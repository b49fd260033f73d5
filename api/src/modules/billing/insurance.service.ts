import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { badInput, conflict, forbidden, notFound } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { PartParams, readTrip } from '../../shared/one-trip.js';
import { readRow, rowReader } from '../../shared/read-rows.js';
import { fromMinor, Money, requireAmount, toMinor } from '../../shared/money.js';
import {
  cursorTime,
  decodeCursor,
  keepMicroseconds,
  pageSize,
  TIME_THEN_ID,
  XID_THEN_ID,
  encodeCursor,
  totalFor,
  toConnection,
  type PageArgs,
} from '../../shared/pagination.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import type { AddInsurancePolicyInput, DecideClaimInput } from './billing.inputs.js';
import { billingPatientOf, mayAddPolicy, mayListBilling, mayManageBilling, maySeeBilling } from './billing.policy.js';
import { ClaimStatus, InvoiceStatus, PaymentMethod } from './billing.types.js';
import { ClaimChange } from './claim-change.entity.js';
import { ClaimEvent } from './claim-event.type.js';
import { enqueueClaimWebhookFanout } from './claim-webhook-fanout.js';
import { InsuranceClaim } from './insurance-claim.entity.js';
import { claimPaymentReference, InsurancePolicy } from './insurance-policy.entity.js';
import { actingOnBilling, insurerSeesClaim } from './insurer-access.js';
import { Invoice } from './invoice.entity.js';
import { Payment } from './payment.entity.js';
import { InvoiceService } from './invoice.service.js';

const DECISIONS: readonly ClaimStatus[] = [ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED, ClaimStatus.REJECTED];

/** Whether a policy covers a calendar day (both ends inclusive; no end is open). */
export function policyCovers(policy: { validFrom: string; validTo?: string | null | undefined }, day: string): boolean {
  return policy.validFrom <= day && (!policy.validTo || day <= policy.validTo);
}

export interface ClaimTotalsRow {
  currency: string;
  count: number;
  claimed: Money;
  approved: Money;
}

/** Insurance policies and claims: every claim change in one transaction with its history row. */
export class InsuranceService {
  constructor(private readonly ctx: Context) {}

  async addPolicy(input: AddInsurancePolicyInput): Promise<InsurancePolicy> {
    const actor = this.ctx.access.requireRole(Role.PATIENT, Role.ADMIN);
    let patientId: string;
    if (actor.role === Role.PATIENT) {
      patientId = input.patientId ? requireId(input.patientId, 'input.patientId') : actor.patientId!;
    } else if (input.patientId) {
      patientId = requireId(input.patientId, 'input.patientId');
    } else {
      throw badInput([{ field: 'input.patientId', message: 'is required when an administrator adds a policy' }]);
    }
    if (!mayAddPolicy(actor, patientId)) {
      throw forbidden('Patients add policies for themselves.');
    }
    if (input.validTo && input.validTo < input.validFrom) {
      throw badInput([{ field: 'input.validTo', message: 'must not be before validFrom' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      if (!(await tx.count(Patient, patientId))) {
        throw badInput([{ field: 'input.patientId', message: 'is not a patient' }]);
      }
      const policy = tx.create(InsurancePolicy, {
        patient: tx.getReference(Patient, patientId),
        provider: input.provider.trim(),
        policyNumber: input.policyNumber.trim(),
        memberId: input.memberId?.trim() || undefined,
        validFrom: input.validFrom,
        validTo: input.validTo ?? undefined,
      });
      this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'InsurancePolicy', entityId: policy.id });
      return policy;
    });
  }

  /**
   * One patient's policies for FHIR's `Coverage` search: as `policies` for people (FORBIDDEN for
   * those who see no money); for an insurer's client, those its claims are against.
   */
  async coverageOf(patientId: string): Promise<InsurancePolicy[]> {
    if (this.ctx.access.actor.kind === 'partner') {
      return (await this.insuranceOf([patientId])).policies;
    }
    return this.policies(patientId);
  }

  async policies(patientIdInput: string | null | undefined): Promise<InsurancePolicy[]> {
    const patientId = billingPatientOf(
      this.ctx.access.requireUser(),
      patientIdInput ? requireId(patientIdInput, 'patientId') : undefined,
      'Insurance policies',
    );
    return this.ctx.em.find(InsurancePolicy, { patient: patientId }, { orderBy: { validFrom: 'desc', id: 'desc' } });
  }

  private requireManager(): void {
    this.ctx.access.requireUser();
    if (!mayManageBilling(this.ctx.access.actor)) {
      throw forbidden('Only administrators handle insurance claims.');
    }
  }

  /** Claims the invoice's balance against a policy of its patient valid on the visit's date. */
  async submit(invoiceIdInput: string, policyIdInput: string): Promise<InsuranceClaim> {
    this.requireManager();
    const invoiceId = requireId(invoiceIdInput, 'invoiceId');
    const policyId = requireId(policyIdInput, 'policyId');
    try {
      return await this.ctx.em.transactional(async (tx) => {
        const invoice = await tx.findOne(Invoice, invoiceId, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!invoice) {
          throw notFound('Invoice');
        }
        const policy = await tx.findOne(InsurancePolicy, policyId);
        if (!policy || policy.patient.id !== invoice.patient.id) {
          throw badInput([{ field: 'policyId', message: 'is not a policy of the invoice’s patient' }]);
        }
        const status = invoice.status;
        if (status !== InvoiceStatus.ISSUED && status !== InvoiceStatus.PARTIALLY_PAID) {
          throw conflict(`Cannot claim for an invoice that is ${status}.`, 'ILLEGAL_TRANSITION');
        }
        const day = await this.serviceDay(tx, invoice);
        if (!policyCovers(policy, day)) {
          throw badInput(
            [{ field: 'policyId', message: `was not valid on the visit’s date, ${day}` }],
            `The policy was not valid on the visit’s date (${day}).`,
          );
        }
        const now = new Date();
        const claim = tx.create(InsuranceClaim, {
          invoice,
          policy,
          status: ClaimStatus.SUBMITTED,
          currency: invoice.currency,
          claimedAmount: fromMinor(invoice.totalMinor - invoice.paidMinor, invoice.currency),
          submittedAt: now,
        });
        this.history(tx, claim, undefined);
        this.ctx.audit.record(tx, {
          action: 'SUBMIT',
          entityType: 'InsuranceClaim',
          entityId: claim.id,
          patientId: invoice.patient.id,
        });
        await tx.flush();
        return claim;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw conflict('The invoice already has a claim waiting for a decision.', 'CLAIM_OPEN');
      }
      throw error;
    }
  }

  /**
   * Records the insurer's decision — an administrator entering it, or the insurer's own client
   * (`claims:write`) on a claim it sees; an approval becomes an INSURANCE payment on the invoice at once.
   */
  async decide(idInput: string, input: DecideClaimInput): Promise<InsuranceClaim> {
    const actor = this.ctx.access.actor;
    if (actor.kind !== 'partner') {
      this.requireManager();
    }
    const id = requireId(idInput, 'id');
    if (!DECISIONS.includes(input.status)) {
      throw badInput([{ field: 'input.status', message: 'must be APPROVED, PARTIALLY_APPROVED or REJECTED' }]);
    }
    const note = input.note?.trim() || undefined;
    if (input.status === ClaimStatus.REJECTED && !note) {
      throw badInput([{ field: 'input.note', message: 'is required when a claim is rejected' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const claim = await tx.findOne(InsuranceClaim, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Another insurer's claim, or one whose patient does not share with this one, does not exist for it.
      if (!claim || (actor.kind === 'partner' && !(await this.insurerSees(tx, actor.clientId, claim.id)))) {
        throw notFound('InsuranceClaim');
      }
      if (claim.status !== ClaimStatus.SUBMITTED) {
        throw conflict(`Cannot decide a claim that is ${claim.status}.`, 'ILLEGAL_TRANSITION');
      }
      const claimed = toMinor(claim.claimedAmount, claim.currency) ?? 0n;
      let approved: bigint | undefined;
      if (input.status === ClaimStatus.APPROVED) {
        approved = input.amountApproved
          ? requireAmount(input.amountApproved, claim.currency, 'input.amountApproved')
          : claimed;
        if (approved !== claimed) {
          throw badInput([
            { field: 'input.amountApproved', message: 'must be the amount claimed; use PARTIALLY_APPROVED for less' },
          ]);
        }
      } else if (input.status === ClaimStatus.PARTIALLY_APPROVED) {
        if (!input.amountApproved) {
          throw badInput([{ field: 'input.amountApproved', message: 'is required for PARTIALLY_APPROVED' }]);
        }
        approved = requireAmount(input.amountApproved, claim.currency, 'input.amountApproved');
        if (approved >= claimed) {
          throw badInput([{ field: 'input.amountApproved', message: 'must be less than the amount claimed' }]);
        }
      } else if (input.amountApproved) {
        throw badInput([{ field: 'input.amountApproved', message: 'must be empty for a rejection' }]);
      }
      const before = claim.status;
      claim.status = input.status;
      claim.decidedAt = new Date();
      claim.note = note;
      claim.approvedAmount = approved === undefined ? undefined : fromMinor(approved, claim.currency);
      if (approved !== undefined) {
        const invoice = await tx.findOneOrFail(Invoice, claim.invoice.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const policy = await tx.findOneOrFail(InsurancePolicy, claim.policy.id);
        const payment = await new InvoiceService(this.ctx).addPayment(
          tx,
          invoice,
          approved,
          PaymentMethod.INSURANCE,
          claimPaymentReference(policy),
          claim.decidedAt,
        );
        claim.payment = tx.getReference(Payment, payment.id, { wrapped: true });
      }
      this.history(tx, claim, before);
      // In the patient's access log: an insurer deciding through the API acts on their data.
      this.ctx.audit.record(tx, {
        action: input.status,
        entityType: 'InsuranceClaim',
        entityId: claim.id,
        patientId: (await tx.findOneOrFail(InsurancePolicy, claim.policy.id)).patient.id,
      });
      await tx.flush();
      return claim;
    });
  }

  /**
   * Claims, newest first: the page's claims whole, as read rows (only read and serialised), and
   * with `count` their total, each one part of the request's round trip (with `claimTotals`,
   * asked on the same page, one statement).
   */
  async claims(
    statuses: readonly ClaimStatus[] | null | undefined,
    page: PageArgs,
    { count, patientId }: { readonly count: boolean; readonly patientId?: string | undefined },
  ): Promise<ConnectionShape<InsuranceClaim>> {
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after, TIME_THEN_ID);
    const listed = new PartParams();
    let where = this.claimScope(statuses, listed, patientId ? [patientId] : undefined);
    if (after) {
      where += ` and (c.created_at, c.id) < (${listed.bind(after[0], 'timestamptz')}, ${listed.bind(after[1], 'uuid')})`;
    }
    const total = totalFor(count, () => this.claimCount(statuses, patientId));
    const rows = await readTrip(this.ctx.em).load({
      sql: `select c.*, i.patient_id as "__patient_id" from insurance_claim c join invoice i on i.id = c.invoice_id ${where}
             order by c.created_at desc, c.id desc limit ${limit + 1}`,
      params: listed.values,
      order: 'p.created_at desc, p.id desc',
    });
    return toConnection(
      this.claimRows(rows).map((claim, index) => {
        keepMicroseconds(claim.createdAt, rows[index]!['created_at']); // for its cursor
        return claim;
      }),
      limit,
      (claim) => [cursorTime(claim.createdAt), claim.id],
      total,
    );
  }

  private async claimCount(
    statuses: readonly ClaimStatus[] | null | undefined,
    patientId: string | undefined,
  ): Promise<number> {
    const counted = new PartParams();
    const where = this.claimScope(statuses, counted, patientId ? [patientId] : undefined);
    const [row] = await readTrip(this.ctx.em).load({
      sql: `select count(*)::int as n from insurance_claim c join invoice i on i.id = c.invoice_id ${where}`,
      params: counted.values,
    });
    return row!['n'] as number;
  }

  /** Count, claimed and approved per currency, over the same claims `claims` lists: one part of the request's round trip. */
  async totals(statuses: readonly ClaimStatus[] | null | undefined): Promise<ClaimTotalsRow[]> {
    const summed = new PartParams();
    const where = this.claimScope(statuses, summed);
    const rows = await readTrip(this.ctx.em).load({
      sql: `select c.currency, count(*)::int as n, sum(c.claimed_amount)::text as claimed,
                   coalesce(sum(c.approved_amount), 0)::text as approved
              from insurance_claim c join invoice i on i.id = c.invoice_id ${where}
             group by c.currency`,
      params: summed.values,
      order: 'p.currency',
    });
    return rows.map((row) => {
      const currency = row['currency'] as string;
      return {
        currency,
        count: row['n'] as number,
        claimed: Money.fromStored(row['claimed'] as string, currency),
        approved: Money.fromStored(row['approved'] as string, currency),
      };
    });
  }

  /**
   * The insurance of patients as far as the caller may see it, for their FHIR charts (`$everything`,
   * a bulk export): every policy and claim for the patient themself and for administrators; for an
   * insurer's client the claims `claims` lists it and the policies they are against; nothing for
   * anyone who sees no money (a doctor's chart has no bills). Claims oldest first; one round trip.
   */
  async insuranceOf(patientIds: readonly string[]): Promise<{ policies: InsurancePolicy[]; claims: InsuranceClaim[] }> {
    const actor = this.ctx.access.actor;
    const whose =
      actor.kind === 'partner'
        ? actor.scopes.includes('claims:read')
          ? patientIds
          : []
        : patientIds.filter((patientId) => maySeeBilling(actor, { patientId }));
    if (!whose.length) {
      return { policies: [], claims: [] };
    }
    const listed = new PartParams();
    const where = this.claimScope(null, listed, whose);
    const covered = new PartParams();
    let policiesWhere = `ip.patient_id = any(${covered.bind(whose, 'uuid[]')})`;
    if (actor.kind === 'partner') {
      // An insurer sees a policy through its claims; the patient and administrators see every one.
      policiesWhere += ` and exists (select 1 from insurance_claim c where c.policy_id = ip.id
        and ${insurerSeesClaim('c', covered.bind(actor.clientId, 'uuid'))})`;
    }
    const [claimRows, policyRows] = await Promise.all([
      readTrip(this.ctx.em).load({
        sql: `select c.*, i.patient_id as "__patient_id" from insurance_claim c join invoice i on i.id = c.invoice_id ${where}`,
        params: listed.values,
        order: 'p.created_at, p.id',
      }),
      readTrip(this.ctx.em).load({
        sql: `select ip.* from insurance_policy ip where ${policiesWhere}`,
        params: covered.values,
        order: 'p.valid_from desc, p.id desc',
      }),
    ]);
    const claims = this.claimRows(claimRows);
    const policyReader = rowReader(this.ctx.em, InsurancePolicy);
    const policies = policyRows.map((row) => readRow(this.ctx.em, policyReader, row));
    return { policies, claims };
  }

  /**
   * The claims' change feed: every change (submission, decision, payment) of the claims `claims`
   * lists the caller, oldest first in the order PostgreSQL gave their transactions, from `after` on.
   * Only changes of transactions older than every one still running are read, so a change that
   * commits late is never behind a cursor already handed out: no gap, no duplicate. One statement.
   */
  async claimEvents(page: PageArgs): Promise<ConnectionShape<ClaimEvent>> {
    const limit = pageSize(page.first);
    const after = decodeCursor(page.after, XID_THEN_ID);
    const feed = (params: PartParams) =>
      `from claim_change cc join insurance_claim c on c.id = cc.claim_id join invoice i on i.id = c.invoice_id
       ${this.claimScope(null, params)} and cc.xid < pg_snapshot_xmin(pg_current_snapshot())`;
    const listed = new PartParams();
    let where = feed(listed);
    if (after) {
      where += ` and (cc.xid, cc.id) > (${listed.bind(after[0], 'xid8')}, ${listed.bind(after[1], 'uuid')})`;
    }
    const rows = await readTrip(this.ctx.em).load({
      sql: `select c.*, i.patient_id as "__patient_id", cc.id as "__change_id", cc.to_status as "__kind",
                   cc.changed_at as "__at", cc.xid as "__xid"
             ${where} order by cc.xid, cc.id limit ${limit + 1}`,
      params: listed.values,
      order: 'p."__xid", p."__change_id"',
    });
    const claims = this.claimRows(rows);
    const positions = new Map<ClaimEvent, string[]>();
    const events = rows.map((row, index) => {
      const position = [String(row['__xid']), row['__change_id'] as string];
      const event = Object.assign(new ClaimEvent(), {
        id: row['__change_id'] as string,
        cursor: encodeCursor(position),
        kind: row['__kind'] as ClaimStatus,
        at: new Date(row['__at'] as string),
        claim: claims[index]!,
      });
      positions.set(event, position);
      return event;
    });
    return toConnection(
      events,
      limit,
      (event) => positions.get(event)!,
      async () => {
        const counted = new PartParams();
        const [row] = await readTrip(this.ctx.em).load({
          sql: `select count(*)::int as n ${feed(counted)}`,
          params: counted.values,
        });
        return row!['n'] as number;
      },
    );
  }

  /** Claims as read rows (only read and serialised); an insurer's are known to be its for their guards. */
  private claimRows(rows: readonly Record<string, unknown>[]): InsuranceClaim[] {
    const reader = rowReader(this.ctx.em, InsuranceClaim);
    this.knowInsurerRows(rows);
    return rows.map((row) => readRow(this.ctx.em, reader, row));
  }

  /** An insurer's listed claims are its by the list's own condition: their guards need not ask again. */
  private knowInsurerRows(rows: readonly Record<string, unknown>[]): void {
    const actor = this.ctx.access.actor;
    if (actor.kind !== 'partner') {
      return;
    }
    const seen = this.ctx.loaders.billing.insurerRows;
    for (const row of rows) {
      const patientId = row['__patient_id'] as string;
      seen.prime({ clientId: actor.clientId, row: 'claim', id: row['id'] as string }, patientId);
      seen.prime({ clientId: actor.clientId, row: 'invoice', id: row['invoice_id'] as string }, patientId);
      seen.prime({ clientId: actor.clientId, row: 'policy', id: row['policy_id'] as string }, patientId);
    }
  }

  private async insurerSees(tx: EntityManager, clientId: string, claimId: string): Promise<boolean> {
    const rows = await tx.execute(
      `select 1 from insurance_claim c where c.id = ? and ${insurerSeesClaim('c', '?::uuid')}`,
      [claimId, clientId],
    );
    return rows.length > 0;
  }

  /** The `where` of the claims the caller may list, its values bound in `params`. */
  private claimScope(
    statuses: readonly ClaimStatus[] | null | undefined,
    params: PartParams,
    patientIds?: readonly string[],
  ): string {
    const conditions = ['true'];
    if (patientIds) {
      conditions.push(`i.patient_id = any(${params.bind([...patientIds], 'uuid[]')})`);
    }
    const actor = this.ctx.access.actor;
    if (actor.kind === 'partner') {
      // The scope table let only a client with claims:read this far.
      conditions.push(insurerSeesClaim('c', params.bind(actor.clientId, 'uuid')));
    } else {
      const user = this.ctx.access.requireUser();
      if (!mayListBilling(user)) {
        throw forbidden('Claims are for administrators and the patients insured.');
      }
      if (user.role === Role.PATIENT) {
        conditions.push(`i.patient_id = ${params.bind(user.patientId, 'uuid')}`);
      }
    }
    if (statuses?.length) {
      conditions.push(`c.status = any(${params.bind([...statuses], 'text[]')})`);
    }
    return `where ${conditions.join(' and ')}`;
  }

  /** The calendar day of the service in the hospital's zone: the visit, else the issue. */
  private async serviceDay(tx: EntityManager, invoice: Invoice): Promise<string> {
    const hospital = await invoice.hospital.loadOrFail();
    const at = invoice.appointment
      ? (await tx.findOneOrFail(Appointment, invoice.appointment.id)).startsAt
      : (invoice.issuedAt ?? invoice.createdAt);
    return DateTime.fromJSDate(at, { zone: hospital.timezone }).toISODate()!;
  }

  private history(tx: EntityManager, claim: InsuranceClaim, from: ClaimStatus | undefined): void {
    const { user, client } = actingOnBilling(tx, this.ctx.access.actor);
    const change = tx.create(ClaimChange, {
      claim,
      fromStatus: from,
      toStatus: claim.status,
      approvedAmount: claim.approvedAmount,
      currency: claim.currency,
      note: claim.note,
      changedBy: user,
      changedByClient: client,
    });
    // Webhooks listening for what the claim became are sent it once this commits.
    enqueueClaimWebhookFanout(tx, change.id);
  }
}
