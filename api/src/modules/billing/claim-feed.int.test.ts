import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { submittedClaim } from '../../../test/claims.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { encodeCursor } from '../../shared/pagination.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { consentTo, createPartner, partnerToken, type PartnerClient } from '../../../test/partners.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const INSURER = 'Northern Health Insurance';
const DECIDE = `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) { id } }`;
const FEED = `query ($after: String) { claimChanges(after: $after, first: 100) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id cursor kind at claim { id status invoice { number } policy { provider } } } } } }`;

interface Feed {
  claimChanges: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: { id: string; cursor: string; kind: string; claim: { id: string; status: string } };
    }[];
  };
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;
let insurer: PartnerClient;
let insurerToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor()]);
  insurer = await createPartner(app, admin.token, ['claims:read', 'claims:write'], 'Northern Health (feed)', INSURER);
  insurerToken = await partnerToken(app, insurer);
}, 120_000);

const claimFor = async (patient: Account<Patient>, provider: string): Promise<string> =>
  (await submittedClaim(app, factory, admin.token, patient, provider)).claimId;

async function feed(token: string, after?: string | null): Promise<Feed['claimChanges']> {
  return expectData(await gql<Feed>(app, FEED, { token, variables: { after: after ?? null } })).claimChanges;
}

const kinds = (page: Feed['claimChanges']) => page.edges.map((edge) => [edge.node.claim.id, edge.node.kind]);

describe('the claims’ change feed', () => {
  it('gives an insurer each change of its claims once, in order, from its last cursor on', async () => {
    const [sharing, notSharing] = await Promise.all([factory.patient(), factory.patient()]);
    await consentTo(app, sharing.token, insurer);
    const start = await feed(insurerToken);
    const first = await claimFor(sharing, INSURER);
    await claimFor(sharing, 'AOK');
    await claimFor(notSharing, INSURER);

    const page = await feed(insurerToken, start.pageInfo.endCursor);
    expect(kinds(page)).toEqual([[first, 'SUBMITTED']]);
    expect(page.edges[0]!.cursor).toBe(page.edges[0]!.node.cursor);
    expect(page.pageInfo.endCursor).toBe(page.edges[0]!.cursor);

    expectData(
      await gql(app, DECIDE, { token: insurerToken, variables: { id: first, input: { status: 'APPROVED' } } }),
    );
    const second = await claimFor(sharing, INSURER);
    const next = await feed(insurerToken, page.pageInfo.endCursor);
    expect(kinds(next)).toEqual([
      [first, 'APPROVED'],
      [second, 'SUBMITTED'],
    ]);
    // Nothing new: an empty page, and the cursor to keep is the one passed.
    const idle = await feed(insurerToken, next.pageInfo.endCursor);
    expect(idle.edges).toEqual([]);
    expect(idle.pageInfo.hasNextPage).toBe(false);
  });

  it('holds back a change committed after one still in progress until that one commits: no gap', async () => {
    const patient = await factory.patient();
    const early = await claimFor(patient, 'AOK');
    const start = await feed(admin.token);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // A transaction that started writing first and commits last.
      await client.query('begin');
      await client.query(
        `insert into claim_change (id, claim_id, from_status, to_status, currency, changed_by_id, note)
         values (gen_random_uuid(), $1, 'SUBMITTED', 'SUBMITTED', 'EUR', $2, 'held back')`,
        [early, admin.user.id],
      );
      const late = await claimFor(patient, 'AOK');
      // The later change has committed, but an older transaction is still open: neither is served yet.
      expect((await feed(admin.token, start.pageInfo.endCursor)).edges).toEqual([]);
      await client.query('commit');
      const page = await feed(admin.token, start.pageInfo.endCursor);
      expect(kinds(page)).toEqual([
        [early, 'SUBMITTED'],
        [late, 'SUBMITTED'],
      ]);
    } finally {
      await client.end();
    }
  });

  it('is the patient’s own claims for a patient, refused to doctors, and refuses a forged cursor', async () => {
    const [patient, other] = await Promise.all([factory.patient(), factory.patient()]);
    const own = await claimFor(patient, 'AOK');
    await claimFor(other, 'AOK');
    const mine = await feed(patient.token);
    expect(mine.edges.map((edge) => edge.node.claim.id)).toEqual([own]);
    expect(mine.totalCount).toBe(1);

    expectGraphQLError(await gql(app, FEED, { token: doctor.token }), 'FORBIDDEN');
    for (const after of [
      encodeCursor(['not-a-number', '00000000-0000-4000-8000-000000000000']),
      encodeCursor(['18446744073709551616', '00000000-0000-4000-8000-000000000000']),
      encodeCursor(['2026-12-07T10:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
    ]) {
      const refused = expectGraphQLError(
        await gql(app, FEED, { token: patient.token, variables: { after } }),
        'BAD_USER_INPUT',
      );
      expect(refused.extensions.fields).toEqual([{ field: 'after', message: 'is not a cursor from this list' }]);
    }
  });
});
