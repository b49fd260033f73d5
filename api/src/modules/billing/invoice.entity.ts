import {
  Check,
  Entity,
  Index,
  ManyToOne,
  OneToOne,
  Property,
  Unique,
  type Opt,
  type Ref,
  OptionalProps,
} from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Money, toMinor } from '../../shared/money.js';
import { CalendarDateScalar, DateTimeScalar } from '../../shared/scalars.js';
import { InvoiceStatus } from './billing.types.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { User } from '../identity/user.entity.js';
import { Hospital } from '../organisation/hospital.entity.js';
import { Patient } from '../patients/patient.entity.js';

/**
 * A bill to a patient. Lines are written when the draft is made; the total is their sum, the
 * balance and the status follow from the payments (never typed in).
 */
@ObjectType({ description: 'A bill to a patient, drafted by a completed visit and issued by an administrator.' })
@Entity({ tableName: 'invoice' })
@Unique({ properties: ['hospital', 'year', 'sequence'] })
@Index({ properties: ['patient', 'createdAt'] })
@Index({ properties: ['createdAt', 'id'] })
// The last word on overpayment: the paid sum never exceeds the total, whatever the code does.
@Check({
  name: 'invoice_paid_within_total_check',
  expression: 'total_amount >= 0 and paid_amount >= 0 and paid_amount <= total_amount',
})
export class Invoice extends BaseEntity {
  [OptionalProps]?: 'patientId' | 'totalMinor' | 'paidMinor' | 'total' | 'balance' | 'paid' | 'status';

  @Field({ description: 'Sequential per hospital and year without gaps, e.g. "CGH-2026-000042".' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne({ entity: () => Hospital, ref: true, deleteRule: 'restrict' })
  hospital!: Ref<Hospital>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  sequence!: number;

  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  @Field(() => ID, { description: 'The patient billed (also reachable as `patient`).' })
  get patientId(): string {
    return this.patient.id;
  }

  // One invoice per visit, even when the visit is completed twice at once.
  @OneToOne({ entity: () => Appointment, ref: true, deleteRule: 'restrict', nullable: true, owner: true, unique: true })
  appointment?: Ref<Appointment>;

  @Property({ type: 'text' })
  currency!: string;

  /** Sum of the lines, written with them. */
  @Property({ type: 'decimal', precision: 16, scale: 4 })
  totalAmount!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was issued; null while DRAFT.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  issuedAt?: Date;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Pay by this day (30 days after issue).' })
  @Property({ type: 'date', nullable: true })
  dueDate?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was voided.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  voidedAt?: Date;

  @Field(() => String, { nullable: true, description: 'Why it was voided.' })
  @Property({ type: 'text', nullable: true })
  voidReason?: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  issuedBy?: Ref<User>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  voidedBy?: Ref<User>;

  /** Sum of the payments; kept up to date in the payment's transaction (under the invoice's lock). */
  @Property({ type: 'decimal', precision: 16, scale: 4, default: 0 })
  paidAmount: Opt<string> = '0';

  get totalMinor(): bigint {
    return toMinor(this.totalAmount, this.currency) ?? 0n;
  }

  get paidMinor(): bigint {
    return toMinor(this.paidAmount, this.currency) ?? 0n;
  }

  @Field(() => Money, { description: 'Sum of the lines.' })
  get total(): Money {
    return Money.of(this.totalMinor, this.currency);
  }

  @Field(() => Money, { description: 'What is still owed: the total less every payment (zero once void).' })
  get balance(): Money {
    return Money.of(this.voidedAt ? 0n : this.totalMinor - this.paidMinor, this.currency);
  }

  @Field(() => Money, { description: 'Sum of the payments.' })
  get paid(): Money {
    return Money.of(this.paidMinor, this.currency);
  }

  @Field(() => InvoiceStatus, { description: 'Derived from issue, void and the payments; never set directly.' })
  get status(): InvoiceStatus {
    return invoiceStatus(this);
  }
}

/** The status follows from the facts: void, issued, and how much of the total is paid. */
export function invoiceStatus(invoice: {
  voidedAt?: Date | undefined;
  issuedAt?: Date | undefined;
  totalMinor: bigint;
  paidMinor: bigint;
}): InvoiceStatus {
  if (invoice.voidedAt) {
    return InvoiceStatus.VOID;
  }
  if (!invoice.issuedAt) {
    return InvoiceStatus.DRAFT;
  }
  if (invoice.paidMinor >= invoice.totalMinor) {
    return InvoiceStatus.PAID;
  }
  return invoice.paidMinor > 0n ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.ISSUED;
}

/**
 * The day an invoice must be paid by, while it is owed (issued, not void, not paid in full); it is
 * overdue once that day has passed in its hospital's time zone (the due date itself is still in time).
 */
export function owedBy(
  invoice: Parameters<typeof invoiceStatus>[0] & { dueDate?: string | undefined },
): string | undefined {
  const status = invoiceStatus(invoice);
  return status === InvoiceStatus.ISSUED || status === InvoiceStatus.PARTIALLY_PAID ? invoice.dueDate : undefined;
}

/** Whether an invoice owed by `due` ({@link owedBy}) is overdue: that day has passed in its hospital's `timezone`. */
export function isPastDue(due: string | undefined, timezone: string, now = DateTime.now()): due is string {
  return due !== undefined && due < now.setZone(timezone).toISODate()!;
}

/** The same rule in SQL (alias `i`), for filtering lists by status. */
export const INVOICE_STATUS_SQL = `(case when i.voided_at is not null then 'VOID'
  when i.issued_at is null then 'DRAFT'
  when i.paid_amount >= i.total_amount then 'PAID'
  when i.paid_amount > 0 then 'PARTIALLY_PAID'
  else 'ISSUED' end)`;

/** Overdue ({@link owedBy} before today in the invoice's hospital's time zone) in SQL, alias `i`. */
export const INVOICE_OVERDUE_SQL = `(${INVOICE_STATUS_SQL} in ('ISSUED', 'PARTIALLY_PAID')
  and i.due_date < (now() at time zone (select h.timezone from hospital h where h.id = i.hospital_id))::date)`;
