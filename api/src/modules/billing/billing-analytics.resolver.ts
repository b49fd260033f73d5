import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { forbidden } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { Money } from '../../shared/money.js';
import { mayManageBilling } from './billing.policy.js';

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

@Resolver()
export class BillingAnalyticsResolver {
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
}
