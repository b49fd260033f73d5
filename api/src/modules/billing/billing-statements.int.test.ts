import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/database.js';
import { Factory, pastHalfHour, type Account } from '../../../test/factories.js';
import { expectData, gql, requestStatements } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const statements: string[] = [];
let app: Application;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;

async function patientWithPaidInvoices(count: number): Promise<Account<Patient>> {
  const patient = await factory.patient();
  for (let index = 0; index < count; index += 1) {
    const visit = await factory.appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: pastHalfHour(),
    });
    await gql(app, `mutation ($id: ID!) { completeAppointment(id: $id) { id } }`, {
      token: doctor.token,
      variables: { id: visit.id },
    });
  }
  const ids = expectData(
    await gql<{ invoices: { edges: { node: { id: string } }[] } }>(
      app,
      `query ($p: ID) { invoices(patientId: $p, first: 100) { edges { node { id } } } }`,
      { token: admin.token, variables: { p: patient.profile.id } },
    ),
  ).invoices.edges.map((e) => e.node.id);
  for (const id of ids) {
    await gql(app, `mutation ($id: ID!) { issueInvoice(id: $id) { id } }`, { token: admin.token, variables: { id } });
    await gql(
      app,
      `mutation ($id: ID!) { recordPayment(invoiceId: $id, input: { amount: "10", method: CASH }) { id } }`,
      {
        token: admin.token,
        variables: { id },
      },
    );
  }
  return patient;
}

async function statementsFor(patient: Account<Patient>): Promise<number> {
  statements.length = 0;
  const data = expectData(
    await gql<{ invoices: { edges: unknown[] } }>(
      app,
      `query ($p: ID) { invoices(patientId: $p, first: 100) { totalCount edges { node {
         number status total { amount } balance { amount } hospital { name }
         patient { firstName } appointment { startsAt doctor { lastName } }
         lines { description total { amount } } payments { amount { amount } method } } } } }`,
      { token: admin.token, variables: { p: patient.profile.id } },
    ),
  );
  expect(data.invoices.edges.length).toBeGreaterThan(0);
  // Without the e-mails of the bills and payments the patient was just told of, sent meanwhile.
  return requestStatements(statements).length;
}

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor()]);
});

describe('invoice lists', () => {
  it('send the same few statements for 2 and for 25 invoices with their lines, payments and visits (no N+1)', async () => {
    const few = await statementsFor(await patientWithPaidInvoices(2));
    const many = await statementsFor(await patientWithPaidInvoices(25));
    expect(many, statements.join('\n')).toBe(few);
    // The page's invoices whole (read rows, not ids and then the rows again) with their count; their
    // hospitals, patients, visits, lines and payments in one round trip; the visits' doctors.
    expect(many, statements.join('\n')).toBe(3);
    const [first] = requestStatements(statements);
    expect(first).toContain('select i.* from invoice i');
    expect(first).toContain('select count(*)::int as n from invoice i');
  });
});

describe('claim lists', () => {
  /** `count` patients, each with an issued bill claimed from their insurer. */
  async function claimsOf(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const patient = await factory.patient();
      const [invoice, policy] = await Promise.all([
        factory.invoice(patient.profile, { issued: true }),
        factory.policy(patient.profile),
      ]);
      expectData(
        await gql(app, `mutation ($i: ID!, $p: ID!) { submitClaim(invoiceId: $i, policyId: $p) { id } }`, {
          token: admin.token,
          variables: { i: invoice.id, p: policy.id },
        }),
      );
    }
  }

  async function statementsForClaims(): Promise<number> {
    statements.length = 0;
    const data = expectData(
      await gql<{ claims: { edges: { node: { invoice: { patient: { lastName: string } } } }[] } }>(
        app,
        `{ claims(first: 40) { totalCount edges { node { id status amountClaimed { amount }
           policy { provider policyNumber } invoice { number patient { firstName lastName } } } } } }`,
        { token: admin.token },
      ),
    );
    expect(data.claims.edges.every(({ node }) => node.invoice.patient.lastName)).toBe(true);
    return requestStatements(statements).length;
  }

  it('send the same few statements for 2 and for 12 claims with their policies, bills and patients (no N+1)', async () => {
    await claimsOf(2);
    const few = await statementsForClaims();
    await claimsOf(10);
    const many = await statementsForClaims();
    expect(many, statements.join('\n')).toBe(few);
  });
});
