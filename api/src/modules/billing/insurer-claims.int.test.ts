import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, pastHalfHour, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements } from '../../../test/graphql.js';
import { consentTo, createPartner, partnerToken, type PartnerClient } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const INSURER = 'Northern Health Insurance';
const CREATE_CLIENT = `mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id insurer scopes } } }`;
const ADD_POLICY = `mutation ($input: AddInsurancePolicyInput!) { addInsurancePolicy(input: $input) { id } }`;
const SUBMIT = `mutation ($invoiceId: ID!, $policyId: ID!) { submitClaim(invoiceId: $invoiceId, policyId: $policyId) { id } }`;
const CLAIMS = `query ($status: [ClaimStatus!]) {
  claims(status: $status) { totalCount edges { node { id status amountClaimed { amount currency }
    invoice { id number total { amount } balance { amount } lines { description quantity } patient { id lastName } }
    policy { id provider policyNumber } } } }
  claimTotals(status: $status) { currency count claimed { amount } } }`;
const DECIDE = `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) {
  id status amountApproved { amount } decidedByPartner invoice { status balance { amount } }
  history { fromStatus toStatus changedById changedByPartner } } }`;

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;
let insurer: PartnerClient;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor({ feeAmount: '80.00' })]);
  insurer = await createPartner(
    app,
    admin.token,
    ['patients:read', 'claims:read', 'claims:write'],
    'Northern Health (claims)',
    INSURER,
  );
});

/** An issued invoice of a completed visit of `patient`, claimed against a new policy with `provider`. */
async function claimCount(provider: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    'select count(*)::int as n from insurance_claim c join insurance_policy p on p.id = c.policy_id where p.provider = $1',
    [provider],
  );
  return row!.n;
}

async function claimFor(patient: Account<Patient>, provider: string): Promise<{ claimId: string; invoiceId: string }> {
  const appointment = await factory.appointment(patient.profile, doctor.profile, {
    status: AppointmentStatus.CHECKED_IN,
    startsAt: pastHalfHour(),
  });
  expectData(
    await gql(app, 'mutation ($id: ID!) { completeAppointment(id: $id) { id } }', {
      token: doctor.token,
      variables: { id: appointment.id },
    }),
  );
  const [invoice] = await database.query<{ id: string }>('select id from invoice where appointment_id = $1', [
    appointment.id,
  ]);
  expectData(
    await gql(app, 'mutation ($id: ID!) { issueInvoice(id: $id) { id } }', {
      token: admin.token,
      variables: { id: invoice!.id },
    }),
  );
  const policy = expectData(
    await gql<{ addInsurancePolicy: { id: string } }>(app, ADD_POLICY, {
      token: patient.token,
      variables: { input: { provider, policyNumber: `P-${appointment.id.slice(0, 8)}`, validFrom: '2020-01-01' } },
    }),
  ).addInsurancePolicy;
  const claim = expectData(
    await gql<{ submitClaim: { id: string } }>(app, SUBMIT, {
      token: admin.token,
      variables: { invoiceId: invoice!.id, policyId: policy.id },
    }),
  ).submitClaim;
  return { claimId: claim.id, invoiceId: invoice!.id };
}

interface ClaimsAnswer {
  claims: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        status: string;
        invoice: { id: string; lines: { description: string }[]; patient: { id: string; lastName: string } };
        policy: { provider: string };
      };
    }[];
  };
  claimTotals: { currency: string; count: number; claimed: { amount: string } }[];
}

describe('an insurer’s API client', () => {
  it('is made with the insurer’s name exactly when it holds a claims scope', async () => {
    const withoutName = expectGraphQLError(
      await gql(app, CREATE_CLIENT, {
        token: admin.token,
        variables: { input: { name: 'Nameless insurer', scopes: ['claims:read'] } },
      }),
      'BAD_USER_INPUT',
    );
    expect(withoutName.extensions.fields).toEqual([
      { field: 'input.insurer', message: 'is required with claims:read or claims:write' },
    ]);
    const lab = expectGraphQLError(
      await gql(app, CREATE_CLIENT, {
        token: admin.token,
        variables: { input: { name: 'A lab', scopes: ['labs:write'], insurer: INSURER } },
      }),
      'BAD_USER_INPUT',
    );
    expect(lab.extensions.fields?.[0]?.field).toBe('input.insurer');
    const made = expectData(
      await gql<{ createApiClient: { client: { insurer: string } } }>(app, CREATE_CLIENT, {
        token: admin.token,
        variables: { input: { name: 'Spaced', scopes: ['claims:read'], insurer: '  Spaced   Out Mutual ' } },
      }),
    ).createApiClient.client;
    expect(made.insurer).toBe('Spaced Out Mutual');
  });

  it('lists only the claims on its policies of patients who share with it, with their invoices, and never their payments', async () => {
    const [sharing, notSharing] = await Promise.all([factory.patient(), factory.patient()]);
    await consentTo(app, sharing.token, insurer);
    // Spelled as the patient typed it: case and spacing do not matter.
    const own = await claimFor(sharing, '  northern health   INSURANCE ');
    const otherInsurer = await claimFor(sharing, 'AOK');
    const unshared = await claimFor(notSharing, INSURER);
    const token = await partnerToken(app, insurer);

    const listed = expectData(await gql<ClaimsAnswer>(app, CLAIMS, { token }));
    const ids = listed.claims.edges.map((edge) => edge.node.id);
    expect(ids).toContain(own.claimId);
    expect(ids).not.toContain(otherInsurer.claimId);
    expect(ids).not.toContain(unshared.claimId);
    const node = listed.claims.edges.find((edge) => edge.node.id === own.claimId)!.node;
    expect(node).toMatchObject({
      status: 'SUBMITTED',
      invoice: { id: own.invoiceId, patient: { id: sharing.profile.id, lastName: sharing.profile.lastName } },
      policy: { provider: 'northern health   INSURANCE' },
    });
    expect(node.invoice.lines).toHaveLength(1);
    expect(listed.claimTotals.reduce((sum, row) => sum + row.count, 0)).toBe(listed.claims.totalCount);

    // Each claim it read is in the patient's access log, under its name.
    await expect
      .poll(async () =>
        database.query(
          `select actor_id, patient_id from audit_event
            where action = 'READ' and entity_type = 'InsuranceClaim' and entity_id = $1`,
          [own.claimId],
        ),
      )
      .toEqual([{ actor_id: insurer.id, patient_id: sharing.profile.id }]);
    const log = expectData(
      await gql<{ myAccessLog: { edges: { node: { action: string; entityType: string; actorName: string } }[] } }>(
        app,
        '{ myAccessLog(first: 20) { edges { node { action entityType actorName } } } }',
        { token: sharing.token },
      ),
    ).myAccessLog.edges.map((edge) => edge.node);
    expect(log).toContainEqual({
      action: 'READ',
      entityType: 'InsuranceClaim',
      actorName: 'Northern Health (claims) (partner)',
    });
    expect(log).toContainEqual(expect.objectContaining({ action: 'SUBMIT', entityType: 'InsuranceClaim' }));

    // The patient's payments are not the insurer's business: refused before anything runs.
    const payments = expectGraphQLError(
      await gql(app, '{ claims { edges { node { invoice { payments { amount { amount } } } } } } }', { token }),
      'FORBIDDEN',
    );
    expect(JSON.stringify(payments.extensions)).toContain('Invoice.payments');
    // A client for another insurer sees none of them.
    const other = await createPartner(app, admin.token, ['claims:read'], 'Southern', 'Southern Mutual');
    await consentTo(app, sharing.token, other);
    const none = expectData(
      await gql<ClaimsAnswer>(app, '{ claims { edges { node { id } } } }', { token: await partnerToken(app, other) }),
    );
    expect(none.claims.edges.map((edge) => edge.node.id)).not.toContain(own.claimId);
    expect(none.claims.edges.map((edge) => edge.node.id)).not.toContain(unshared.claimId);
    // Without claims:read, the list is refused outright.
    expectGraphQLError(
      await gql(app, CLAIMS, { token: await partnerToken(app, insurer, 'patients:read') }),
      'FORBIDDEN',
    );
  });

  it('reads a page of claims with their invoices, lines, patients and policies in the same statements for 1 or 3', async () => {
    const patient = await factory.patient();
    const client = await createPartner(app, admin.token, ['patients:read', 'claims:read'], 'Counting', 'Counted Care');
    await consentTo(app, patient.token, client);
    const token = await partnerToken(app, client);
    const counts: number[] = [];
    for (const claims of [1, 3]) {
      while ((await claimCount('Counted Care')) < claims) {
        await claimFor(patient, 'Counted Care');
      }
      expectData(await gql(app, CLAIMS, { token }));
      statements.length = 0;
      const listed = expectData(await gql<ClaimsAnswer>(app, CLAIMS, { token }));
      expect(listed.claims.totalCount).toBe(claims);
      counts.push(requestStatements(statements).length);
    }
    // The client check; the page with its count and totals; invoices and policies; lines and patients; the consents.
    expect(counts).toEqual([5, 5]);
  });

  it('decides its claim: the approval is paid onto the invoice in its name; others’ claims do not exist for it', async () => {
    const [sharing, notSharing] = await Promise.all([factory.patient(), factory.patient()]);
    await consentTo(app, sharing.token, insurer);
    const own = await claimFor(sharing, INSURER);
    const unshared = await claimFor(notSharing, INSURER);
    const otherInsurer = await claimFor(sharing, 'AOK');
    const token = await partnerToken(app, insurer);

    const decision = { status: 'PARTIALLY_APPROVED', amountApproved: '60.00', note: '75% cover' };
    for (const id of [unshared.claimId, otherInsurer.claimId]) {
      expectGraphQLError(await gql(app, DECIDE, { token, variables: { id, input: decision } }), 'NOT_FOUND');
    }
    // Reading claims is not deciding them.
    expectGraphQLError(
      await gql(app, DECIDE, {
        token: await partnerToken(app, insurer, 'claims:read'),
        variables: { id: own.claimId, input: decision },
      }),
      'FORBIDDEN',
    );
    const decided = expectData(
      await gql<{
        decideClaim: {
          status: string;
          invoice: { status: string; balance: { amount: string } };
          history: {
            fromStatus: string | null;
            toStatus: string;
            changedById: string;
            changedByPartner: string | null;
          }[];
        };
      }>(app, DECIDE, { token, variables: { id: own.claimId, input: decision } }),
    ).decideClaim;
    expect(decided).toMatchObject({
      status: 'PARTIALLY_APPROVED',
      decidedByPartner: 'Northern Health (claims)',
      invoice: { status: 'PARTIALLY_PAID', balance: { amount: '20.00' } },
    });
    expect(decided.history).toEqual([
      { fromStatus: null, toStatus: 'SUBMITTED', changedById: admin.user.id, changedByPartner: null },
      {
        fromStatus: 'SUBMITTED',
        toStatus: 'PARTIALLY_APPROVED',
        changedById: insurer.id,
        changedByPartner: 'Northern Health (claims)',
      },
    ]);
    const [payment] = await database.query<{
      method: string;
      recorded_by_id: string | null;
      recorded_by_client_id: string;
    }>(
      `select p.method, p.recorded_by_id, p.recorded_by_client_id from payment p
        join insurance_claim c on c.payment_id = p.id where c.id = $1`,
      [own.claimId],
    );
    expect(payment).toEqual({ method: 'INSURANCE', recorded_by_id: null, recorded_by_client_id: insurer.id });
    const audit = await database.query<{ actor_id: string; action: string }>(
      `select actor_id, action from audit_event
        where entity_type = 'InsuranceClaim' and entity_id = $1 and action <> 'READ' order by at`,
      [own.claimId],
    );
    expect(audit.map((row) => [row.action, row.actor_id])).toEqual([
      ['SUBMIT', admin.user.id],
      ['PARTIALLY_APPROVED', insurer.id],
    ]);
    // The patient is told the insurer paid, as when the clinic enters it.
    const notices = await database.query<{ kind: string }>(
      `select n.kind from notification n join patient p on p.user_id = n.user_id where p.id = $1 and n.kind = 'PAYMENT_RECEIVED'`,
      [sharing.profile.id],
    );
    expect(notices).toHaveLength(1);
    // Decided once only.
    expectGraphQLError(
      await gql(app, DECIDE, { token, variables: { id: own.claimId, input: { status: 'REJECTED', note: 'no' } } }),
      'CONFLICT',
    );

    // Once the patient stops sharing, the insurer no longer sees the claim, nor can decide it.
    const [consent] = await database.query<{ id: string }>(
      `select id from consent where patient_id = $1 and api_client_id = $2 and revoked_at is null`,
      [sharing.profile.id, insurer.id],
    );
    expectData(
      await gql(app, 'mutation ($id: ID!) { revokeConsent(id: $id) { id } }', {
        token: sharing.token,
        variables: { id: consent!.id },
      }),
    );
    const after = expectData(await gql<ClaimsAnswer>(app, CLAIMS, { token }));
    expect(after.claims.edges.map((edge) => edge.node.id)).not.toContain(own.claimId);
  });
});
