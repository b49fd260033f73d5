import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import { createPartner } from '../../../test/partners.js';
import { REPO_ROOT } from '../../config/settings.js';
import type { Application } from '../../server/bootstrap.js';

const run = promisify(execFile);
const GUIDE = join(REPO_ROOT, 'docs', 'partners.md');

/** The guide's `sh` code blocks, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

let database: TestDatabase;
let app: Application;
let environment: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  const factory = new Factory(app);
  const [admin, patient, doctor] = await Promise.all([factory.admin(), factory.patient(), factory.doctor()]);
  const client = await createPartner(
    app,
    admin.token,
    ['doctors:read', 'patients:read', 'appointments:read', 'appointments:write', 'clinical:read'],
    'Guide Labs',
  );
  expectData(
    await gql(app, 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }', {
      token: patient.token,
      variables: { id: client.id },
    }),
  );
  const prescription = await factory.prescription(patient.profile, doctor.profile);
  environment = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    API: app.url,
    CLIENT_ID: client.id,
    CLIENT_SECRET: client.secret,
    PATIENT_ID: patient.profile.id,
    DOCTOR_ID: doctor.profile.id,
    PRESCRIPTION_ID: prescription.id,
  };
});

describe('docs/partners.md', () => {
  it('runs every curl example against the live server, with the answers the guide promises', async () => {
    const blocks = shellBlocks(readFileSync(GUIDE, 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    const script = ['set -euo pipefail', ...blocks.map((block, index) => `echo "@@ block ${index}"\n${block}`)].join(
      '\n',
    );
    const { stdout } = await run('bash', ['-c', script], {
      env: environment,
      cwd: mkdtempSync(join(tmpdir(), 'hc-guide-')),
      timeout: 60_000,
    });
    const output = stdout.toLowerCase();
    for (const promised of [
      '"token_type":"bearer"',
      '"scope":"doctors:read"',
      '"error":"invalid_scope"',
      '"totalcount"',
      '"code":"forbidden"',
      environment['PATIENT_ID']!,
      '"code":"query_too_complex"',
      'ratelimit-remaining:',
      'idempotent-replayed: true',
      '200 application/pdf',
    ]) {
      expect(output, `the guide's examples should answer ${promised}`).toContain(promised);
    }
    const booked = await database.query('select id from appointment where patient_id = $1', [
      environment['PATIENT_ID'],
    ]);
    expect(booked).toHaveLength(1);
  });
});
