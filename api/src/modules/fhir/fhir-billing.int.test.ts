import type { Bundle, Claim, ClaimResponse, Coverage, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { submittedClaim } from '../../../test/claims.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { allPages, expectValidFhir, fhirGet } from '../../../test/fhir.js';
import { expectData, gql, requestStatements } from '../../../test/graphql.js';
import { parsePdf } from '../../../test/pdf.js';
import { consentTo, createPartner, partnerToken, type PartnerClient } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const INSURER = 'Northern Health Insurance';
const DECIDE = `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) { id status } }`;

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;
let insurer: PartnerClient;
let insurerToken: string;
const statements: string[] = [];

const entries = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((entry) => entry.resource!);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor()]);
  insurer = await createPartner(
    app,
    admin.token,
    ['fhir:read', 'patients:read', 'claims:read', 'claims:write'],
    'Northern Health (FHIR)',
    INSURER,
  );
  insurerToken = await partnerToken(app, insurer);
}, 120_000);

const claimFor = (patient: Account<Patient>, provider: string, total?: string) =>
  submittedClaim(app, factory, admin.token, patient, provider, total);

describe('insurance in FHIR: Coverage, Claim, ClaimResponse', () => {
  it('lets an insurer’s client read and search only its claims of patients who share with it, audited', async () => {
    const [sharing, notSharing] = await Promise.all([factory.patient(), factory.patient()]);
    await consentTo(app, sharing.token, insurer);
    const own = await claimFor(sharing, 'northern  health insurance', '120.50');
    const otherInsurer = await claimFor(sharing, 'AOK');
    const withoutConsent = await claimFor(notSharing, INSURER);

    const found = await allPages(app, `Claim?patient=Patient/${sharing.profile.id}`, insurerToken);
    expect(found.map((resource) => resource.id)).toEqual([own.claimId]);
    const claim = found[0] as Claim;
    expectValidFhir(claim);
    expect(claim).toMatchObject({
      resourceType: 'Claim',
      status: 'active',
      use: 'claim',
      patient: { reference: `Patient/${sharing.profile.id}` },
      identifier: [{ value: own.invoiceNumber }],
      insurer: { display: 'northern  health insurance' },
      insurance: [{ sequence: 1, focal: true, coverage: { reference: `Coverage/${own.policyId}` } }],
      item: [{ sequence: 1, productOrService: { text: 'Consultation' }, quantity: { value: 1 } }],
      total: { value: 120.5, currency: 'EUR' },
    });
    expect(claim.provider.display).toBeTruthy();
    // Without `patient`: every claim it sees, and none of the others.
    const all = (await allPages(app, 'Claim', insurerToken)).map((resource) => resource.id);
    expect(all).toContain(own.claimId);
    expect(all).not.toContain(otherInsurer.claimId);
    expect(all).not.toContain(withoutConsent.claimId);

    const read = await fhirGet<Claim>(app, `Claim/${own.claimId}`, insurerToken);
    expect(read.status).toBe(200);
    // Another insurer's claim, a claim without consent and one that does not exist answer alike.
    for (const id of [otherInsurer.claimId, withoutConsent.claimId, '00000000-0000-4000-8000-000000000000']) {
      const refused = await fhirGet<OperationOutcome>(app, `Claim/${id}`, insurerToken);
      expect(refused.status, id).toBe(403);
      expect(refused.body.resourceType).toBe('OperationOutcome');
    }

    const coverage = await fhirGet<Bundle>(app, `Coverage?patient=${sharing.profile.id}`, insurerToken);
    expect(coverage.status).toBe(200);
    const policies = entries(coverage.body) as Coverage[];
    expect(policies.map((policy) => policy.id)).toEqual([own.policyId]);
    expectValidFhir(policies[0]!);
    expect(policies[0]).toMatchObject({
      beneficiary: { reference: `Patient/${sharing.profile.id}` },
      status: 'active',
    });
    expect((await fhirGet(app, `Coverage/${otherInsurer.policyId}`, insurerToken)).status).toBe(403);

    // Each claim it read is in the patient's access log: this one, never the ones it was refused.
    const audited = async () =>
      (
        await database.query<{ id: string }>(
          `select distinct unnest(coalesce(entity_ids, array[entity_id])) as id from audit_event
            where action = 'READ' and entity_type = 'InsuranceClaim' and actor_id = $1`,
          [insurer.id],
        )
      ).map((row) => row.id);
    await expect.poll(audited).toContain(own.claimId);
    expect(await audited()).not.toContain(otherInsurer.claimId);
    expect(await audited()).not.toContain(withoutConsent.claimId);
  });

  it('answers the insurer’s decision as a ClaimResponse once there is one', async () => {
    const patient = await factory.patient();
    await consentTo(app, patient.token, insurer);
    const { claimId } = await claimFor(patient, INSURER, '100.00');
    const pending = await fhirGet<OperationOutcome>(app, `ClaimResponse/${claimId}-cr`, insurerToken);
    expect(pending.status).toBe(404);
    expect(await allPages(app, `ClaimResponse?patient=${patient.profile.id}`, insurerToken)).toEqual([]);

    expectData(
      await gql(app, DECIDE, {
        token: insurerToken,
        variables: {
          id: claimId,
          input: { status: 'PARTIALLY_APPROVED', amountApproved: '60.00', note: 'Co-payment 40 %' },
        },
      }),
    );
    const response = await fhirGet<ClaimResponse>(app, `ClaimResponse/${claimId}-cr`, insurerToken);
    expect(response.status).toBe(200);
    expectValidFhir(response.body);
    expect(response.body).toMatchObject({
      request: { reference: `Claim/${claimId}` },
      outcome: 'complete',
      disposition: 'Partially approved: Co-payment 40 %',
      total: [
        { category: { coding: [{ code: 'submitted' }] }, amount: { value: 100, currency: 'EUR' } },
        { category: { coding: [{ code: 'benefit' }] }, amount: { value: 60, currency: 'EUR' } },
      ],
      payment: { amount: { value: 60, currency: 'EUR' } },
    });
    const searched = await allPages(app, `ClaimResponse?patient=${patient.profile.id}`, insurerToken);
    expect(searched.map((resource) => resource.id)).toEqual([`${claimId}-cr`]);
  });

  it('hides the claims at the next request once the patient withdraws consent', async () => {
    const patient = await factory.patient();
    await consentTo(app, patient.token, insurer);
    const { claimId } = await claimFor(patient, INSURER);
    expect((await fhirGet(app, `Claim/${claimId}`, insurerToken)).status).toBe(200);
    await database.query('update consent set revoked_at = now() where patient_id = $1', [patient.profile.id]);
    expect((await fhirGet(app, `Claim/${claimId}`, insurerToken)).status).toBe(403);
    expect(await allPages(app, `Claim?patient=${patient.profile.id}`, insurerToken)).toEqual([]);
  });

  it('needs claims:read beside fhir:read', async () => {
    const lab = await createPartner(app, admin.token, ['fhir:read', 'patients:read'], 'A lab (FHIR)');
    const token = await partnerToken(app, lab);
    const refused = await fhirGet<OperationOutcome>(app, 'Claim', token);
    expect(refused.status).toBe(403);
    expect(refused.body.issue?.[0]?.diagnostics ?? refused.body.issue?.[0]?.details?.text).toMatch(/claims:read/);
  });

  it('gives the patient their own cover and claims, in their $everything too, and a doctor none', async () => {
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    await factory.appointment(patient.profile, doctor.profile);
    const { claimId, policyId } = await claimFor(patient, 'AOK');
    const foreign = await claimFor(other, 'AOK');

    const mine = await allPages(app, 'Claim', patient.token);
    expect(mine.map((resource) => resource.id)).toEqual([claimId]);
    expect((await allPages(app, 'Coverage', patient.token)).map((resource) => resource.id)).toEqual([policyId]);
    expect((await fhirGet(app, `Claim/${foreign.claimId}`, patient.token)).status).toBe(403);
    expect((await fhirGet(app, `Claim?patient=${other.profile.id}`, patient.token)).status).toBe(403);

    const everything = await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, patient.token);
    expect(everything.status).toBe(200);
    const types = entries(everything.body).map((resource) => resource.resourceType);
    expect(types).toEqual(expect.arrayContaining(['Patient', 'Appointment', 'Coverage', 'Claim']));
    entries(everything.body)
      .filter((resource) => ['Coverage', 'Claim'].includes(resource.resourceType))
      .forEach(expectValidFhir);

    // The downloaded record's readable summary says it too.
    const pdf = await fetch(`${app.url}/health-record/${patient.profile.id}.pdf`, {
      headers: { authorization: `Bearer ${patient.token}` },
    });
    expect(pdf.status).toBe(200);
    const { text } = await parsePdf(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Insurance and claims');
    expect(text).toMatch(/AOK - policy P-/);
    expect(text).toMatch(/claim to AOK for 80\.00 EUR/);
    expect(text).toContain('waiting for the insurer');

    // The doctor caring for the patient reads the chart, never the money.
    expect((await fhirGet(app, `Claim?patient=${patient.profile.id}`, doctor.token)).status).toBe(403);
    expect((await fhirGet(app, `Coverage?patient=${patient.profile.id}`, doctor.token)).status).toBe(403);
    expect((await fhirGet(app, `Claim/${claimId}`, doctor.token)).status).toBe(403);
    const doctors = await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, doctor.token);
    expect(doctors.status).toBe(200);
    expect(entries(doctors.body).map((resource) => resource.resourceType)).not.toContain('Claim');

    // An administrator sees every claim, and learns that a missing one is missing.
    expect((await fhirGet(app, `Claim/${foreign.claimId}`, admin.token)).status).toBe(200);
    expect((await fhirGet(app, 'Claim/00000000-0000-4000-8000-000000000000', admin.token)).status).toBe(404);
  });

  it('reads a page of claims in statements that do not grow with the page', async () => {
    const patient = await factory.patient();
    await consentTo(app, patient.token, insurer);
    const count = async () => {
      statements.length = 0;
      const page = await fhirGet<Bundle>(app, `Claim?patient=${patient.profile.id}&_count=50`, insurerToken);
      expect(page.status).toBe(200);
      return { claims: entries(page.body).length, statements: requestStatements(statements).length };
    };
    await claimFor(patient, INSURER);
    const one = await count();
    await claimFor(patient, INSURER);
    await claimFor(patient, INSURER);
    const three = await count();
    expect([one.claims, three.claims]).toEqual([1, 3]);
    expect(three.statements).toBe(one.statements);
  });
});
