import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, TEST_PASSWORD } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from './throttle.js';

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken expiresAt user { id email role } } }`;
const REFRESH = `mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;
const ME = `{ me { id email role } }`;
const REGISTER = `mutation ($input: RegisterPatientInput!) {
  registerPatient(input: $input) { accessToken refreshToken user { email role patient { firstName lastName dateOfBirth gender } } } }`;

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let addressCounter = 0;
/** Each test signs in from its own address, so throttling in one test never touches another. */
const newAddress = () => `198.51.100.${++addressCounter}`;

async function login(email: string, password = TEST_PASSWORD, clientAddress = newAddress()) {
  return gql<{ login: Session & { user: { id: string } } }>(app, LOGIN, {
    variables: { email, password },
    clientAddress,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
});

describe('registerPatient', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    email: `New.Patient.${Math.random().toString(36).slice(2)}@Example.com`,
    password: 'a sturdy passphrase',
    firstName: 'Nora',
    lastName: 'Quist',
    dateOfBirth: '1990-02-03',
    phone: '+49 30 1234567',
    gender: 'Female', // any case: stored as the code
    ...overrides,
  });

  it('creates a patient account, signs it in, and stores the email lower-cased', async () => {
    const variables = { input: input() };
    const data = expectData(
      await gql<{
        registerPatient: Session & { user: { email: string; role: string; patient: { firstName: string } } };
      }>(app, REGISTER, { variables }),
    );
    expect(data.registerPatient.user).toMatchObject({
      email: variables.input.email.toLowerCase(),
      role: 'PATIENT',
      // Gender in any case is stored and answered as the FHIR AdministrativeGender code.
      patient: { firstName: 'Nora', gender: 'female' },
    });
    const me = expectData(await gql<{ me: { email: string } }>(app, ME, { token: data.registerPatient.accessToken }));
    expect(me.me.email).toBe(variables.input.email.toLowerCase());
  });

  it('refuses an email that exists, whatever its case, with CONFLICT', async () => {
    const first = input();
    expectData(await gql(app, REGISTER, { variables: { input: first } }));
    const again = await gql(app, REGISTER, { variables: { input: { ...first, email: first.email.toUpperCase() } } });
    expect(expectGraphQLError(again, 'CONFLICT').message).toBe('An account with this email already exists.');
  });

  it.each([
    [{ password: 'short' }, 'input.password', 'must be at least 10 characters long'],
    [
      { email: 'nora.quist@example.com', password: 'nora.quist@example.com' },
      'input.password',
      'must not be your email address',
    ],
    [{ email: 'not-an-email' }, 'input.email', 'must be an email address'],
    [{ dateOfBirth: '2999-01-01' }, 'input.dateOfBirth', 'must be in the past'],
    [{ gender: 'Robot' }, 'input.gender', 'must be one of'],
    [{ gender: 'Non-binary' }, 'input.gender', 'must be one of: male, female, other, unknown'],
    [{ phone: 'call me' }, 'input.phone', 'must be a phone number'],
  ])('refuses %o with BAD_USER_INPUT naming the field', async (overrides, field, message) => {
    const error = expectGraphQLError(
      await gql(app, REGISTER, { variables: { input: input(overrides) } }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual(
      expect.arrayContaining([{ field, message: expect.stringContaining(message) as string }]),
    );
  });

  it('registers a child born today wherever today already is, and refuses a birth date after that', async () => {
    // UTC+14 is the first place a day begins: its today is not in the future, its tomorrow is.
    const dayAt = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 10);
    const born = expectData(
      await gql<{ registerPatient: { user: { patient: { dateOfBirth: string } } } }>(app, REGISTER, {
        variables: { input: input({ dateOfBirth: dayAt(14) }) },
      }),
    );
    expect(born.registerPatient.user.patient.dateOfBirth).toBe(dayAt(14));
    const unborn = expectGraphQLError(
      await gql(app, REGISTER, { variables: { input: input({ dateOfBirth: dayAt(14 + 24) }) } }),
      'BAD_USER_INPUT',
    );
    expect(unborn.extensions.fields).toEqual([{ field: 'input.dateOfBirth', message: 'must be in the past' }]);
  });

  it('writes nothing when the input is refused', async () => {
    const email = `refused-${Date.now()}@example.com`;
    await gql(app, REGISTER, { variables: { input: input({ email, password: 'short' }) } });
    expect(await database.query(`select id from app_user where email = $1`, [email])).toEqual([]);
  });
});

describe('login', () => {
  it('signs in with the right password and returns a working 15-minute access token', async () => {
    const { user } = await factory.patient();
    const data = expectData(await login(user.email));
    const expiresIn = Date.parse(data.login.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    expect(expectData(await gql<{ me: { id: string } }>(app, ME, { token: data.login.accessToken })).me.id).toBe(
      user.id,
    );
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { user } = await factory.patient();
    const wrongPassword = expectGraphQLError(await login(user.email, 'not the password'), 'UNAUTHENTICATED');
    const unknownEmail = expectGraphQLError(await login('nobody@example.com', 'not the password'), 'UNAUTHENTICATED');
    expect(wrongPassword.message).toBe(unknownEmail.message);
  });

  it('throttles an account after 10 failures in 15 minutes, even from other addresses and with the right password', async () => {
    const { user } = await factory.patient();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expectGraphQLError(await login(user.email, 'wrong password', newAddress()), 'UNAUTHENTICATED');
    }
    const blocked = expectGraphQLError(await login(user.email, TEST_PASSWORD, newAddress()), 'TOO_MANY_REQUESTS');
    expect(blocked.extensions['retryAfterSeconds']).toBeGreaterThan(800);
    expect(blocked.extensions['retryAfterSeconds']).toBeLessThanOrEqual(900);
  });

  it('throttles a client address only after 100 failures across accounts, so a clinic behind one address is not locked out', async () => {
    const address = newAddress();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1) {
      await login(`guess-${attempt}@example.com`, 'wrong password', address);
    }
    const { user } = await factory.patient();
    expectData(await login(user.email, TEST_PASSWORD, address));
    await database.query(
      `insert into login_failure (email, client_address) select 'guess-' || n || '@example.com', $1 from generate_series(1, $2::int) n`,
      [address, MAX_FAILURES_PER_ADDRESS - MAX_FAILURES_PER_ACCOUNT],
    );
    expectGraphQLError(await login(user.email, TEST_PASSWORD, address), 'TOO_MANY_REQUESTS');
    expectData(await login(user.email, TEST_PASSWORD, newAddress()));
  });

  it('lets the throttled account in again once the window has passed', async () => {
    const { user } = await factory.patient();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await login(user.email, 'wrong password');
    }
    expectGraphQLError(await login(user.email), 'TOO_MANY_REQUESTS');
    await database.query(`update login_failure set at = at - interval '16 minutes' where email = $1`, [user.email]);
    expectData(await login(user.email));
  });
});

describe('tokens', () => {
  let userId: string;
  let secret: string;
  beforeAll(async () => {
    const { user } = await factory.patient();
    userId = user.id;
    secret = app.settings.jwtSecret;
  });
  const claims = () => ({
    role: 'PATIENT',
    sid: '4b0f8a0c-52b5-4a4e-9d3a-2d1f0b7c9e11',
    sub: userId,
    iss: 'healthcare-api',
    aud: 'healthcare-clients',
  });

  it.each([
    [
      'forged with another secret',
      () => jwt.sign(claims(), 'another-secret-of-sufficient-length-123', { expiresIn: 600 }),
    ],
    ['expired', () => jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }, secret)],
    ['signed with another algorithm', () => jwt.sign(claims(), secret, { algorithm: 'HS512', expiresIn: 600 })],
    ['unsigned (alg: none)', () => jwt.sign(claims(), '', { algorithm: 'none', expiresIn: 600 })],
    ['for another audience', () => jwt.sign({ ...claims(), aud: 'someone-else' }, secret, { expiresIn: 600 })],
    ['from another issuer', () => jwt.sign({ ...claims(), iss: 'someone-else' }, secret, { expiresIn: 600 })],
    ['claiming another role', () => jwt.sign({ ...claims(), role: 'ADMIN' }, secret, { expiresIn: 600 })],
    ['not a JWT', () => 'definitely-not-a-token'],
  ])('refuses a token %s with UNAUTHENTICATED (HTTP 401)', async (_name, makeToken) => {
    const response = await gql(app, ME, { token: makeToken() });
    expectGraphQLError(response, 'UNAUTHENTICATED');
    expect(response.status).toBe(401);
  });

  it('refuses a malformed Authorization header rather than treating the caller as anonymous', async () => {
    const response = await gql(app, '{ serverTime }', { headers: { authorization: 'Token abc' } });
    expectGraphQLError(response, 'UNAUTHENTICATED');
  });
});

describe('refreshSession and logout', () => {
  it('rotates: the new tokens work and the old refresh token does not', async () => {
    const { user } = await factory.patient();
    const first = expectData(await login(user.email)).login;
    const second = expectData(
      await gql<{ refreshSession: Session }>(app, REFRESH, { variables: { token: first.refreshToken } }),
    ).refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expectData(await gql(app, ME, { token: second.accessToken }));
    const stored = await database.query<{ token_hash: string }>(
      `select token_hash from refresh_token where user_id = $1`,
      [user.id],
    );
    expect(stored.map((row) => row.token_hash)).not.toContain(first.refreshToken);
  });

  it('revokes the whole family when a spent refresh token is presented again', async () => {
    const { user } = await factory.patient();
    const first = expectData(await login(user.email)).login;
    const second = expectData(
      await gql<{ refreshSession: Session }>(app, REFRESH, { variables: { token: first.refreshToken } }),
    ).refreshSession;

    const reuse = expectGraphQLError(
      await gql(app, REFRESH, { variables: { token: first.refreshToken } }),
      'UNAUTHENTICATED',
    );
    expect(reuse.message).toContain('already used');
    expectGraphQLError(await gql(app, REFRESH, { variables: { token: second.refreshToken } }), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, ME, { token: second.accessToken }), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, ME, { token: first.accessToken }), 'UNAUTHENTICATED');
    const [event] = await database.query(
      `select action from audit_entry where entity_id = $1 and action = 'SESSION_REUSE_DETECTED'`,
      [user.id],
    );
    expect(event).toBeDefined();
  });

  it('lets exactly one of two concurrent refreshes with the same token through', async () => {
    const { user } = await factory.patient();
    const { refreshToken } = expectData(await login(user.email)).login;
    const results = await Promise.all([1, 2].map(() => gql(app, REFRESH, { variables: { token: refreshToken } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
  });

  it('logout ends the session: its refresh token and its access tokens stop working', async () => {
    const { user } = await factory.patient();
    const session = expectData(await login(user.email)).login;
    const other = expectData(await login(user.email)).login;
    expect(
      expectData(
        await gql<{ logout: boolean }>(app, `mutation ($t: String!) { logout(refreshToken: $t) }`, {
          variables: { t: session.refreshToken },
        }),
      ).logout,
    ).toBe(true);
    expectGraphQLError(await gql(app, REFRESH, { variables: { token: session.refreshToken } }), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, ME, { token: session.accessToken }), 'UNAUTHENTICATED');
    expectData(await gql(app, ME, { token: other.accessToken }));
  });
});

describe('deactivateUser', () => {
  const DEACTIVATE = `mutation ($id: ID!) { deactivateUser(id: $id) { id active deactivatedAt } }`;

  it('stops a deactivated user at once: live token, refresh and sign-in', async () => {
    const admin = await factory.admin();
    const { user } = await factory.patient();
    const session = expectData(await login(user.email)).login;
    const data = expectData(
      await gql<{ deactivateUser: { active: boolean } }>(app, DEACTIVATE, {
        variables: { id: user.id },
        token: admin.token,
      }),
    );
    expect(data.deactivateUser.active).toBe(false);

    expectGraphQLError(await gql(app, ME, { token: session.accessToken }), 'UNAUTHENTICATED');
    expectGraphQLError(await gql(app, REFRESH, { variables: { token: session.refreshToken } }), 'UNAUTHENTICATED');
    const refused = expectGraphQLError(await login(user.email), 'UNAUTHENTICATED');
    expect(refused.message).toBe('The email or password is incorrect.');
  });

  it('is for administrators only', async () => {
    const { user, token } = await factory.patient();
    const doctor = await factory.doctor();
    expectGraphQLError(await gql(app, DEACTIVATE, { variables: { id: user.id }, token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, DEACTIVATE, { variables: { id: user.id }, token: doctor.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, DEACTIVATE, { variables: { id: user.id } }), 'UNAUTHENTICATED');
    expect(
      (await database.query<{ active: boolean }>(`select active from app_user where id = $1`, [user.id]))[0]?.active,
    ).toBe(true);
  });

  it('answers NOT_FOUND for an unknown user and BAD_USER_INPUT for a malformed id', async () => {
    const admin = await factory.admin();
    expectGraphQLError(
      await gql(app, DEACTIVATE, { variables: { id: '00000000-0000-4000-8000-000000000000' }, token: admin.token }),
      'NOT_FOUND',
    );
    expectGraphQLError(
      await gql(app, DEACTIVATE, { variables: { id: 'not-a-uuid' }, token: admin.token }),
      'BAD_USER_INPUT',
    );
  });
});

describe('createDoctor and setDoctorAvailability', () => {
  const CREATE = `mutation ($input: CreateDoctorInput!) { createDoctor(input: $input) { id firstName licenseNumber timezone consultationFee availability { weekday } } }`;
  const SET = `mutation ($id: ID!, $rules: [AvailabilityRuleInput!]!) {
    setDoctorAvailability(doctorId: $id, rules: $rules) { id availability { weekday startTime endTime slotMinutes } } }`;
  const doctorInput = (overrides: Record<string, unknown> = {}) => ({
    email: `new.doctor.${Math.random().toString(36).slice(2)}@clinic.test`,
    password: 'a sturdy passphrase',
    firstName: 'Lena',
    lastName: 'Hart',
    specialization: 'Cardiology',
    licenseNumber: `LIC-${Math.random().toString(36).slice(2, 10)}`,
    timezone: 'Europe/Berlin',
    consultationFee: 95.5,
    ...overrides,
  });

  it('lets an administrator create a doctor who can then sign in', async () => {
    const admin = await factory.admin();
    const input = doctorInput();
    const data = expectData(
      await gql<{ createDoctor: { id: string; consultationFee: number } }>(app, CREATE, {
        variables: { input },
        token: admin.token,
      }),
    );
    expect(data.createDoctor).toMatchObject({ consultationFee: 95.5, availability: [] });
    expectData(await login(input.email, input.password));
  });

  it('refuses others, a bad time zone and a taken license number', async () => {
    const admin = await factory.admin();
    const patient = await factory.patient();
    expectGraphQLError(
      await gql(app, CREATE, { variables: { input: doctorInput() }, token: patient.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(await gql(app, CREATE, { variables: { input: doctorInput() } }), 'UNAUTHENTICATED');
    const zone = expectGraphQLError(
      await gql(app, CREATE, { variables: { input: doctorInput({ timezone: 'Mars/Olympus' }) }, token: admin.token }),
      'BAD_USER_INPUT',
    );
    expect(zone.extensions.fields).toEqual([
      { field: 'input.timezone', message: 'must be an IANA time zone, e.g. Europe/Berlin' },
    ]);
    const taken = doctorInput();
    expectData(await gql(app, CREATE, { variables: { input: taken }, token: admin.token }));
    expectGraphQLError(
      await gql(app, CREATE, {
        variables: { input: { ...doctorInput(), licenseNumber: taken.licenseNumber } },
        token: admin.token,
      }),
      'CONFLICT',
    );
  });

  it('replaces the weekly rules, by an administrator or the doctor, not another doctor', async () => {
    const admin = await factory.admin();
    const doctor = await factory.doctor();
    const other = await factory.doctor();
    const rules = [
      { weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 30 },
      { weekday: 1, startTime: '13:00', endTime: '17:00', slotMinutes: 30 },
    ];
    const byDoctor = expectData(
      await gql<{ setDoctorAvailability: { availability: unknown[] } }>(app, SET, {
        variables: { id: doctor.profile.id, rules },
        token: doctor.token,
      }),
    );
    expect(byDoctor.setDoctorAvailability.availability).toEqual(rules);
    expectData(
      await gql(app, SET, { variables: { id: doctor.profile.id, rules: rules.slice(0, 1) }, token: admin.token }),
    );
    expectGraphQLError(
      await gql(app, SET, { variables: { id: doctor.profile.id, rules }, token: other.token }),
      'FORBIDDEN',
    );
    const stored = await database.query(`select weekday from availability_rule where doctor_id = $1`, [
      doctor.profile.id,
    ]);
    expect(stored).toHaveLength(1);
  });

  it('refuses overlapping or empty windows, naming the rule', async () => {
    const admin = await factory.admin();
    const doctor = await factory.doctor();
    const overlapping = [
      { weekday: 2, startTime: '09:00', endTime: '12:00', slotMinutes: 30 },
      { weekday: 2, startTime: '11:00', endTime: '14:00', slotMinutes: 30 },
    ];
    const error = expectGraphQLError(
      await gql(app, SET, { variables: { id: doctor.profile.id, rules: overlapping }, token: admin.token }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual([{ field: 'rules.1', message: 'overlaps rule 0 on the same weekday' }]);
    const backwards = [{ weekday: 3, startTime: '12:00', endTime: '09:00', slotMinutes: 30 }];
    expectGraphQLError(
      await gql(app, SET, { variables: { id: doctor.profile.id, rules: backwards }, token: admin.token }),
      'BAD_USER_INPUT',
    );
    const badTime = [{ weekday: 3, startTime: '9am', endTime: '12:00', slotMinutes: 30 }];
    expectGraphQLError(
      await gql(app, SET, { variables: { id: doctor.profile.id, rules: badTime }, token: admin.token }),
      'BAD_USER_INPUT',
    );
  });
});

describe('requestEmergencyAccess', () => {
  const GRANT = `mutation ($p: ID!, $r: String!) { requestEmergencyAccess(patientId: $p, reason: $r) { id patientId doctorId reason expiresAt } }`;

  it('grants a doctor an hour on the chart and audits it as an emergency', async () => {
    const doctor = await factory.doctor();
    const { profile: patient } = await factory.patient();
    const reason = 'Patient unconscious, brought in by ambulance';
    const data = expectData(
      await gql<{ requestEmergencyAccess: { expiresAt: string; doctorId: string } }>(app, GRANT, {
        variables: { p: patient.id, r: reason },
        token: doctor.token,
      }),
    );
    const minutes = (Date.parse(data.requestEmergencyAccess.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(data.requestEmergencyAccess.doctorId).toBe(doctor.profile.id);
    const events = await database.query(
      `select action, emergency, reason, actor_id from audit_entry where patient_id = $1`,
      [patient.id],
    );
    expect(events).toEqual([{ action: 'EMERGENCY_ACCESS', emergency: true, reason, actor_id: doctor.user.id }]);
  });

  it('is for doctors, with a stated reason', async () => {
    const doctor = await factory.doctor();
    const patient = await factory.patient();
    const admin = await factory.admin();
    expectGraphQLError(
      await gql(app, GRANT, { variables: { p: patient.profile.id, r: 'a good long reason' }, token: patient.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, GRANT, { variables: { p: patient.profile.id, r: 'a good long reason' }, token: admin.token }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, GRANT, { variables: { p: patient.profile.id, r: 'because' }, token: doctor.token }),
      'BAD_USER_INPUT',
    );
  });
});

describe('the audit trail is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit rows from the application connection', async () => {
    const { user } = await factory.patient();
    expectData(await login(user.email));
    const [event] = await database.query<{ id: string }>(
      `select id from audit_entry where entity_id = $1 and action = 'SIGN_IN'`,
      [user.id],
    );
    expect(event).toBeDefined();
    await expect(
      database.query(`update audit_event set action = 'NOTHING' where id = $1`, [event!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(database.query(`delete from audit_event where id = $1`, [event!.id])).rejects.toThrow(/append-only/);
    await expect(database.query(`truncate audit_event`)).rejects.toThrow(/append-only/);
    expect(await database.query(`select action from audit_entry where id = $1`, [event!.id])).toEqual([
      { action: 'SIGN_IN' },
    ]);
  });
});
