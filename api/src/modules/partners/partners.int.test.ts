import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { createPartner, partnerToken, requestToken } from '../../../test/partners.js';
import { subscribe, wsClient } from '../../../test/ws.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const ALL_READ = 'doctors:read patients:read appointments:read clinical:read events:read';
const PATIENTS = '{ patients { totalCount edges { node { id lastName } } } }';
const PATIENT = 'query ($id: ID!) { patient(id: $id) { id firstName allergies medicalRecords { totalCount } } }';
const APPOINTMENTS = '{ appointments(first: 50) { edges { node { id patient { id } } } } }';
const GRANT =
  'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id active apiClient { id name } } }';
const REVOKE = 'mutation ($id: ID!) { revokeConsent(id: $id) { id active revokedAt } }';
const BOOK = 'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }';
const CANCEL = 'mutation ($id: ID!, $reason: String) { cancelAppointment(id: $id, reason: $reason) { id status } }';
const RESCHEDULE =
  'mutation ($id: ID!, $startsAt: DateTime!) { rescheduleAppointment(id: $id, startsAt: $startsAt) { id status startsAt } }';
const EVENTS = 'subscription { appointmentUpdated { kind appointment { id patient { id } } } }';

let database: TestDatabase;
let app: Application;
let factory: Factory;
let admin: Account<null>;
let doctor: Account<Doctor>;
let hour = 0;
const nextSlot = () =>
  new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (72 + ++hour) * 3_600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { LOG_LEVEL: 'error' });
  factory = new Factory(app);
  [admin, doctor] = await Promise.all([factory.admin(), factory.doctor()]);
});

async function consentingPatient(clientId: string, patient: Account<Patient>) {
  return expectData(
    await gql<{ grantConsent: { id: string; active: boolean; apiClient: { id: string; name: string } } }>(app, GRANT, {
      token: patient.token,
      variables: { input: { purpose: 'DATA_SHARING', apiClientId: clientId } },
    }),
  ).grantConsent;
}

describe('POST /oauth/token (RFC 6749 §4.4, §5.1, §5.2)', () => {
  it('answers a token for HTTP Basic and for form-field client authentication, never cached', async () => {
    const client = await createPartner(app, admin.token, ['doctors:read', 'patients:read']);
    for (const basic of [true, false]) {
      const answer = await requestToken(app, client, { grant_type: 'client_credentials' }, { basic });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'doctors:read patients:read' });
      const header = jwt.decode(String(answer.body['access_token']), { complete: true })!.header;
      expect(header).toMatchObject({ alg: 'HS256', typ: 'at+jwt' });
    }
    const narrowed = await requestToken(app, client, { grant_type: 'client_credentials', scope: 'doctors:read' });
    expect(narrowed.body['scope']).toBe('doctors:read');
  });

  it('refuses as the RFC says: invalid_client 401 with a challenge, invalid_request, unsupported_grant_type, invalid_scope', async () => {
    const client = await createPartner(app, admin.token, ['doctors:read']);
    const wrongSecret = await requestToken(app, { id: client.id, secret: 'hcs_wrong' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body['error']).toBe('invalid_client');
    expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(wrongSecret.headers.get('cache-control')).toBe('no-store');

    const anonymous = await requestToken(app, undefined);
    expect([anonymous.status, anonymous.body['error']]).toEqual([401, 'invalid_client']);

    const password = await requestToken(app, client, { grant_type: 'password', username: 'x', password: 'y' });
    expect([password.status, password.body['error']]).toEqual([400, 'unsupported_grant_type']);

    const noGrant = await requestToken(app, client, {});
    expect([noGrant.status, noGrant.body['error']]).toEqual([400, 'invalid_request']);

    const twoWays = await requestToken(app, client, {
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: client.secret,
    });
    expect([twoWays.status, twoWays.body['error']]).toEqual([400, 'invalid_request']);

    const notHeld = await requestToken(app, client, { grant_type: 'client_credentials', scope: 'clinical:read' });
    expect([notHeld.status, notHeld.body['error']]).toEqual([400, 'invalid_scope']);

    const json = await fetch(`${app.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('issues tokens no person-only check accepts, and accepts no unsigned or person token as a partner', async () => {
    const client = await createPartner(app, admin.token, ['doctors:read']);
    const token = await partnerToken(app, client);
    expectGraphQLError(await gql(app, '{ me { id } }', { token }), 'FORBIDDEN');
    const claims = jwt.decode(token) as Record<string, unknown>;
    const unsigned = jwt.sign(claims, '', { algorithm: 'none' });
    expectGraphQLError(await gql(app, '{ doctors { totalCount } }', { token: unsigned }), 'UNAUTHENTICATED');
    const otherKey = jwt.sign(claims, 'another-secret-of-sufficient-length-123', {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: 'at+jwt' },
    });
    expectGraphQLError(await gql(app, '{ doctors { totalCount } }', { token: otherKey }), 'UNAUTHENTICATED');
  });
});

describe("a partner's journey over HTTP", () => {
  it('sees a patient only while their consent names the client; audited as itself', async () => {
    const client = await createPartner(app, admin.token, ALL_READ.split(' '), 'Journey Labs');
    const token = await partnerToken(app, client);
    const [patient, bystander] = await Promise.all([factory.patient(), factory.patient()]);
    const appointment = await factory.appointment(patient.profile, doctor.profile);
    await factory.record(patient.profile, doctor.profile, appointment);
    await factory.appointment(bystander.profile, doctor.profile);

    expect(
      expectData(await gql<{ doctors: { totalCount: number } }>(app, '{ doctors { totalCount } }', { token })).doctors
        .totalCount,
    ).toBeGreaterThan(0);
    // No consent: invisible everywhere, and lists are narrowed rather than refused.
    expect(
      expectData(await gql<{ patients: { totalCount: number } }>(app, PATIENTS, { token })).patients.totalCount,
    ).toBe(0);
    expectGraphQLError(await gql(app, PATIENT, { token, variables: { id: patient.profile.id } }), 'FORBIDDEN');
    expect(
      expectData(await gql<{ appointments: { edges: unknown[] } }>(app, APPOINTMENTS, { token })).appointments.edges,
    ).toEqual([]);

    const consent = await consentingPatient(client.id, patient);
    expect(consent).toMatchObject({ active: true, apiClient: { id: client.id, name: 'Journey Labs' } });

    const listed = expectData(await gql<{ patients: { edges: { node: { id: string } }[] } }>(app, PATIENTS, { token }));
    expect(listed.patients.edges.map((edge) => edge.node.id)).toEqual([patient.profile.id]);
    const chart = expectData(
      await gql<{ patient: { allergies: string[]; medicalRecords: { totalCount: number } } }>(app, PATIENT, {
        token,
        variables: { id: patient.profile.id },
      }),
    );
    expect(chart.patient.medicalRecords.totalCount).toBe(1);
    const visits = expectData(
      await gql<{ appointments: { edges: { node: { patient: { id: string } } }[] } }>(app, APPOINTMENTS, { token }),
    );
    expect(new Set(visits.appointments.edges.map((edge) => edge.node.patient.id))).toEqual(
      new Set([patient.profile.id]),
    );

    const audited = await database.query<{ actor_role: string; entity_type: string }>(
      'select actor_role, entity_type from audit_entry where actor_id = $1 and patient_id = $2',
      [client.id, patient.profile.id],
    );
    expect(audited.length).toBeGreaterThan(0);
    expect(new Set(audited.map((row) => row.actor_role))).toEqual(new Set(['PARTNER']));
    const log = expectData(
      await gql<{ myAccessLog: { edges: { node: { actorRole: string; actorName: string } }[] } }>(
        app,
        '{ myAccessLog(first: 100) { edges { node { actorRole actorName } } } }',
        { token: patient.token },
      ),
    );
    expect(log.myAccessLog.edges.map((edge) => edge.node)).toContainEqual({
      actorRole: 'PARTNER',
      actorName: 'Journey Labs (partner)',
    });

    expectData(await gql(app, REVOKE, { token: patient.token, variables: { id: consent.id } }));
    // The very next request no longer sees the patient.
    expect(
      expectData(await gql<{ patients: { totalCount: number } }>(app, PATIENTS, { token })).patients.totalCount,
    ).toBe(0);
    expectGraphQLError(await gql(app, PATIENT, { token, variables: { id: patient.profile.id } }), 'FORBIDDEN');
    const changes = await database.query<{ action: string }>(
      "select action from audit_entry where entity_type = 'Consent' and entity_id = $1 order by at",
      [consent.id],
    );
    expect(changes.map((row) => row.action)).toEqual(['GRANT_CONSENT', 'REVOKE_CONSENT']);
    const mine = expectData(
      await gql<{ myConsents: { active: boolean; revokedAt: string | null; apiClient: { name: string } }[] }>(
        app,
        '{ myConsents { active revokedAt apiClient { name } } }',
        { token: patient.token },
      ),
    );
    expect(mine.myConsents).toHaveLength(1);
    expect(mine.myConsents[0]).toMatchObject({ active: false, apiClient: { name: 'Journey Labs' } });
    expect(mine.myConsents[0]!.revokedAt).toBeTruthy();
  });

  it('refuses any field its scopes do not cover, on every path, before anything runs', async () => {
    const client = await createPartner(app, admin.token, ['doctors:read', 'patients:read', 'appointments:read']);
    const token = await partnerToken(app, client);
    const patient = await factory.patient();
    await consentingPatient(client.id, patient);
    const refused = expectGraphQLError(
      await gql(app, PATIENT, { token, variables: { id: patient.profile.id } }),
      'FORBIDDEN',
    );
    expect(refused.extensions['uncovered']).toEqual([
      { field: 'Patient.allergies', scope: 'clinical:read' },
      { field: 'Patient.medicalRecords', scope: 'clinical:read' },
    ]);
    const nested = expectGraphQLError(
      await gql(
        app,
        '{ appointments { edges { node { ...Visit } } } } fragment Visit on Appointment { medicalRecords { id } }',
        { token },
      ),
      'FORBIDDEN',
    );
    expect(nested.message).toContain('Appointment.medicalRecords (needs clinical:read)');
    expectGraphQLError(await gql(app, '{ auditEvents { totalCount } }', { token }), 'FORBIDDEN');
    const narrowToken = await partnerToken(app, client, 'doctors:read');
    expectGraphQLError(await gql(app, PATIENTS, { token: narrowToken }), 'FORBIDDEN');
    expectData(await gql(app, '{ doctors { totalCount } }', { token: narrowToken }));
  });
});

describe('a partner booking (appointments:write)', () => {
  it('books for a consenting patient only, audited as the partner', async () => {
    const client = await createPartner(app, admin.token, ['appointments:read', 'appointments:write'], 'Referral App');
    const token = await partnerToken(app, client);
    const [patient, stranger] = await Promise.all([factory.patient(), factory.patient()]);
    await consentingPatient(client.id, patient);
    const book = (patientId: string) =>
      gql<{ bookAppointment: { id: string } }>(app, BOOK, {
        token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot(), patientId } },
      });
    const booked = expectData(await book(patient.profile.id)).bookAppointment;
    expectGraphQLError(await book(stranger.profile.id), 'FORBIDDEN');
    const missing = expectGraphQLError(
      await gql(app, BOOK, { token, variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } } }),
      'BAD_USER_INPUT',
    );
    expect(missing.extensions.fields?.[0]?.field).toBe('input.patientId');
    const [audit] = await database.query<{ actor_id: string; actor_role: string }>(
      "select actor_id, actor_role from audit_entry where entity_id = $1 and action = 'CREATE'",
      [booked.id],
    );
    expect(audit).toEqual({ actor_id: client.id, actor_role: 'PARTNER' });
    const readOnly = await partnerToken(app, client, 'appointments:read');
    expectGraphQLError(
      await gql(app, BOOK, {
        token: readOnly,
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot(), patientId: patient.profile.id } },
      }),
      'FORBIDDEN',
    );
  });
});

describe('a partner cancelling and rescheduling (appointments:write)', () => {
  it('changes a consenting patient’s appointments only, loses that at revocation, needs the scope, audited as itself', async () => {
    const client = await createPartner(app, admin.token, ['appointments:read', 'appointments:write'], 'Rebooking App');
    const token = await partnerToken(app, client);
    const [patient, stranger] = await Promise.all([factory.patient(), factory.patient()]);
    const consent = await consentingPatient(client.id, patient);
    const bookFor = async (account: Account<Patient>) =>
      expectData(
        await gql<{ bookAppointment: { id: string } }>(app, BOOK, {
          token: account.token,
          variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } },
        }),
      ).bookAppointment.id;
    const [first, second, strangers, afterRevocation] = await Promise.all([
      bookFor(patient),
      bookFor(patient),
      bookFor(stranger),
      bookFor(patient),
    ]);
    const reschedule = (id: string, as = token) =>
      gql<{ rescheduleAppointment: { id: string; status: string; startsAt: string } }>(app, RESCHEDULE, {
        token: as,
        variables: { id, startsAt: nextSlot() },
      });
    const cancel = (id: string, as = token) =>
      gql<{ cancelAppointment: { id: string; status: string } }>(app, CANCEL, {
        token: as,
        variables: { id, reason: 'Patient asked by phone' },
      });

    // Allowed with consent: a time the partner picks needs the doctor's confirmation, like the patient's.
    const moved = expectData(await reschedule(first)).rescheduleAppointment;
    expect(moved).toMatchObject({ id: first, status: 'REQUESTED' });
    expect(expectData(await cancel(second)).cancelAppointment).toEqual({ id: second, status: 'CANCELLED' });
    const audits = await database.query<{ entity_id: string; action: string; actor_id: string; actor_role: string }>(
      "select entity_id, action, actor_id, actor_role from audit_entry where entity_id = any($1) and action in ('RESCHEDULED', 'CANCELLED') order by entity_id",
      [[first, second]],
    );
    expect(audits.map(({ entity_id, ...rest }) => ({ id: entity_id, ...rest }))).toEqual(
      [
        { id: first, action: 'RESCHEDULED', actor_id: client.id, actor_role: 'PARTNER' },
        { id: second, action: 'CANCELLED', actor_id: client.id, actor_role: 'PARTNER' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );

    // Without consent: refused, and nothing changes.
    expectGraphQLError(await cancel(strangers), 'FORBIDDEN');
    expectGraphQLError(await reschedule(strangers), 'FORBIDDEN');
    // Without the scope: refused before anything runs.
    const readOnly = await partnerToken(app, client, 'appointments:read');
    expectGraphQLError(await cancel(afterRevocation, readOnly), 'FORBIDDEN');
    expectGraphQLError(await reschedule(afterRevocation, readOnly), 'FORBIDDEN');
    // After revocation: refused on the partner's next request.
    expectData(await gql(app, REVOKE, { token: patient.token, variables: { id: consent.id } }));
    expectGraphQLError(await cancel(afterRevocation), 'FORBIDDEN');
    expectGraphQLError(await reschedule(afterRevocation), 'FORBIDDEN');
    const untouched = await database.query<{ id: string; status: string }>(
      'select id, status from appointment where id = any($1) order by id',
      [[strangers, afterRevocation]],
    );
    expect(untouched.map((row) => row.status)).toEqual(['REQUESTED', 'REQUESTED']);
  });
});

describe('what a scope allows, in words', () => {
  it('tells the admin what a partner may do, and the patient what it may do with their own data', async () => {
    const patient = await factory.patient();
    const scopes = expectData(
      await gql<{ apiScopes: { name: string; description: string; forPatient: string }[] }>(
        app,
        '{ apiScopes { name description forPatient } }',
        { token: patient.token },
      ),
    ).apiScopes;
    const clinical = scopes.find((scope) => scope.name === 'clinical:read')!;
    expect(clinical.description).toMatch(/of patients who agreed to share/);
    expect(clinical.forPatient).toBe('Read your medical records, prescriptions, allergies and lab results.');
    // Every scope that touches a patient's data says so to them: "your", "you".
    for (const scope of scopes.filter((s) => !['doctors:read', 'fhir:read', 'fhir:export'].includes(s.name))) {
      expect(scope.forPatient, scope.name).toMatch(/\byou(r)?\b/);
      expect(scope.forPatient, scope.name).not.toMatch(/patients who agreed/);
    }
  });
});

describe('managing API clients', () => {
  it('rotates with a grace period, revokes at once, and shows admins scopes and consent counts only', async () => {
    const client = await createPartner(app, admin.token, ['doctors:read', 'patients:read'], 'Rotating Co');
    const token = await partnerToken(app, client);
    const rotated = expectData(
      await gql<{ rotateApiClientSecret: { clientSecret: string; client: { previousSecretValidUntil: string } } }>(
        app,
        'mutation ($id: ID!) { rotateApiClientSecret(id: $id, graceSeconds: 3600) { clientSecret client { previousSecretValidUntil } } }',
        { token: admin.token, variables: { id: client.id } },
      ),
    ).rotateApiClientSecret;
    expect(rotated.client.previousSecretValidUntil).toBeTruthy();
    await partnerToken(app, client);
    await partnerToken(app, { id: client.id, secret: rotated.clientSecret });
    const now = expectData(
      await gql<{ rotateApiClientSecret: { clientSecret: string } }>(
        app,
        'mutation ($id: ID!) { rotateApiClientSecret(id: $id, graceSeconds: 0) { clientSecret } }',
        { token: admin.token, variables: { id: client.id } },
      ),
    ).rotateApiClientSecret;
    expect((await requestToken(app, { id: client.id, secret: rotated.clientSecret })).status).toBe(401);
    await partnerToken(app, { id: client.id, secret: now.clientSecret });

    const patient = await factory.patient();
    await consentingPatient(client.id, patient);
    const listed = expectData(
      await gql<{
        apiClients: { edges: { node: { id: string; scopes: string[]; active: boolean; consentCount: number } }[] };
      }>(app, '{ apiClients(first: 100) { edges { node { id name scopes active consentCount } } } }', {
        token: admin.token,
      }),
    ).apiClients.edges.map((edge) => edge.node);
    expect(listed.find((node) => node.id === client.id)).toMatchObject({
      scopes: ['doctors:read', 'patients:read'],
      active: true,
      consentCount: 1,
    });
    expectGraphQLError(await gql(app, '{ apiClients { totalCount } }', { token: patient.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, '{ apiClients { totalCount } }', { token }), 'FORBIDDEN');

    expectData(
      await gql(app, 'mutation ($id: ID!) { revokeApiClient(id: $id) { active } }', {
        token: admin.token,
        variables: { id: client.id },
      }),
    );
    expectGraphQLError(await gql(app, '{ doctors { totalCount } }', { token }), 'UNAUTHENTICATED');
    expect((await requestToken(app, { id: client.id, secret: now.clientSecret })).body['error']).toBe('invalid_client');
    expect(
      expectData(
        await gql<{ sharingPartners: { id: string }[] }>(app, '{ sharingPartners { id } }', { token: patient.token }),
      ).sharingPartners.map((p) => p.id),
    ).not.toContain(client.id);
  });

  it('checks input: unknown scopes and blank names are BAD_USER_INPUT naming the field', async () => {
    const bad = expectGraphQLError(
      await gql(app, 'mutation { createApiClient(input: { name: " ", scopes: ["root"] }) { clientSecret } }', {
        token: admin.token,
      }),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions.fields?.map((field) => field.field)).toEqual(
      expect.arrayContaining(['input.name', 'input.scopes']),
    );
    expectGraphQLError(
      await gql(app, 'mutation { createApiClient(input: { name: "X", scopes: ["doctors:read"] }) { clientSecret } }', {
        token: doctor.token,
      }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, 'mutation { createApiClient(input: { name: "X", scopes: ["doctors:read"] }) { clientSecret } }'),
      'UNAUTHENTICATED',
    );
  });
});

describe("a partner's journey over WebSocket", () => {
  it('receives the events of consenting patients only, stops at revocation, and is closed when its client is revoked', async () => {
    const client = await createPartner(app, admin.token, ALL_READ.split(' '), 'Socket Labs');
    const token = await partnerToken(app, client);
    const patient = await factory.patient();
    const socket = wsClient(app, token);
    const feed = subscribe<{ appointmentUpdated: { kind: string; appointment: { patient: { id: string } } } }>(
      socket,
      EVENTS,
    );
    await expect.poll(() => app.dependencies.events.size, { timeout: 5_000 }).toBeGreaterThan(0);

    const book = () =>
      gql(app, BOOK, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } },
      });
    expectData(await book());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.received).toEqual([]);

    const consent = await consentingPatient(client.id, patient);
    expectData(await book());
    await expect.poll(() => feed.received.length, { timeout: 2_000 }).toBe(1);
    expect(feed.received[0]!.appointmentUpdated.appointment.patient.id).toBe(patient.profile.id);

    expectData(await gql(app, REVOKE, { token: patient.token, variables: { id: consent.id } }));
    expectData(await book());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.received).toHaveLength(1);
    expect(feed.errors).toEqual([]);

    // A subscription its scopes do not cover is refused for that operation only.
    const narrow = wsClient(app, await partnerToken(app, client, 'doctors:read'));
    const refused = subscribe(narrow, EVENTS);
    await expect.poll(() => refused.errors.length, { timeout: 2_000 }).toBe(1);
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');

    let closedWith: number | undefined;
    socket.on('closed', (event) => {
      closedWith = (event as { code: number }).code;
    });
    expectData(
      await gql(app, 'mutation ($id: ID!) { revokeApiClient(id: $id) { id } }', {
        token: admin.token,
        variables: { id: client.id },
      }),
    );
    await expect.poll(() => closedWith, { timeout: 2_000 }).toBe(4403);
  });
});

describe("a partner's change feed", () => {
  it('lists and replays the events of consenting patients only, with events:read', async () => {
    const client = await createPartner(app, admin.token, ALL_READ.split(' '), 'Feed Labs');
    const token = await partnerToken(app, client);
    const [sharing, private_] = await Promise.all([factory.patient(), factory.patient()]);
    await consentingPatient(client.id, sharing);
    const book = (patient: Account<Patient>) =>
      gql(app, BOOK, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, startsAt: nextSlot() } },
      });
    expectData(await book(sharing));
    expectData(await book(private_));
    expectData(await book(sharing));
    const FEED = '{ appointmentChanges(first: 100) { edges { cursor node { kind appointment { patient { id } } } } } }';
    const feed = expectData(
      await gql<{
        appointmentChanges: { edges: { cursor: string; node: { appointment: { patient: { id: string } } } }[] };
      }>(app, FEED, { token }),
    ).appointmentChanges.edges;
    expect(feed.map((edge) => edge.node.appointment.patient.id)).toEqual([sharing.profile.id, sharing.profile.id]);

    // Resumed from the first event, the subscription replays the second and nothing else.
    const replay = subscribe<{ appointmentUpdated: { appointment: { patient: { id: string } } } }>(
      wsClient(app, token),
      'subscription ($after: String) { appointmentUpdated(after: $after) { appointment { patient { id } } } }',
      { after: feed[0]!.cursor },
    );
    await expect.poll(() => replay.received.length, { timeout: 5_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(replay.received.map((event) => event.appointmentUpdated.appointment.patient.id)).toEqual([
      sharing.profile.id,
    ]);

    const narrow = await partnerToken(app, client, 'appointments:read');
    expectGraphQLError(await gql(app, FEED, { token: narrow }), 'FORBIDDEN');
  });
});
