import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, pastHalfHour, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements, sessionRemembered } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const INVOICE_FIELDS = `id number status issuedAt dueDate patientId
  total { amount currency } balance { amount currency }
  lines { description quantity unitPrice { amount currency } total { amount currency } }
  payments { id amount { amount currency } method reference }`;
const COMPLETE = `mutation ($id: ID!) { completeAppointment(id: $id) { id status } }`;
const ISSUE = `mutation ($id: ID!) { issueInvoice(id: $id) { ${INVOICE_FIELDS} } }`;
const PAY = `mutation ($id: ID!, $input: RecordPaymentInput!) { recordPayment(invoiceId: $id, input: $input) { ${INVOICE_FIELDS} } }`;
const VOID = `mutation ($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { id status voidReason balance { amount } } }`;
const INVOICES = `query ($patientId: ID, $status: [InvoiceStatus!], $first: Int, $after: String) {
  invoices(patientId: $patientId, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${INVOICE_FIELDS} } } } }`;
const ADD_POLICY = `mutation ($input: AddInsurancePolicyInput!) { addInsurancePolicy(input: $input) { id provider validFrom validTo } }`;
const SUBMIT = `mutation ($invoiceId: ID!, $policyId: ID!) { submitClaim(invoiceId: $invoiceId, policyId: $policyId) {
  id status amountClaimed { amount currency } submittedAt } }`;
const DECIDE = `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) {
  id status amountApproved { amount } decidedAt note decidedByPartner
  invoice { id status balance { amount } payments { method amount { amount } reference } }
  history { fromStatus toStatus changedById changedAt amountApproved { amount } } } }`;
const CLAIMS = `query ($status: [ClaimStatus!]) { claims(status: $status) { totalCount edges { node { id status invoice { id patientId } policy { id provider } } } }
  claimTotals(status: $status) { currency count claimed { amount } approved { amount } } }`;

interface InvoiceShape {
  id: string;
  number: string;
  status: string;
  patientId: string;
  issuedAt: string | null;
  dueDate: string | null;
  total: { amount: string; currency: string };
  balance: { amount: string; currency: string };
  lines: { description: string; quantity: number; unitPrice: { amount: string }; total: { amount: string } }[];
  payments: { id: string; amount: { amount: string }; method: string; reference: string | null }[];
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
let patientA: Account<Patient>;
let patientB: Account<Patient>;
let doctor: Account<Doctor>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  [admin, patientA, patientB, doctor] = await Promise.all([
    factory.admin(),
    factory.patient(),
    factory.patient(),
    factory.doctor({ feeAmount: '80.00' }),
  ]);
});

/** A visit of `patient` completed by its doctor: returns the drafted invoice, read as an admin. */
async function completedVisit(
  patient: Account<Patient> = patientA,
  options: { startsAt?: Date; by?: Account<Doctor> } = {},
): Promise<{ appointment: Appointment; invoice: InvoiceShape }> {
  const by = options.by ?? doctor;
  const appointment = await factory.appointment(patient.profile, by.profile, {
    status: AppointmentStatus.CHECKED_IN,
    startsAt: options.startsAt ?? pastHalfHour(),
  });
  expectData(await gql(app, COMPLETE, { token: by.token, variables: { id: appointment.id } }));
  const [row] = await database.query<{ id: string }>('select id from invoice where appointment_id = $1', [
    appointment.id,
  ]);
  const data = expectData(
    await gql<{ invoice: InvoiceShape }>(app, `query ($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`, {
      token: admin.token,
      variables: { id: row!.id },
    }),
  );
  return { appointment, invoice: data.invoice };
}

async function issuedInvoice(patient: Account<Patient> = patientA): Promise<InvoiceShape> {
  const { invoice } = await completedVisit(patient);
  return expectData(
    await gql<{ issueInvoice: InvoiceShape }>(app, ISSUE, { token: admin.token, variables: { id: invoice.id } }),
  ).issueInvoice;
}

describe('drafting on completion', () => {
  it('drafts the invoice with the doctor’s fee, exact, in the completion’s transaction', async () => {
    const { invoice } = await completedVisit();
    expect(invoice).toMatchObject({
      status: 'DRAFT',
      issuedAt: null,
      patientId: patientA.profile.id,
      total: { amount: '80.00', currency: 'EUR' },
      balance: { amount: '80.00', currency: 'EUR' },
      payments: [],
    });
    expect(invoice.number).toMatch(/^MAIN-\d{4}-\d{6}$/);
    expect(invoice.lines).toEqual([
      {
        description: expect.stringContaining(`Dr Gregory ${doctor.profile.lastName}`) as string,
        quantity: 1,
        unitPrice: { amount: '80.00', currency: 'EUR' },
        total: { amount: '80.00', currency: 'EUR' },
      },
    ]);
    // The visit's reason (clinical) never reaches billing text.
    expect(JSON.stringify(invoice)).not.toContain('Persistent cough');
  });

  it('drafts exactly one invoice when the visit is completed twice at once', async () => {
    const appointment = await factory.appointment(patientA.profile, doctor.profile, {
      status: AppointmentStatus.CHECKED_IN,
      startsAt: pastHalfHour(),
    });
    const results = await Promise.all(
      [1, 2].map(() => gql(app, COMPLETE, { token: doctor.token, variables: { id: appointment.id } })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expectGraphQLError(
      results.find((r) => r.errors)!,
      'CONFLICT',
    );
    const rows = await database.query('select id from invoice where appointment_id = $1', [appointment.id]);
    expect(rows).toHaveLength(1);
  });

  it('gives 50 concurrent invoices 50 distinct consecutive numbers of their hospital and year', async () => {
    const { hospital, department } = await factory.hospital();
    const busyDoctor = await factory.doctor({ departmentId: department.id, feeAmount: '12.50' });
    const appointments = [];
    for (let index = 0; index < 50; index += 1) {
      appointments.push(
        await factory.appointment(patientB.profile, busyDoctor.profile, {
          status: AppointmentStatus.CONFIRMED,
          startsAt: pastHalfHour(),
        }),
      );
    }
    const results = await Promise.all(
      appointments.map((a) => gql(app, COMPLETE, { token: busyDoctor.token, variables: { id: a.id } })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const rows = await database.query<{ number: string; sequence: number; year: number }>(
      'select number, sequence, year from invoice where hospital_id = $1 order by sequence',
      [hospital.id],
    );
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(50);
    expect(rows[49]!.number).toBe(`${hospital.code}-${rows[49]!.year}-000050`);
    const [counter] = await database.query<{ last_number: number }>(
      'select last_number from invoice_counter where hospital_id = $1',
      [hospital.id],
    );
    expect(counter!.last_number).toBe(50);
  });

  it('a doctor without a fee bills nothing', async () => {
    const free = await factory.doctor({ feeAmount: undefined });
    await database.query('update doctor set consultation_fee = null where id = $1', [free.profile.id]);
    const appointment = await factory.appointment(patientA.profile, free.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: pastHalfHour(),
    });
    expectData(await gql(app, COMPLETE, { token: free.token, variables: { id: appointment.id } }));
    expect(await database.query('select id from invoice where appointment_id = $1', [appointment.id])).toEqual([]);
  });
});

describe('issuing, payments and voiding', () => {
  it('issues a draft with a due date 30 days on; issuing twice is CONFLICT', async () => {
    const { invoice } = await completedVisit();
    const issued = expectData(
      await gql<{ issueInvoice: InvoiceShape }>(app, ISSUE, { token: admin.token, variables: { id: invoice.id } }),
    ).issueInvoice;
    expect(issued.status).toBe('ISSUED');
    expect(issued.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(issued.dueDate!) - Date.parse(issued.issuedAt!.slice(0, 10))).toBeGreaterThanOrEqual(
      29 * 86_400_000,
    );
    expectGraphQLError(await gql(app, ISSUE, { token: admin.token, variables: { id: invoice.id } }), 'CONFLICT');
  });

  it('issues a batch of drafts all or none, in the order asked, in one statement per step', async () => {
    const ISSUE_MANY = `mutation ($ids: [ID!]!) { issueInvoices(ids: $ids) { id status dueDate } }`;
    const drafts = [];
    for (let index = 0; index < 3; index += 1) {
      drafts.push((await completedVisit(index === 1 ? patientB : patientA)).invoice);
    }
    const paid = await issuedInvoice();
    const ids = drafts.map((draft) => draft.id);

    // One already issued among them: none is issued, and the answer names it.
    const refused = expectGraphQLError(
      await gql(app, ISSUE_MANY, { token: admin.token, variables: { ids: [...ids, paid.id] } }),
      'CONFLICT',
    );
    expect(refused.extensions).toMatchObject({ reason: 'ILLEGAL_TRANSITION', invoiceIds: [paid.id] });
    const statuses = await database.query<{ issued_at: Date | null }>(
      'select issued_at from invoice where id = any($1::uuid[])',
      [ids],
    );
    expect(statuses.map((row) => row.issued_at)).toEqual([null, null, null]);
    // Bad ids name their place; an empty or oversized list is refused before any lookup.
    const bad = expectGraphQLError(
      await gql(app, ISSUE_MANY, { token: admin.token, variables: { ids: [ids[0], 'nope'] } }),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions['fields']).toEqual([{ field: 'ids[1]', message: 'must be an ID (a UUID)' }]);
    expectGraphQLError(await gql(app, ISSUE_MANY, { token: admin.token, variables: { ids: [] } }), 'BAD_USER_INPUT');
    expectGraphQLError(
      await gql(app, ISSUE_MANY, { token: admin.token, variables: { ids: [ids[0], crypto.randomUUID()] } }),
      'NOT_FOUND',
    );

    const asked = [ids[2]!, ids[0]!, ids[1]!, ids[0]!];
    await sessionRemembered(app, admin.token);
    statements.length = 0;
    const issued = expectData(
      await gql<{ issueInvoices: { id: string; status: string; dueDate: string }[] }>(app, ISSUE_MANY, {
        token: admin.token,
        variables: { ids: asked },
      }),
    ).issueInvoices;
    const sent = requestStatements(statements);
    expect(issued.map((invoice) => invoice.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(issued.every((invoice) => invoice.status === 'ISSUED' && /^\d{4}-\d{2}-\d{2}$/.test(invoice.dueDate))).toBe(
      true,
    );
    // The lock, the hospitals and one update: not a round of statements per invoice.
    expect(
      sent.filter((sql) => sql.includes('update "invoice"')),
      sent.join('\n'),
    ).toHaveLength(1);
    expect(sent.filter((sql) => sql.includes('from "invoice"'))).toHaveLength(1);
    expect(sent.filter((sql) => sql.includes('from "hospital"'))).toHaveLength(1);
    const audited = await database.query<{ entity_id: string }>(
      `select entity_id from audit_event where action = 'ISSUE' and entity_type = 'Invoice' and entity_id = any($1::uuid[])`,
      [ids],
    );
    expect(audited.map((row) => row.entity_id).sort()).toEqual([...ids].sort());
  });

  it('derives balance and status from partial and full payments, and refuses an overpayment', async () => {
    const invoice = await issuedInvoice();
    const first = expectData(
      await gql<{ recordPayment: InvoiceShape }>(app, PAY, {
        token: admin.token,
        variables: { id: invoice.id, input: { amount: '50.5', method: 'CASH' } },
      }),
    ).recordPayment;
    expect(first).toMatchObject({ status: 'PARTIALLY_PAID', balance: { amount: '29.50', currency: 'EUR' } });
    const over = expectGraphQLError(
      await gql(app, PAY, {
        token: admin.token,
        variables: { id: invoice.id, input: { amount: '29.51', method: 'CARD', reference: 'SLIP-1' } },
      }),
      'CONFLICT',
    );
    expect(over.extensions['reason']).toBe('OVERPAYMENT');
    const paid = expectData(
      await gql<{ recordPayment: InvoiceShape }>(app, PAY, {
        token: admin.token,
        variables: { id: invoice.id, input: { amount: '29.50', method: 'TRANSFER', reference: 'BANK-77' } },
      }),
    ).recordPayment;
    expect(paid).toMatchObject({ status: 'PAID', balance: { amount: '0.00' } });
    expect(paid.payments.map((p) => [p.method, p.amount.amount])).toEqual([
      ['CASH', '50.50'],
      ['TRANSFER', '29.50'],
    ]);
    expectGraphQLError(
      await gql(app, PAY, {
        token: admin.token,
        variables: { id: invoice.id, input: { amount: '0.01', method: 'CASH' } },
      }),
      'CONFLICT',
    );
  });

  it('lets only one of two payments that together pass the total through', async () => {
    const invoice = await issuedInvoice();
    const results = await Promise.all(
      ['60.00', '60.00'].map((amount) =>
        gql(app, PAY, { token: admin.token, variables: { id: invoice.id, input: { amount, method: 'CASH' } } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const [row] = await database.query<{ paid_amount: string }>('select paid_amount from invoice where id = $1', [
      invoice.id,
    ]);
    expect(row!.paid_amount).toBe('60.0000');
  });

  it('refuses payments on a draft, bad amounts and missing proof, naming the field', async () => {
    const { invoice } = await completedVisit();
    expectGraphQLError(
      await gql(app, PAY, {
        token: admin.token,
        variables: { id: invoice.id, input: { amount: '10', method: 'CASH' } },
      }),
      'CONFLICT',
    );
    await gql(app, ISSUE, { token: admin.token, variables: { id: invoice.id } });
    for (const [input, field] of [
      [{ amount: '10.001', method: 'CASH' }, 'input.amount'],
      [{ amount: '-5', method: 'CASH' }, 'input.amount'],
      [{ amount: '1e3', method: 'CASH' }, 'input.amount'],
      [{ amount: '10', method: 'CARD' }, 'input.reference'],
      [{ amount: '10', method: 'CASH', currency: 'USD' }, 'input.currency'],
    ] as const) {
      const error = expectGraphQLError(
        await gql(app, PAY, { token: admin.token, variables: { id: invoice.id, input } }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields?.map((f) => f.field)).toEqual([field]);
    }
  });

  it('voids with a reason; an invoice with payments cannot be voided', async () => {
    const { invoice } = await completedVisit();
    expectGraphQLError(
      await gql(app, VOID, { token: admin.token, variables: { id: invoice.id, reason: '  ' } }),
      'BAD_USER_INPUT',
    );
    const voided = expectData(
      await gql<{ voidInvoice: { status: string; voidReason: string; balance: { amount: string } } }>(app, VOID, {
        token: admin.token,
        variables: { id: invoice.id, reason: 'Duplicate visit entry' },
      }),
    ).voidInvoice;
    expect(voided).toMatchObject({ status: 'VOID', voidReason: 'Duplicate visit entry', balance: { amount: '0.00' } });
    expectGraphQLError(
      await gql(app, VOID, { token: admin.token, variables: { id: invoice.id, reason: 'again' } }),
      'CONFLICT',
    );

    const paidSome = await issuedInvoice();
    await gql(app, PAY, { token: admin.token, variables: { id: paidSome.id, input: { amount: '1', method: 'CASH' } } });
    const error = expectGraphQLError(
      await gql(app, VOID, { token: admin.token, variables: { id: paidSome.id, reason: 'Mistake' } }),
      'CONFLICT',
    );
    expect(error.extensions['reason']).toBe('HAS_PAYMENTS');
  });
});

describe('who sees the money', () => {
  it('a patient sees only their own invoices; another patient’s is FORBIDDEN', async () => {
    const mine = await issuedInvoice(patientB);
    const theirs = await issuedInvoice(patientA);
    const list = expectData(
      await gql<{ invoices: { edges: { node: InvoiceShape }[] } }>(app, INVOICES, {
        token: patientB.token,
        variables: { first: 100 },
      }),
    ).invoices.edges.map((e) => e.node);
    expect(list.map((i) => i.id)).toContain(mine.id);
    expect(list.every((i) => i.patientId === patientB.profile.id)).toBe(true);
    expectGraphQLError(
      await gql(app, INVOICES, { token: patientB.token, variables: { patientId: patientA.profile.id } }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, `query ($id: ID!) { invoice(id: $id) { id } }`, {
        token: patientB.token,
        variables: { id: theirs.id },
      }),
      'FORBIDDEN',
    );
  });

  it('doctors see none of the money; anonymous callers are UNAUTHENTICATED', async () => {
    const invoice = await issuedInvoice();
    for (const query of [
      INVOICES,
      CLAIMS,
      `{ insurancePolicies(patientId: "${patientA.profile.id}") { id } }`,
      `{ receivables { currency } }`,
      `{ invoice(id: "${invoice.id}") { id } }`,
    ]) {
      expectGraphQLError(await gql(app, query, { token: doctor.token }), 'FORBIDDEN');
      expectGraphQLError(await gql(app, query), 'UNAUTHENTICATED');
    }
    for (const [mutation, variables] of [
      [ISSUE, { id: invoice.id }],
      [PAY, { id: invoice.id, input: { amount: '1', method: 'CASH' } }],
      [VOID, { id: invoice.id, reason: 'x' }],
    ] as const) {
      expectGraphQLError(await gql(app, mutation, { token: doctor.token, variables }), 'FORBIDDEN');
      expectGraphQLError(await gql(app, mutation, { token: patientA.token, variables }), 'FORBIDDEN');
      expectGraphQLError(await gql(app, mutation, { variables }), 'UNAUTHENTICATED');
    }
  });

  it('admins reach no clinical content through billing', async () => {
    const { invoice } = await completedVisit();
    const response = await gql<{ invoice: { appointment: { reason: string | null } | null } }>(
      app,
      `query ($id: ID!) { invoice(id: $id) { id appointment { id startsAt reason } patient { firstName allergies } } }`,
      { token: admin.token, variables: { id: invoice.id } },
    );
    const paths = (response.errors ?? []).map((e) => [e.path?.join('.'), e.extensions.code]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['invoice.appointment.reason', 'FORBIDDEN'],
        ['invoice.patient.allergies', 'FORBIDDEN'],
      ]),
    );
    expect(JSON.stringify(response.data)).not.toContain('Persistent cough');
    expect(JSON.stringify(response.data)).not.toContain('Penicillin');
  });

  it('the invoice and receipt PDFs: the patient and admins, nobody else', async () => {
    const invoice = await issuedInvoice(patientA);
    const paid = expectData(
      await gql<{ recordPayment: InvoiceShape }>(app, PAY, {
        token: admin.token,
        variables: { id: invoice.id, input: { amount: '80', method: 'CASH' } },
      }),
    ).recordPayment;
    const get = (path: string, token?: string) =>
      fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    for (const path of [`/invoices/${invoice.id}.pdf`, `/receipts/${paid.payments[0]!.id}.pdf`]) {
      for (const token of [patientA.token, admin.token]) {
        const response = await get(path, token);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(
          Buffer.from(await response.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }
      expect((await get(path, patientB.token)).status).toBe(403);
      expect((await get(path, doctor.token)).status).toBe(403);
      expect((await get(path)).status).toBe(401);
    }
    expect((await get(`/invoices/00000000-0000-4000-8000-000000000000.pdf`, patientA.token)).status).toBe(403);
    expect((await get(`/invoices/00000000-0000-4000-8000-000000000000.pdf`, admin.token)).status).toBe(404);
  });
});

describe('insurance', () => {
  it('refuses a claim against a policy not valid on the visit’s date, accepts a valid one, and keeps every change', async () => {
    const expired = expectData(
      await gql<{ addInsurancePolicy: { id: string } }>(app, ADD_POLICY, {
        token: patientA.token,
        variables: {
          input: { provider: 'AOK', policyNumber: 'OLD-1', validFrom: '2015-01-01', validTo: '2020-12-31' },
        },
      }),
    ).addInsurancePolicy;
    const valid = expectData(
      await gql<{ addInsurancePolicy: { id: string } }>(app, ADD_POLICY, {
        token: admin.token,
        variables: {
          input: { patientId: patientA.profile.id, provider: 'AOK', policyNumber: 'NEW-2', validFrom: '2021-01-01' },
        },
      }),
    ).addInsurancePolicy;
    const invoice = await issuedInvoice(patientA);
    const refused = expectGraphQLError(
      await gql(app, SUBMIT, { token: admin.token, variables: { invoiceId: invoice.id, policyId: expired.id } }),
      'BAD_USER_INPUT',
    );
    expect(refused.extensions.fields?.[0]?.field).toBe('policyId');

    const claim = expectData(
      await gql<{ submitClaim: { id: string; status: string; amountClaimed: { amount: string } } }>(app, SUBMIT, {
        token: admin.token,
        variables: { invoiceId: invoice.id, policyId: valid.id },
      }),
    ).submitClaim;
    expect(claim).toMatchObject({ status: 'SUBMITTED', amountClaimed: { amount: '80.00' } });
    expectGraphQLError(
      await gql(app, SUBMIT, { token: admin.token, variables: { invoiceId: invoice.id, policyId: valid.id } }),
      'CONFLICT',
    );
    expectGraphQLError(
      await gql(app, DECIDE, {
        token: admin.token,
        variables: { id: claim.id, input: { status: 'PARTIALLY_APPROVED', amountApproved: '80.00' } },
      }),
      'BAD_USER_INPUT',
    );
    const decided = expectData(
      await gql<{
        decideClaim: {
          status: string;
          invoice: {
            status: string;
            balance: { amount: string };
            payments: { method: string; amount: { amount: string }; reference: string | null }[];
          };
          history: { fromStatus: string | null; toStatus: string; changedById: string }[];
          decidedByPartner: string | null;
        };
      }>(app, DECIDE, {
        token: admin.token,
        variables: {
          id: claim.id,
          input: { status: 'PARTIALLY_APPROVED', amountApproved: '56.00', note: '70% cover' },
        },
      }),
    ).decideClaim;
    expect(decided.status).toBe('PARTIALLY_APPROVED');
    expect(decided.invoice).toMatchObject({
      status: 'PARTIALLY_PAID',
      balance: { amount: '24.00' },
      // The payment names the insurer and the policy, as the patient reads it on the invoice and receipt.
      payments: [{ method: 'INSURANCE', amount: { amount: '56.00' }, reference: 'AOK claim, policy NEW-2' }],
    });
    // Entered by an administrator, not by the insurer's own system.
    expect(decided.decidedByPartner).toBeNull();
    expect(decided.history.map((h) => [h.fromStatus, h.toStatus, h.changedById])).toEqual([
      [null, 'SUBMITTED', admin.user.id],
      ['SUBMITTED', 'PARTIALLY_APPROVED', admin.user.id],
    ]);
    expectGraphQLError(
      await gql(app, DECIDE, {
        token: admin.token,
        variables: { id: claim.id, input: { status: 'REJECTED', note: 'no' } },
      }),
      'CONFLICT',
    );
    // The history cannot be rewritten.
    await expect(database.query('update claim_change set note = $1', ['changed'])).rejects.toThrow();

    // The patient sees their claim; another patient and doctors do not.
    const own = expectData(
      await gql<{ claims: { edges: { node: { id: string; status: string } }[] } }>(app, CLAIMS, {
        token: patientA.token,
      }),
    ).claims.edges.map((e) => e.node);
    expect(own).toEqual([expect.objectContaining({ id: claim.id, status: 'PARTIALLY_APPROVED' })]);
    const other = expectData(await gql<{ claims: { totalCount: number } }>(app, CLAIMS, { token: patientB.token }));
    expect(other.claims.totalCount).toBe(0);
    await sessionRemembered(app, admin.token);
    statements.length = 0;
    const listed = expectData(
      await gql<{
        claims: { totalCount: number };
        claimTotals: { currency: string; count: number; claimed: { amount: string }; approved: { amount: string } }[];
      }>(app, CLAIMS, { token: admin.token, variables: { status: ['PARTIALLY_APPROVED'] } }),
    );
    expect(listed.claims.totalCount).toBe(1);
    expect(listed.claimTotals).toEqual([
      { currency: 'EUR', count: 1, claimed: { amount: '80.00' }, approved: { amount: '56.00' } },
    ]);
    // The page, its count and the totals in one statement; then the claims' invoices and policies
    // (an administrator's guard needs no invoice first).
    const read = requestStatements(statements);
    expect(read, read.join('\n')).toHaveLength(2);
    expect(read[0]).toContain('select c.*, i.patient_id as "__patient_id" from insurance_claim c');
    expect(read[0]).toContain('select count(*)::int as n from insurance_claim c');
    expect(read[0]).toContain('sum(c.claimed_amount)');
    expect(read[1]).toContain('from "invoice"');
    expect(read[1]).toContain('from "insurance_policy"');
  });

  it('a patient adds policies only for themself; a rejection needs a note', async () => {
    expectGraphQLError(
      await gql(app, ADD_POLICY, {
        token: patientB.token,
        variables: {
          input: { patientId: patientA.profile.id, provider: 'X', policyNumber: '1', validFrom: '2024-01-01' },
        },
      }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, ADD_POLICY, {
        token: doctor.token,
        variables: {
          input: { patientId: patientA.profile.id, provider: 'X', policyNumber: '1', validFrom: '2024-01-01' },
        },
      }),
      'FORBIDDEN',
    );
    const error = expectGraphQLError(
      await gql(app, ADD_POLICY, {
        token: patientB.token,
        variables: { input: { provider: 'X', policyNumber: '1', validFrom: '2024-01-01', validTo: '2023-01-01' } },
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields?.[0]?.field).toBe('input.validTo');
    const policy = expectData(
      await gql<{ addInsurancePolicy: { id: string } }>(app, ADD_POLICY, {
        token: patientB.token,
        variables: { input: { provider: 'Bupa', policyNumber: 'B-9', validFrom: '2020-01-01' } },
      }),
    ).addInsurancePolicy;
    const invoice = await issuedInvoice(patientB);
    const claim = expectData(
      await gql<{ submitClaim: { id: string } }>(app, SUBMIT, {
        token: admin.token,
        variables: { invoiceId: invoice.id, policyId: policy.id },
      }),
    ).submitClaim;
    const noNote = expectGraphQLError(
      await gql(app, DECIDE, { token: admin.token, variables: { id: claim.id, input: { status: 'REJECTED' } } }),
      'BAD_USER_INPUT',
    );
    expect(noNote.extensions.fields?.[0]?.field).toBe('input.note');
    expectGraphQLError(
      await gql(app, SUBMIT, { token: patientB.token, variables: { invoiceId: invoice.id, policyId: policy.id } }),
      'FORBIDDEN',
    );
  });
});

describe('revenue', () => {
  it('sums what was billed and what came in over a period, per currency, for one hospital', async () => {
    const { hospital } = await factory.hospital();
    const patient = await factory.patient();
    const invoice = async (total: string, options: { issued?: boolean; daysAgo?: number } = {}) => {
      const made = await factory.invoice(patient.profile, { issued: options.issued ?? true, total });
      await database.query(
        `update invoice set hospital_id = $2, issued_at = case when issued_at is null then null else now() - $3::int * interval '1 day' end
          where id = $1`,
        [made.id, hospital.id, options.daysAgo ?? 0],
      );
      return made.id;
    };
    const pay = async (id: string, amount: string) =>
      expectData(await gql(app, PAY, { token: admin.token, variables: { id, input: { amount, method: 'CASH' } } }));
    const billedNow = await invoice('80.00');
    await pay(billedNow, '30.00');
    const voided = await invoice('50.00');
    expectData(await gql(app, VOID, { token: admin.token, variables: { id: voided, reason: 'Billed twice' } }));
    await invoice('20.00', { issued: false });
    const billedBefore = await invoice('100.00', { daysAgo: 3 });
    await pay(billedBefore, '100.00');

    const REVENUE = `query ($from: DateTime!, $to: DateTime!, $h: ID) { revenue(from: $from, to: $to, hospitalId: $h) {
      currency billed { amount currency } invoices collected { amount } payments } }`;
    const period = {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const revenue = expectData(
      await gql<{ revenue: unknown[] }>(app, REVENUE, { token: admin.token, variables: { ...period, h: hospital.id } }),
    ).revenue;
    // Billed: the one issued in the period and not cancelled; collected: both payments of the period.
    expect(revenue).toEqual([
      {
        currency: 'EUR',
        billed: { amount: '80.00', currency: 'EUR' },
        invoices: 1,
        collected: { amount: '130.00' },
        payments: 2,
      },
    ]);
    // A week back, the older invoice is billed too.
    const week = expectData(
      await gql<{ revenue: { billed: { amount: string }; invoices: number }[] }>(app, REVENUE, {
        token: admin.token,
        variables: { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: period.to, h: hospital.id },
      }),
    ).revenue;
    expect(week.map(({ billed, invoices }) => [billed.amount, invoices])).toEqual([['180.00', 2]]);

    const wrong = expectGraphQLError(
      await gql(app, REVENUE, { token: admin.token, variables: { from: period.to, to: period.from } }),
      'BAD_USER_INPUT',
    );
    expect(wrong.extensions.fields?.[0]?.field).toBe('to');
    expectGraphQLError(await gql(app, REVENUE, { token: doctor.token, variables: period }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, REVENUE, { token: patientA.token, variables: period }), 'FORBIDDEN');
  });
});

describe('receivables and the doctor’s fee', () => {
  it('an owed invoice is overdue the day after its due date in its hospital’s time zone, and lists filter by it', async () => {
    const patient = await factory.patient();
    // UTC+14 and UTC−11: one calendar day is "yesterday" in the first and not yet come in the second.
    const [{ hospital: east }, { hospital: west }] = await Promise.all([
      factory.hospital({ timezone: 'Pacific/Kiritimati' }),
      factory.hospital({ timezone: 'Pacific/Pago_Pago' }),
    ]);
    const invoice = async (options: { hospitalId: string; paid?: string; issued?: boolean; due: string }) => {
      const made = await factory.invoice(patient.profile, { issued: options.issued ?? true, total: '80.00' });
      await database.query(
        `update invoice set hospital_id = $2, paid_amount = $3,
           due_date = (now() at time zone 'Pacific/Kiritimati')::date + $4::int where id = $1`,
        [made.id, options.hospitalId, options.paid ?? '0', { yesterday: -1, today: 0 }[options.due]],
      );
      return made.id;
    };
    const late = await invoice({ hospitalId: east.id, due: 'yesterday' });
    const partlyPaidLate = await invoice({ hospitalId: east.id, paid: '30.00', due: 'yesterday' });
    const dueToday = await invoice({ hospitalId: east.id, due: 'today' });
    const paid = await invoice({ hospitalId: east.id, paid: '80.00', due: 'yesterday' });
    const draft = await invoice({ hospitalId: east.id, issued: false, due: 'yesterday' });
    const notYetThere = await invoice({ hospitalId: west.id, due: 'yesterday' });

    const LIST = `query ($patientId: ID, $overdue: Boolean) {
      invoices(patientId: $patientId, overdue: $overdue, first: 50) { totalCount edges { node { id overdue } } } }`;
    type Listed = { invoices: { totalCount: number; edges: { node: { id: string; overdue: boolean } }[] } };
    const list = async (token: string, overdue?: boolean) =>
      expectData(await gql<Listed>(app, LIST, { token, variables: { patientId: patient.profile.id, overdue } }))
        .invoices;
    const all = await list(admin.token);
    expect(Object.fromEntries(all.edges.map(({ node }) => [node.id, node.overdue]))).toEqual({
      [late]: true,
      [partlyPaidLate]: true,
      [dueToday]: false,
      [paid]: false,
      [draft]: false,
      [notYetThere]: false,
    });
    // The filter (SQL) and the field agree.
    const overdue = await list(admin.token, true);
    expect(overdue.edges.map(({ node }) => node.id).sort()).toEqual([late, partlyPaidLate].sort());
    expect(overdue.totalCount).toBe(2);
    const others = await list(admin.token, false);
    expect(others.edges.map(({ node }) => node.id).sort()).toEqual([dueToday, paid, draft, notYetThere].sort());
    // The patient sees the same of their own.
    expect((await list(patient.token, true)).edges.map(({ node }) => node.id).sort()).toEqual(
      [late, partlyPaidLate].sort(),
    );
  });

  it('tells a patient what they still owe, per currency: overdue, with the insurer, and when next due', async () => {
    const patient = await factory.patient();
    const invoice = async (options: { total: string; paid?: string; dueInDays?: number; issued?: boolean }) => {
      const made = await factory.invoice(patient.profile, { issued: options.issued ?? true, total: options.total });
      await database.query(
        `update invoice set paid_amount = $2,
           due_date = (now() at time zone (select timezone from hospital h where h.id = invoice.hospital_id))::date + $3::int
          where id = $1`,
        [made.id, options.paid ?? '0', options.dueInDays ?? 30],
      );
      return made.id;
    };
    await invoice({ total: '80.00', dueInDays: -5 }); // overdue
    await invoice({ total: '80.00', paid: '30.00', dueInDays: 10 });
    const claimed = await invoice({ total: '100.00', dueInDays: 20 });
    await invoice({ total: '80.00', paid: '80.00', dueInDays: -5 }); // paid: owes nothing
    await invoice({ total: '80.00', issued: false }); // a draft: not owed yet
    const voided = await invoice({ total: '80.00', dueInDays: -5 });
    await database.query(`update invoice set voided_at = now(), void_reason = 'Wrong patient' where id = $1`, [voided]);
    const pounds = await invoice({ total: '40.00', dueInDays: 3 });
    await database.query(`update invoice set currency = 'GBP' where id = $1`, [pounds]);
    await database.query(`update invoice_line set currency = 'GBP' where invoice_id = $1`, [pounds]);
    const policy = await factory.policy(patient.profile);
    expectData(await gql(app, SUBMIT, { token: admin.token, variables: { invoiceId: claimed, policyId: policy.id } }));
    const [today] = await database.query<{ plus3: string; plus10: string }>(
      `select (d + 3)::text as plus3, (d + 10)::text as plus10
         from (select (now() at time zone (select timezone from hospital limit 1))::date as d) t`,
    );

    const BALANCE = `query ($p: ID) { balanceDue(patientId: $p) { currency owed { amount currency } invoices
      overdue { amount } overdueInvoices awaitingInsurer { amount } nextDueDate } }`;
    const own = expectData(await gql<{ balanceDue: unknown[] }>(app, BALANCE, { token: patient.token }));
    expect(own.balanceDue).toEqual([
      {
        currency: 'EUR',
        owed: { amount: '230.00', currency: 'EUR' },
        invoices: 3,
        overdue: { amount: '80.00' },
        overdueInvoices: 1,
        awaitingInsurer: { amount: '100.00' },
        nextDueDate: today!.plus10,
      },
      {
        currency: 'GBP',
        owed: { amount: '40.00', currency: 'GBP' },
        invoices: 1,
        overdue: { amount: '0.00' },
        overdueInvoices: 0,
        awaitingInsurer: { amount: '0.00' },
        nextDueDate: today!.plus3,
      },
    ]);
    // An administrator names the patient and reads the same; with the invoices, in one statement.
    statements.length = 0;
    const both = expectData(
      await gql<{ balanceDue: unknown[] }>(
        app,
        `query ($p: ID) { balanceDue(patientId: $p) { currency owed { amount currency } invoices
          overdue { amount } overdueInvoices awaitingInsurer { amount } nextDueDate }
          invoices(patientId: $p, first: 10) { edges { node { id } } } }`,
        { token: admin.token, variables: { p: patient.profile.id } },
      ),
    );
    expect(both.balanceDue).toEqual(own.balanceDue);
    expect(requestStatements(statements), statements.join('\n')).toHaveLength(1);
    // Nobody else's; an administrator must say whose.
    expectGraphQLError(
      await gql(app, BALANCE, { token: patientB.token, variables: { p: patient.profile.id } }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, BALANCE, { token: doctor.token, variables: { p: patient.profile.id } }),
      'FORBIDDEN',
    );
    expectGraphQLError(await gql(app, BALANCE, { token: doctor.token }), 'FORBIDDEN');
    const unnamed = await gql(app, BALANCE, { token: admin.token });
    expectGraphQLError(unnamed, 'BAD_USER_INPUT');
    expect(JSON.stringify(unnamed.errors)).toContain('patientId');
    // A patient who owes nothing: no currency at all.
    const owesNothing = await factory.patient();
    expect(expectData(await gql(app, BALANCE, { token: owesNothing.token }))).toEqual({ balanceDue: [] });
  });

  it('finds invoices by their number or their patient’s name or e-mail, a patient only among their own', async () => {
    const word = `Quill${Date.now().toString(36)}`;
    const [mara, otto] = await Promise.all([
      factory.patient({ firstName: 'Mara', lastName: word, email: `${word.toLowerCase()}.mara@example.com` }),
      factory.patient({ firstName: 'Otto', lastName: word }),
    ]);
    const [maraBill, ottoBill] = await Promise.all([
      factory.invoice(mara.profile, { issued: true }),
      factory.invoice(otto.profile, { issued: true }),
    ]);
    const SEARCH = `query ($search: String) { invoices(search: $search, first: 20) { totalCount edges { node { id } } } }`;
    const found = async (search: string, token = admin.token) => {
      const data = expectData(
        await gql<{ invoices: { totalCount: number; edges: { node: { id: string } }[] } }>(app, SEARCH, {
          token,
          variables: { search },
        }),
      );
      expect(data.invoices.totalCount).toBe(data.invoices.edges.length);
      return data.invoices.edges.map(({ node }) => node.id).sort();
    };
    expect(await found(word.toLowerCase())).toEqual([maraBill.id, ottoBill.id].sort());
    expect(await found(`mara ${word}`)).toEqual([maraBill.id]);
    expect(await found(`${word.toLowerCase()}.mara@`)).toEqual([maraBill.id]);
    // The number whole, in any case; not a part of it.
    expect(await found(ottoBill.number.toLowerCase())).toEqual([ottoBill.id]);
    expect(await found(ottoBill.number.slice(0, -2))).toEqual([]);
    expect(await found(`${word} nobody`)).toEqual([]);
    // A patient searches their own bills only.
    expect(await found(word, mara.token)).toEqual([maraBill.id]);
    expect(await found(ottoBill.number, mara.token)).toEqual([]);
  });

  it('ages open balances of issued invoices', async () => {
    const invoice = await issuedInvoice();
    await database.query(`update invoice set issued_at = now() - interval '45 days' where id = $1`, [invoice.id]);
    const data = expectData(
      await gql<{
        receivables: {
          currency: string;
          outstanding: { amount: string };
          buckets: { label: string; invoices: number; outstanding: { amount: string } }[];
        }[];
      }>(app, `{ receivables { currency outstanding { amount } buckets { label invoices outstanding { amount } } } }`, {
        token: admin.token,
      }),
    );
    const eur = data.receivables.find((r) => r.currency === 'EUR')!;
    expect(eur.buckets.map((b) => b.label)).toEqual(['0-30', '31-60', '61-90', '90+']);
    expect(eur.buckets[1]!.invoices).toBeGreaterThanOrEqual(1);
    const sum = eur.buckets.reduce((total, b) => total + Math.round(Number(b.outstanding.amount) * 100), 0);
    expect(Math.round(Number(eur.outstanding.amount) * 100)).toBe(sum);
  });

  it('shows the fee as Money and keeps the deprecated float working', async () => {
    const data = expectData(
      await gql<{ doctor: { consultationFee: number; fee: { amount: string; currency: string } } }>(
        app,
        `query ($id: ID!) { doctor(id: $id) { consultationFee fee { amount currency } } }`,
        { variables: { id: doctor.profile.id } },
      ),
    );
    expect(data.doctor).toEqual({ consultationFee: 80, fee: { amount: '80.00', currency: 'EUR' } });
  });
});
