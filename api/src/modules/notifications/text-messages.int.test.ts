import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { handleAppointmentReminder } from './reminders.js';
import { twilioSignature } from './sms.js';
import { LogTransport } from './transport.js';

/** What the SMS gateway (a real HTTP server here, speaking Twilio's Messages API) was sent. */
interface GatewayRequest {
  path: string;
  authorization: string | undefined;
  to: string | null;
  from: string | null;
  body: string | null;
}

const REASON = 'Recurring chest pain';
const INBOUND_ORIGIN = 'https://clinic.example.test';
const START = `mutation { startPhoneConfirmation }`;
const CONFIRM = `mutation ($code: String!) { confirmPhone(code: $code) { id phone phoneConfirmed smsReminders } }`;
const SET = `mutation ($on: Boolean!) { setSmsReminders(enabled: $on) { id smsReminders } }`;

let database: TestDatabase;
let app: Application;
let factory: Factory;
let doctor: Account<Doctor>;
const received: GatewayRequest[] = [];
const logLines: string[] = [];
/** Answers HTTP 500 to this many requests first (a gateway having trouble). */
let failNext = 0;
/** Numbers whose owner replied STOP: refused as Twilio does (HTTP 400, code 21610). */
const optedOut = new Set<string>();
const refusedOptedOut: string[] = [];

beforeAll(async () => {
  const gateway = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        response.statusCode = 500;
        response.end('{"message":"try later"}');
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (optedOut.has(form.get('To') ?? '')) {
        refusedOptedOut.push(form.get('To') ?? '');
        response.statusCode = 400;
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            code: 21610,
            message: `Attempt to send to unsubscribed recipient ${form.get('To')}`,
            status: 400,
          }),
        );
        return;
      }
      received.push({
        path: request.url ?? '',
        authorization: request.headers.authorization,
        to: form.get('To'),
        from: form.get('From'),
        body: form.get('Body'),
      });
      response.statusCode = 201;
      response.setHeader('content-type', 'application/json');
      response.end('{"sid":"SM1","status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));
  const port = (gateway.address() as AddressInfo).port;
  database = await createTestDatabase();
  app = await startTestApp(
    database.url,
    {
      SMS_URL: `http://AC42:gateway-token@127.0.0.1:${port}/2010-04-01/Accounts/AC42/Messages.json`,
      SMS_FROM: 'CityClinic',
      // Where the gateway posts replies: the address it signs (the server runs behind a proxy).
      PUBLIC_URL: INBOUND_ORIGIN,
    },
    {},
    pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }),
  );
  factory = new Factory(app);
  doctor = await factory.doctor({ lastName: 'Witting' });
}, 120_000);

/** The newest text to `to`, once the gateway has it. */
async function textTo(to: string, count = 1): Promise<GatewayRequest> {
  await expect
    .poll(() => received.filter((r) => r.to === to).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return received.filter((r) => r.to === to).at(-1)!;
}

function codeOf(text: GatewayRequest): string {
  return /\b(\d{6})\b/.exec(text.body ?? '')![1]!;
}

let numbers = 0;
/** A patient with a mobile number of their own, written as people do (spaces). */
async function patientWithPhone(): Promise<{ patient: Account<Patient>; phone: string; e164: string }> {
  numbers += 1;
  const digits = `15${String(10_000_000 + numbers * 7919 + Math.floor(Math.random() * 1000)).slice(0, 8)}`;
  const phone = `+49 ${digits.slice(0, 3)} ${digits.slice(3)}`;
  const patient = await factory.patient({ phone });
  return { patient, phone, e164: `+49${digits}` };
}

/** Confirms the patient's phone with the code the gateway got. */
async function confirmed(): Promise<{ patient: Account<Patient>; e164: string }> {
  const { patient, e164 } = await patientWithPhone();
  expectData(await gql(app, START, { token: patient.token }));
  const code = codeOf(await textTo(e164));
  expectData(await gql(app, CONFIRM, { token: patient.token, variables: { code } }));
  return { patient, e164 };
}

/** Runs the 24-hour reminder of a new appointment of `patient` (as its job would), in 24 hours. */
let reminded = 0;
async function remind(patient: Account<Patient>): Promise<string> {
  reminded += 1;
  const startsAt = new Date(Math.ceil((Date.now() + 24 * 3_600_000) / 1_800_000) * 1_800_000 + reminded * 3_600_000);
  const appointment = await factory.appointment(patient.profile, doctor.profile, {
    status: AppointmentStatus.CONFIRMED,
    startsAt,
    reason: REASON,
  });
  await handleAppointmentReminder(
    { orm: app.orm, transport: new LogTransport(pino({ level: 'silent' })), logger: pino({ level: 'silent' }) },
    { appointmentId: appointment.id, lead: '24h', startsAt: startsAt.toISOString() },
  );
  return appointment.id;
}

describe('text-message reminders', () => {
  it('confirms the phone with a texted code, then texts the day-before reminder saying only when', async () => {
    const { patient, phone, e164 } = await patientWithPhone();
    const expires = expectData(await gql<{ startPhoneConfirmation: string }>(app, START, { token: patient.token }));
    const minutes = (Date.parse(expires.startPhoneConfirmation) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    const text = await textTo(e164);
    // Twilio's Messages API: the account's path, Basic credentials from the URL, the form.
    expect(text).toMatchObject({
      path: '/2010-04-01/Accounts/AC42/Messages.json',
      authorization: `Basic ${Buffer.from('AC42:gateway-token').toString('base64')}`,
      from: 'CityClinic',
    });
    expect(text.body).toMatch(/^\d{6} is your code to receive appointment reminders on this phone\./);
    const code = codeOf(text);

    const wrong = expectGraphQLError(
      await gql(app, CONFIRM, { token: patient.token, variables: { code: code === '000000' ? '111111' : '000000' } }),
      'BAD_USER_INPUT',
    );
    expect(wrong.extensions.fields).toEqual([{ field: 'code', message: 'is not the code we sent (4 tries left)' }]);
    const done = expectData(
      await gql<{ confirmPhone: { phone: string; phoneConfirmed: boolean; smsReminders: boolean } }>(app, CONFIRM, {
        token: patient.token,
        variables: { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` },
      }),
    ).confirmPhone;
    expect(done).toEqual(expect.objectContaining({ phone, phoneConfirmed: true, smsReminders: true }));

    await remind(patient);
    const reminder = await textTo(e164, 2);
    expect(reminder.body).toMatch(
      /^Reminder: you have an appointment on \w+ \d{1,2} \w+ \d{4}, \d{2}:\d{2} \(Europe\/Berlin\)\. Details, or to cancel: your patient portal\.$/,
    );
    for (const private_ of ['Witting', REASON, 'chest', patient.profile.lastName]) {
      expect(reminder.body).not.toContain(private_);
    }
    // The log names the kinds and masked numbers only: never the number, the code or the text.
    const log = logLines.join('\n');
    expect(log).not.toContain(e164);
    expect(log).not.toContain(code);
    expect(log).not.toContain('Reminder:');
    const audit = await database.query<{ action: string }>(
      `select action from audit_event where entity_type = 'Patient' and entity_id = $1 order by at`,
      [patient.profile.id],
    );
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['PHONE_CODE_SENT', 'PHONE_CODE_FAILED', 'PHONE_CONFIRMED']),
    );
  });

  it('sends no text to a number that changed since it was confirmed, after the patient turned them off, or to a deactivated account', async () => {
    const changed = await confirmed();
    expectData(
      await gql(
        app,
        'mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { id } }',
        {
          token: changed.patient.token,
          variables: { id: changed.patient.profile.id, input: { phone: '+44 7700 900123' } },
        },
      ),
    );
    const state = expectData(
      await gql<{ me: { patient: { phoneConfirmed: boolean; smsReminders: boolean } } }>(
        app,
        '{ me { patient { phoneConfirmed smsReminders } } }',
        { token: changed.patient.token },
      ),
    ).me.patient;
    expect(state).toEqual({ phoneConfirmed: false, smsReminders: false });
    const refused = expectGraphQLError(
      await gql(app, SET, { token: changed.patient.token, variables: { on: true } }),
      'BAD_USER_INPUT',
    );
    expect(refused.extensions.fields?.[0]?.field).toBe('enabled');

    const off = await confirmed();
    expect(
      expectData(
        await gql<{ setSmsReminders: { smsReminders: boolean } }>(app, SET, {
          token: off.patient.token,
          variables: { on: false },
        }),
      ).setSmsReminders.smsReminders,
    ).toBe(false);

    // An account deactivated since is sent nothing either.
    const gone = await confirmed();
    await database.query('update app_user set active = false where id = $1', [gone.patient.user.id]);

    // A patient who still wants them, reminded last: once theirs arrives, the others' would have.
    const still = await confirmed();
    await remind(changed.patient);
    await remind(off.patient);
    await remind(gone.patient);
    await remind(still.patient);
    await textTo(still.e164, 2);
    expect(received.filter((r) => r.to === '+447700900123')).toEqual([]);
    expect(received.filter((r) => r.to === off.e164)).toHaveLength(1); // the code only
    expect(received.filter((r) => r.to === gone.e164)).toHaveLength(1);
  });

  it('texts a cancellation or a move the clinic made, never one the patient made themself', async () => {
    const { patient, e164 } = await confirmed();
    const at = (days: number, hour: number) => {
      const day = new Date(Date.now() + days * 86_400_000);
      day.setUTCHours(hour, 0, 0, 0);
      return day;
    };
    const visit = (startsAt: Date) =>
      factory.appointment(patient.profile, doctor.profile, {
        status: AppointmentStatus.CONFIRMED,
        startsAt,
        reason: REASON,
      });
    const admin = await factory.admin();
    const CANCEL = 'mutation ($id: ID!) { cancelAppointment(id: $id, reason: "Doctor unwell") { id status } }';
    const MOVE =
      'mutation ($id: ID!, $at: DateTime!) { rescheduleAppointment(id: $id, startsAt: $at) { id startsAt } }';

    const byClinic = await visit(at(5, 9));
    expectData(await gql(app, CANCEL, { token: admin.token, variables: { id: byClinic.id } }));
    const cancelled = await textTo(e164, 2);
    expect(cancelled.body).toMatch(
      /^Your appointment on \w+ \d{1,2} \w+ \d{4}, \d{2}:\d{2} \(Europe\/Berlin\) was cancelled\. Details, or to book another time: your patient portal\.$/,
    );
    expect(cancelled.body).not.toContain('unwell');

    const moved = await visit(at(6, 9));
    expectData(await gql(app, MOVE, { token: admin.token, variables: { id: moved.id, at: at(6, 11).toISOString() } }));
    const text = await textTo(e164, 3);
    expect(text.body).toMatch(/^Your appointment has moved to \w+ \d{1,2} \w+ \d{4}, \d{2}:\d{2} \(Europe\/Berlin\)\./);
    for (const private_ of ['Witting', REASON, 'chest']) {
      expect(text.body).not.toContain(private_);
    }

    // The patient's own cancellation and move: nothing texted (a reminder of another patient marks the end).
    const own = await visit(at(7, 9));
    expectData(await gql(app, CANCEL, { token: patient.token, variables: { id: own.id } }));
    const ownMove = await visit(at(8, 9));
    expectData(
      await gql(app, MOVE, { token: patient.token, variables: { id: ownMove.id, at: at(8, 11).toISOString() } }),
    );
    const marker = await confirmed();
    await remind(marker.patient);
    await textTo(marker.e164, 2);
    expect(received.filter((r) => r.to === e164)).toHaveLength(3);
  });

  it('refuses a number not in international form, throttles codes, and spends a code after five wrong tries', async () => {
    const local = await factory.patient({ phone: '0151 2345678' });
    const notInternational = expectGraphQLError(await gql(app, START, { token: local.token }), 'BAD_USER_INPUT');
    expect(notInternational.extensions.fields?.[0]?.field).toBe('phone');

    const { patient, e164 } = await patientWithPhone();
    expectData(await gql(app, START, { token: patient.token }));
    const again = expectGraphQLError(await gql(app, START, { token: patient.token }), 'TOO_MANY_REQUESTS');
    expect(again.extensions['retryAfterSeconds']).toBeGreaterThan(0);
    expect(again.extensions['retryAfterSeconds']).toBeLessThanOrEqual(60);
    const code = codeOf(await textTo(e164));
    const wrongCode = code === '123456' ? '654321' : '123456';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectGraphQLError(
        await gql(app, CONFIRM, { token: patient.token, variables: { code: wrongCode } }),
        'BAD_USER_INPUT',
      );
    }
    const spent = expectGraphQLError(
      await gql(app, CONFIRM, { token: patient.token, variables: { code } }),
      'BAD_USER_INPUT',
    );
    expect(spent.extensions.fields).toEqual([
      { field: 'code', message: 'has expired or was not asked for; ask for a new code' },
    ]);
    // Doctors and administrators have no phone to confirm here.
    expectGraphQLError(await gql(app, START, { token: doctor.token }), 'FORBIDDEN');
  });

  it('turns texts off when the gateway says the patient replied STOP, without retrying', async () => {
    const { patient, e164 } = await confirmed();
    optedOut.add(e164);
    const appointmentId = await remind(patient);
    await expect.poll(() => refusedOptedOut.filter((to) => to === e164).length, { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => {
        const answer = await gql<{ me: { patient: { smsReminders: boolean } } }>(
          app,
          '{ me { patient { smsReminders } } }',
          { token: patient.token },
        );
        return answer.data?.me.patient.smsReminders;
      })
      .toBe(false);
    // Not retried: the job ended (a refused one would wait in the queue for its next attempt).
    await expect
      .poll(async () =>
        database.query(`select attempts from graphile_worker.jobs where key = $1`, [`reminder-sms:${appointmentId}`]),
      )
      .toEqual([]);
    expect(refusedOptedOut.filter((to) => to === e164)).toHaveLength(1);
    expect(logLines.join('\n')).not.toContain(e164);
  });

  it('retries a text the gateway refused, and sends it once it answers', async () => {
    const { patient, e164 } = await patientWithPhone();
    failNext = 1;
    expectData(await gql(app, START, { token: patient.token }));
    const text = await textTo(e164);
    expect(text.body).toMatch(/^\d{6} is your code/);
    expect(failNext).toBe(0);
    expect(logLines.join('\n')).not.toContain(e164);
  });
  it('turns texts off at once when the patient texts STOP to the clinic’s number, and on with START, only from the gateway', async () => {
    const { patient, e164 } = await confirmed();
    expectData(await gql(app, SET, { token: patient.token, variables: { on: true } }));
    const wanted = async () =>
      (
        await database.query<{ wanted: boolean }>('select sms_reminders_wanted as wanted from patient where id = $1', [
          patient.profile.id,
        ])
      )[0]!.wanted;
    /** A reply as Twilio posts it, signed with `token` (the gateway's, unless said otherwise). */
    const reply = (body: string, token: string | null = 'gateway-token') => {
      const fields = { MessageSid: 'SM42', AccountSid: 'AC42', From: e164, To: '+15005550006', Body: body };
      return fetch(`${app.url}/sms/inbound`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(token ? { 'x-twilio-signature': twilioSignature(token, `${INBOUND_ORIGIN}/sms/inbound`, fields) } : {}),
        },
        body: new URLSearchParams(fields),
      });
    };

    // Unsigned, or signed with another token: refused, and nothing changes.
    expect((await reply('STOP', null)).status).toBe(403);
    expect((await reply('STOP', 'someone-elses-token')).status).toBe(403);
    expect(await wanted()).toBe(true);

    const stopped = await reply('Stop');
    expect(stopped.status).toBe(200);
    expect(stopped.headers.get('content-type')).toContain('text/xml');
    expect(await stopped.text()).toContain('<Response></Response>');
    expect(await wanted()).toBe(false);
    const before = received.length;
    await remind(patient);
    expect(received.slice(before).filter((text) => text.to === e164)).toEqual([]);

    // Any other text changes nothing and is not kept.
    expect((await reply('Can I come at 3 instead?')).status).toBe(200);
    expect(await wanted()).toBe(false);

    expect((await reply('START')).status).toBe(200);
    expect(await wanted()).toBe(true);
    const audit = await database.query<{ action: string; actor_id: string | null; reason: string }>(
      `select action, actor_id, reason from audit_event
        where entity_type = 'Patient' and entity_id = $1 and action like 'SMS_REMINDERS_%' order by at`,
      [patient.profile.id],
    );
    expect(audit).toEqual([
      { action: 'SMS_REMINDERS_OFF', actor_id: null, reason: "Texted STOP to the clinic's number" },
      { action: 'SMS_REMINDERS_ON', actor_id: null, reason: "Texted START to the clinic's number" },
    ]);
    // The log names the patient, never the number or the text.
    const logged = logLines.filter((line) => line.includes('text message reply applied')).join('\n');
    expect(logged).toContain(patient.profile.id);
    expect(logged).not.toContain(e164.slice(3));
    expect(logged).not.toContain('Can I come');
  });
});
