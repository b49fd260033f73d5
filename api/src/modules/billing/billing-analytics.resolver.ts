import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../shared/errors.js';
import type { Context } from '../../server/context.js';
import { forbidden } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { Money } from '../../shared/money.js';
import { PartParams, readTrip } from '../../shared/one-trip.js';
import { CalendarDateScalar, DateTimeScalar } from '../../shared/scalars.js';
import { billingPatientOf, mayManageBilling } from './billing.policy.js';
import { UNDECIDED_CLAIMS } from './billing.types.js';
import { INVOICE_OVERDUE_SQL } from './invoice.entity.js';

/** Age of an open balance in days since issue: 0–30, 31–60, 61–90, over 90. */
export const AGEING_BUCKETS = [
  { label: '0-30', from: 0, to: 30 },
  { label: '31-60', from: 31, to: 60 },
  { label: '61-90', from: 61, to: 90 },
  { label: '90+', from: 91, to: null },
] as const;

@ObjectType({ description: 'Open balances of one age, in days since the invoice was issued.' })
export class AgeingBucket {
  @Field({ description: '"0-30", "31-60", "61-90" or "90+".' })
  label!: string;

  @Field(() => Int, { description: 'Youngest age in the bucket, in days.' })
  fromDays!: number;

  @Field(() => Int, { nullable: true, description: 'Inclusive; null for the open-ended last bucket.' })
  toDays!: number | null;

  @Field(() => Int, { description: 'Invoices with a balance in this bucket.' })
  invoices!: number;

  @Field(() => Money, { description: 'Open balances in the bucket.' })
  outstanding!: Money;
}

@ObjectType({ description: 'Receivables of one currency: open balances of issued invoices, by age.' })
export class Receivables {
  @Field({ description: 'ISO-4217 code.' })
  currency!: string;

  @Field(() => Money, { description: 'All open balances.' })
  outstanding!: Money;

  @Field(() => [AgeingBucket], { description: '0–30, 31–60, 61–90 and 90+ days.' })
  buckets!: AgeingBucket[];
}

/** The longest period `revenue` sums over, in days. */
export const REVENUE_MAX_DAYS = 366;

@ObjectType({ description: 'Money billed and collected in one currency over a period.' })
export class Revenue {
  @Field({ description: 'ISO-4217 code.' })
  currency!: string;

  @Field(() => Money, { description: 'Totals of the invoices issued in the period (cancelled ones left out).' })
  billed!: Money;

  @Field(() => Int, { description: 'Invoices issued in the period (cancelled ones left out).' })
  invoices!: number;

  @Field(() => Money, { description: 'Payments booked in the period, the patients’ and their insurers’.' })
  collected!: Money;

  @Field(() => Int, { description: 'Payments booked in the period.' })
  payments!: number;
}

@ObjectType({
  description:
    'What one patient still owes in one currency: the open balances of their issued invoices (neither void nor paid in full).',
})
export class BalanceDue {
  @Field({ description: 'ISO-4217 code.' })
  currency!: string;

  @Field(() => Money, { description: 'All open balances.' })
  owed!: Money;

  @Field(() => Int, { description: 'Invoices with an open balance.' })
  invoices!: number;

  @Field(() => Money, { description: 'The part of `owed` on overdue invoices (see `Invoice.overdue`).' })
  overdue!: Money;

  @Field(() => Int, { description: 'Overdue invoices.' })
  overdueInvoices!: number;

  @Field(() => Money, {
    description:
      'The part of `owed` on invoices claimed from an insurer that has not decided yet: it may still be paid by the insurer.',
  })
  awaitingInsurer!: Money;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: 'The earliest due date of the invoices not overdue yet; null when every one is overdue.',
  })
  nextDueDate!: string | null;
}

@Resolver()
export class BillingAnalyticsResolver {
  @Query(() => [BalanceDue], {
    description:
      'What a patient still owes, per currency, as of now: a PATIENT their own (patientId may be omitted); an ADMIN names the patient. Doctors see no money.',
  })
  async balanceDue(
    @Arg('patientId', () => ID, { nullable: true, description: 'Whose balance; a PATIENT may omit it.' })
    patientId: string | null,
    @Ctx() ctx: Context,
  ): Promise<BalanceDue[]> {
    const whose = billingPatientOf(
      ctx.access.requireUser(),
      patientId ? requireId(patientId, 'patientId') : undefined,
      'Balances',
    );
    const params = new PartParams();
    const open = 'i.total_amount - i.paid_amount';
    const rows = await readTrip(ctx.em).load({
      sql: `select i.currency, count(*)::int as invoices, sum(${open})::text as owed,
                   count(*) filter (where ${INVOICE_OVERDUE_SQL})::int as overdue_invoices,
                   coalesce(sum(${open}) filter (where ${INVOICE_OVERDUE_SQL}), 0)::text as overdue,
                   coalesce(sum(${open}) filter (where exists (
                     select 1 from insurance_claim c
                      where c.invoice_id = i.id and c.status = any(${params.bind(UNDECIDED_CLAIMS, 'text[]')}))), 0)::text as claimed,
                   (min(i.due_date) filter (where not ${INVOICE_OVERDUE_SQL}))::text as next_due
              from invoice i
             where i.patient_id = ${params.bind(whose, 'uuid')} and i.issued_at is not null and i.voided_at is null
               and i.paid_amount < i.total_amount
             group by i.currency`,
      params: params.values,
      order: 'p.currency',
    });
    return rows.map((row) => {
      const currency = row['currency'] as string;
      return Object.assign(new BalanceDue(), {
        currency,
        owed: Money.fromStored(row['owed'] as string, currency),
        invoices: row['invoices'] as number,
        overdue: Money.fromStored(row['overdue'] as string, currency),
        overdueInvoices: row['overdue_invoices'] as number,
        awaitingInsurer: Money.fromStored(row['claimed'] as string, currency),
        nextDueDate: (row['next_due'] as string | null) ?? null,
      });
    });
  }

  @Query(() => [Receivables], {
    description:
      'ADMIN. What patients and insurers still owe on issued invoices, per currency, aged 0–30, 31–60, 61–90 and 90+ days since issue (as of now), optionally for one hospital.',
  })
  async receivables(
    @Arg('hospitalId', () => ID, { nullable: true, description: 'Only this hospital’s invoices.' })
    hospitalId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Receivables[]> {
    ctx.access.requireUser();
    if (!mayManageBilling(ctx.access.actor)) {
      throw forbidden('Receivables are for administrators.');
    }
    const rows = await ctx.em.execute<{ currency: string; bucket: number; n: string; outstanding: string }[]>(
      `select currency, bucket, count(*) as n, sum(total_amount - paid_amount)::text as outstanding
         from (select i.currency, i.total_amount, i.paid_amount,
                      case when now() - i.issued_at <= interval '31 days' then 0
                           when now() - i.issued_at <= interval '61 days' then 1
                           when now() - i.issued_at <= interval '91 days' then 2
                           else 3 end as bucket
                 from invoice i
                where i.issued_at is not null and i.voided_at is null and i.paid_amount < i.total_amount
                  ${hospitalId ? 'and i.hospital_id = ?' : ''}) open
        group by currency, bucket`,
      hospitalId ? [requireId(hospitalId, 'hospitalId')] : [],
    );
    const currencies = [...new Set(rows.map((row) => row.currency))].sort();
    return currencies.map((currency) => {
      let total = Money.of(0n, currency);
      const buckets = AGEING_BUCKETS.map((bucket, index) => {
        const row = rows.find((r) => r.currency === currency && Number(r.bucket) === index);
        const outstanding = Money.fromStored(row?.outstanding ?? '0', currency);
        total = Money.sum(total, outstanding);
        return Object.assign(new AgeingBucket(), {
          label: bucket.label,
          fromDays: bucket.from,
          toDays: bucket.to,
          invoices: Number(row?.n ?? 0),
          outstanding,
        });
      });
      return Object.assign(new Receivables(), { currency, outstanding: total, buckets });
    });
  }

  @Query(() => [Revenue], {
    description: `ADMIN. Money billed (invoices issued) and collected (payments booked) per currency over [from, to) (at most ${REVENUE_MAX_DAYS} days), optionally for one hospital.`,
  })
  async revenue(
    @Arg('from', () => DateTimeScalar, { description: 'Start of the period.' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the period (exclusive).' }) to: Date,
    @Arg('hospitalId', () => ID, { nullable: true, description: 'Only this hospital’s invoices and their payments.' })
    hospitalId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Revenue[]> {
    ctx.access.requireUser();
    if (!mayManageBilling(ctx.access.actor)) {
      throw forbidden('Revenue is for administrators.');
    }
    if (to <= from || to.getTime() - from.getTime() > REVENUE_MAX_DAYS * 86_400_000) {
      throw badInput([{ field: 'to', message: `must be after from, by at most ${REVENUE_MAX_DAYS} days` }]);
    }
    const hospital = hospitalId ? requireId(hospitalId, 'hospitalId') : null;
    // Both sums in one statement: what was billed by the invoices' issue, what came in by the payments' date.
    const rows = await ctx.em.execute<
      { currency: string; billed: string; invoices: string; collected: string; payments: string }[]
    >(
      `select currency, sum(billed)::text as billed, sum(invoices) as invoices,
              sum(collected)::text as collected, sum(payments) as payments
         from (select i.currency, i.total_amount as billed, 1 as invoices, 0 as collected, 0 as payments
                 from invoice i
                where i.issued_at >= ? and i.issued_at < ? and i.voided_at is null
                  and (?::uuid is null or i.hospital_id = ?::uuid)
               union all
               select p.currency, 0, 0, p.amount_value, 1
                 from payment p join invoice i on i.id = p.invoice_id
                where p.paid_at >= ? and p.paid_at < ?
                  and (?::uuid is null or i.hospital_id = ?::uuid)) money
        group by currency
        order by currency`,
      [from, to, hospital, hospital, from, to, hospital, hospital],
    );
    return rows.map((row) =>
      Object.assign(new Revenue(), {
        currency: row.currency,
        billed: Money.fromStored(row.billed, row.currency),
        invoices: Number(row.invoices),
        collected: Money.fromStored(row.collected, row.currency),
        payments: Number(row.payments),
      }),
    );
  }
}
