import { Webhook as StandardWebhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { submittedClaim } from '../../../test/claims.js';
import { webhookReceiver as receiver, type Received } from '../../../test/webhook-receiver.js';
import { createTestDatabase, jobsSettled, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { consentTo, createPartner, partnerToken } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import type { Patient } from '../patients/patient.entity.js';

const INSURER = 'Northern Health Insurance';
const CREATE = `mutation ($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id events claimEvents } } }`;
const DECIDE = `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) { id } }`;
const DELIVERIES = `query ($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) {
  edges { node { eventId type eventKind claimKind succeeded } } } }`;

let database: TestDatabase;
let app: Application;
let factory: Factory;
let admin: Account<null>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { WEBHOOK_RETRY_BASE_SECONDS: '0.1' });
  factory = new Factory(app);
  admin = await factory.admin();
}, 120_000);

const claimFor = async (patient: Account<Patient>, provider: string): Promise<string> =>
  (await submittedClaim(app, factory, admin.token, patient, provider)).claimId;

async function createWebhook(token: string, url: string, claimEvents: string[]) {
  return expectData(
    await gql<{ createWebhook: { secret: string; webhook: { id: string; events: string[]; claimEvents: string[] } } }>(
      app,
      CREATE,
      { token, variables: { input: { url, events: [], claimEvents } } },
    ),
  ).createWebhook;
}

/** The claims' events an endpoint got, each checked against its signature: [type, claimId]. */
function events(secret: string, received: readonly Received[]): [string, string][] {
  const verifier = new StandardWebhook(secret);
  return received.map((delivery) => {
    const payload = verifier.verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> };
    // Ids, what it became and when: no amount, no patient, no insurer.
    expect(Object.keys(payload.data).sort()).toEqual(['at', 'claimId', 'id', 'kind']);
    return [payload.type, payload.data['claimId'] as string];
  });
}

async function settled(): Promise<void> {
  await jobsSettled(database, 'claim_webhook_fanout');
  await jobsSettled(database, 'webhook_deliver');
}

describe('webhooks for insurance claims', () => {
  it('sends the clinic every claim’s changes it asked for, and an insurer only its own claims of consenting patients', async () => {
    const insurer = await createPartner(
      app,
      admin.token,
      ['events:read', 'claims:read', 'claims:write'],
      'Northern Health (hooks)',
      INSURER,
    );
    const insurerToken = await partnerToken(app, insurer);
    const [clinicEndpoint, insurerEndpoint] = await Promise.all([receiver(), receiver()]);
    const clinic = await createWebhook(admin.token, clinicEndpoint.url, ['SUBMITTED', 'APPROVED']);
    expect(clinic.webhook).toMatchObject({ events: [], claimEvents: ['SUBMITTED', 'APPROVED'] });
    const own = await createWebhook(insurerToken, insurerEndpoint.url, ['SUBMITTED', 'PARTIALLY_APPROVED']);

    const [sharing, notSharing] = await Promise.all([factory.patient(), factory.patient()]);
    await consentTo(app, sharing.token, insurer);
    const mine = await claimFor(sharing, INSURER);
    const otherInsurer = await claimFor(sharing, 'AOK');
    const withoutConsent = await claimFor(notSharing, INSURER);
    expectData(
      await gql(app, DECIDE, {
        token: insurerToken,
        variables: { id: mine, input: { status: 'PARTIALLY_APPROVED', amountApproved: '40.00' } },
      }),
    );
    expectData(
      await gql(app, DECIDE, { token: admin.token, variables: { id: otherInsurer, input: { status: 'APPROVED' } } }),
    );
    await settled();

    expect(events(clinic.secret, clinicEndpoint.received).sort()).toEqual(
      [
        ['claim.submitted', mine],
        ['claim.submitted', otherInsurer],
        ['claim.submitted', withoutConsent],
        ['claim.approved', otherInsurer],
      ].sort(),
    );
    expect(events(own.secret, insurerEndpoint.received)).toEqual([
      ['claim.submitted', mine],
      ['claim.partially_approved', mine],
    ]);

    const log = expectData(
      await gql<{
        webhookDeliveries: { edges: { node: { type: string; eventKind: string | null; claimKind: string } }[] };
      }>(app, DELIVERIES, { token: insurerToken, variables: { id: own.webhook.id } }),
    ).webhookDeliveries.edges.map((edge) => edge.node);
    expect(log.map((node) => [node.type, node.eventKind, node.claimKind]).sort()).toEqual([
      ['claim.partially_approved', null, 'PARTIALLY_APPROVED'],
      ['claim.submitted', null, 'SUBMITTED'],
    ]);
  });

  it('refuses claims’ events to a partner without claims:read, and a webhook that names no event', async () => {
    const lab = await createPartner(app, admin.token, ['events:read'], 'A lab (hooks)');
    const labToken = await partnerToken(app, lab);
    const endpoint = await receiver();
    const refused = expectGraphQLError(
      await gql(app, CREATE, {
        token: labToken,
        variables: { input: { url: endpoint.url, events: [], claimEvents: ['SUBMITTED'] } },
      }),
      'FORBIDDEN',
    );
    expect(refused.message).toContain('claims:read');
    const empty = expectGraphQLError(
      await gql(app, CREATE, { token: admin.token, variables: { input: { url: endpoint.url, events: [] } } }),
      'BAD_USER_INPUT',
    );
    expect(empty.extensions.fields).toEqual([
      { field: 'input.events', message: 'must name at least one kind of event' },
    ]);
  });
});
