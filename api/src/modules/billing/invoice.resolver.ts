import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { PageArgs } from '../../shared/pagination.js';
import { selects } from '../../shared/selection.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Hospital } from '../organisation/hospital.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { RecordPaymentInput } from './billing.inputs.js';
import { InvoiceStatus } from './billing.types.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice, isPastDue, owedBy } from './invoice.entity.js';
import { InvoiceService } from './invoice.service.js';
import { Payment } from './payment.entity.js';

export const InvoiceConnection = Connection('Invoice', Invoice);

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => InvoiceConnection, {
    description:
      'Invoices, newest first. ADMIN: all (or one patient’s); PATIENT: their own only. Doctors see no money.',
  })
  invoices(
    @Arg('patientId', () => ID, { nullable: true, description: 'ADMIN: one patient’s invoices.' })
    patientId: string | null,
    @Arg('status', () => [InvoiceStatus], { nullable: true, description: 'Only invoices in these statuses.' })
    status: InvoiceStatus[] | null,
    @Arg('overdue', () => Boolean, {
      nullable: true,
      description: 'True: only overdue invoices (see `Invoice.overdue`); false: only the others.',
    })
    overdue: boolean | null,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Words, each matching an invoice’s whole number (any case) or a word of its patient’s name, phone or e-mail (anywhere in it, as `patients(search:)`); at most 5 words.',
    })
    search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Invoice>> {
    return new InvoiceService(ctx).list({ patientId, status, overdue, search }, page, {
      count: selects(info, ['totalCount']),
    });
  }

  @Query(() => Invoice, { nullable: true, description: 'One invoice: its patient or an ADMIN.' })
  invoice(@Arg('id', () => ID, { description: 'The invoice.' }) id: string, @Ctx() ctx: Context): Promise<Invoice> {
    return new InvoiceService(ctx).one(id);
  }

  @Mutation(() => Invoice, {
    description: 'ADMIN. DRAFT → ISSUED, with a due date 30 days on. A completed visit drafts its invoice itself.',
  })
  issueInvoice(
    @Arg('id', () => ID, { description: 'A DRAFT invoice.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Invoice> {
    return new InvoiceService(ctx).issue(id);
  }

  @Mutation(() => [Invoice], {
    description:
      'ADMIN. Issues several DRAFT invoices at once (1 to 100), all or none, each as issueInvoice would; one that is ' +
      'not a draft is CONFLICT `ILLEGAL_TRANSITION` with the ids of all such in `extensions.invoiceIds`. Returned in ' +
      'the order asked.',
  })
  issueInvoices(
    @Arg('ids', () => [ID], { description: 'DRAFT invoices.' }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Invoice[]> {
    return new InvoiceService(ctx).issueMany(ids);
  }

  @Mutation(() => Invoice, {
    description:
      'ADMIN. Records money received on an issued invoice, partial or full; more than the balance is CONFLICT (reason OVERPAYMENT).',
  })
  recordPayment(
    @Arg('invoiceId', () => ID, { description: 'An ISSUED or PARTIALLY_PAID invoice.' }) invoiceId: string,
    @Arg('input', () => RecordPaymentInput, { description: 'Amount, method and proof.' }) input: RecordPaymentInput,
    @Ctx() ctx: Context,
  ): Promise<Invoice> {
    return new InvoiceService(ctx).recordPayment(invoiceId, input);
  }

  @Mutation(() => Invoice, { description: 'ADMIN. Voids an invoice without payments, with the reason kept.' })
  voidInvoice(
    @Arg('id', () => ID, { description: 'An invoice without payments.' }) id: string,
    @Arg('reason', { description: 'Why, kept with the invoice.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Invoice> {
    return new InvoiceService(ctx).void(id, reason);
  }

  @FieldResolver(() => Patient, { description: 'The patient billed.' })
  patient(@Root() invoice: Invoice): Promise<Patient> {
    return invoice.patient.loadOrFail();
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The visit billed, if any.' })
  async appointment(@Root() invoice: Invoice): Promise<Appointment | null> {
    return invoice.appointment ? invoice.appointment.loadOrFail() : null;
  }

  @FieldResolver(() => Hospital, { description: 'The hospital that bills.' })
  hospital(@Root() invoice: Invoice): Promise<Hospital> {
    return invoice.hospital.loadOrFail();
  }

  @FieldResolver(() => Boolean, {
    description:
      'ISSUED or PARTIALLY_PAID and past its due date, today being the date in the hospital’s time zone (the due date itself is still in time).',
  })
  async overdue(@Root() invoice: Invoice): Promise<boolean> {
    const due = owedBy(invoice);
    if (due === undefined) {
      return false; // a draft, void or settled: no hospital to look up
    }
    return isPastDue(due, (await invoice.hospital.loadOrFail()).timezone);
  }

  @FieldResolver(() => [InvoiceLine], { description: 'What is charged, in order.' })
  lines(@Root() invoice: Invoice, @Ctx() ctx: Context): Promise<InvoiceLine[]> {
    return ctx.loaders.billing.lines.load(invoice.id);
  }

  @FieldResolver(() => [Payment], { description: 'Payments in the order they came in.' })
  payments(@Root() invoice: Invoice, @Ctx() ctx: Context): Promise<Payment[]> {
    return ctx.loaders.billing.payments.load(invoice.id);
  }

  @FieldResolver(() => String, { description: 'Path of the invoice PDF (GET with the bearer token).' })
  pdfUrl(@Root() invoice: Invoice): string {
    return `/invoices/${invoice.id}.pdf`;
  }
}

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => String, { description: 'Path of the receipt PDF (GET with the bearer token).' })
  receiptUrl(@Root() payment: Payment): string {
    return `/receipts/${payment.id}.pdf`;
  }
}
