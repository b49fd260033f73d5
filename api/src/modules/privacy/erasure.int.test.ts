import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, jobsSettled, type TestDatabase } from '../../../test/database.js';
import { Factory, TEST_PASSWORD, nextLocal, pastHalfHour, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements } from '../../../test/graphql.js';
import { consentTo, createPartner, partnerToken } from '../../../test/partners.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Patient } from '../patients/patient.entity.js';

const REQUEST = `mutation ($reason: String) { requestErasure(reason: $reason) { id status reason dueAt createdAt patientId } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawErasureRequest(id: $id) { id status decidedAt } }`;
const DECIDE = `mutation ($id: ID!, $input: DecideErasureRequestInput!) {
  decideErasureRequest(id: $id, input: $input) { id status answer decidedAt
    outcome { appointmentsCancelled waitlistPlacesLeft consentsWithdrawn repeatRequestsWithdrawn } } }`;
const LIST = `query ($status: [ErasureRequestStatus!]) { erasureRequests(status: $status, first: 50) {
  totalCount edges { node { id status reason dueAt answer patient { id firstName lastName } } } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;

interface RequestView {
  id: string;
  status: string;
  reason: string | null;
  dueAt: string;
  createdAt: string;
  patientId: string;
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
let smtp: TestSmtpServer;
let admin: Account<null>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url }, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
  admin = await factory.admin();
});

async function ask(patient: Account<Patient>, reason?: string): Promise<RequestView> {
  return expectData(
    await gql<{ requestErasure: RequestView }>(app, REQUEST, { token: patient.token, variables: { reason } }),
  ).requestErasure;
}

function decide(id: string, input: { carryOut: boolean; answer?: string }, token = admin.token) {
  return gql<{
    decideErasureRequest: {
      status: string;
      answer: string | null;
      outcome: Record<string, number> | null;
    };
  }>(app, DECIDE, { token, variables: { id, input } });
}

const notificationsOf = (userId: string) =>
  database.query<{ kind: string; body: string }>(
    'select kind, body from notification where user_id = $1 order by created_at',
    [userId],
  );

const auditOf = (entityId: string) =>
  database.query<{ action: string; actor_id: string; patient_id: string }>(
    `select action, actor_id, patient_id from audit_entry where entity_id = $1 and entity_type = 'ErasureRequest' order by at`,
    [entityId],
  );

/** A 30-minute waitlist window a few days ahead for `doctorId` (a fresh doctor: free, so offered at once). */
let windows = 0;
function waitlistWindow(doctorId: string) {
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 3 + ++windows, 10));
  return { doctorId, from: from.toISOString(), to: new Date(from.getTime() + 1_800_000).toISOString() };
}

describe('asking for erasure', () => {
  it('is one open request per patient, told to the administrators (the e-mail names no one), and can be withdrawn', async () => {
    const patient = await factory.patient({ firstName: 'Grace', lastName: 'Erasmus' });
    const before = Date.now();
    const asked = await ask(patient, 'I am moving abroad');
    expect(asked).toMatchObject({ status: 'REQUESTED', reason: 'I am moving abroad', patientId: patient.profile.id });
    // Answered within a month.
    const due = Date.parse(asked.dueAt) - Date.parse(asked.createdAt);
    expect(due).toBe(30 * 86_400_000);
    expect(Date.parse(asked.createdAt)).toBeGreaterThanOrEqual(before - 1000);

    const again = expectGraphQLError(await gql(app, REQUEST, { token: patient.token, variables: {} }), 'CONFLICT');
    expect(again.extensions['reason']).toBe('ERASURE_ALREADY_REQUESTED');

    // Administrators: in-app, naming the patient and the due date; by e-mail, naming no one.
    const told = await notificationsOf(admin.user.id);
    expect(told).toContainEqual({
      kind: 'ERASURE_REQUESTED',
      body: expect.stringContaining(`Grace Erasmus asked to close their account`) as string,
    });
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(admin.user.email));
    expect(mailText(mail)).toContain('A patient asked to close their account');
    expect(mailText(mail)).not.toContain('Erasmus');
    expect(mailText(mail)).not.toContain('abroad');

    // The patient sees their own; another patient sees none of it; the administrator sees it with the patient.
    const own = expectData(await gql<{ erasureRequests: { totalCount: number } }>(app, LIST, { token: patient.token }));
    expect(own.erasureRequests.totalCount).toBe(1);
    const stranger = await factory.patient();
    const theirs = expectData(
      await gql<{ erasureRequests: { totalCount: number } }>(app, LIST, { token: stranger.token }),
    );
    expect(theirs.erasureRequests.totalCount).toBe(0);
    expectGraphQLError(await gql(app, WITHDRAW, { token: stranger.token, variables: { id: asked.id } }), 'NOT_FOUND');
    const listed = expectData(
      await gql<{ erasureRequests: { edges: { node: { id: string; patient: { lastName: string } } }[] } }>(app, LIST, {
        token: admin.token,
        variables: { status: ['REQUESTED'] },
      }),
    );
    expect(listed.erasureRequests.edges.map(({ node }) => node)).toContainEqual(
      expect.objectContaining({ id: asked.id, patient: expect.objectContaining({ lastName: 'Erasmus' }) as object }),
    );

    const withdrawn = expectData(
      await gql<{ withdrawErasureRequest: { status: string; decidedAt: string } }>(app, WITHDRAW, {
        token: patient.token,
        variables: { id: asked.id },
      }),
    ).withdrawErasureRequest;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.decidedAt).toBeTruthy();
    const late = expectGraphQLError(await decide(asked.id, { carryOut: true }), 'CONFLICT');
    expect(late.extensions['reason']).toBe('ERASURE_ALREADY_ANSWERED');
    // Withdrawn, the patient may ask again.
    expect((await ask(patient)).status).toBe('REQUESTED');
    expect((await auditOf(asked.id)).map((row) => row.action)).toEqual(['ERASURE_REQUESTED', 'ERASURE_WITHDRAWN']);
  });

  it('refuses a reason too long, and a refusal without its legal ground', async () => {
    const patient = await factory.patient();
    const long = expectGraphQLError(
      await gql(app, REQUEST, { token: patient.token, variables: { reason: 'x'.repeat(1001) } }),
      'BAD_USER_INPUT',
    );
    expect(long.extensions['fields']).toEqual([{ field: 'reason', message: 'must be at most 1000 characters' }]);
    const asked = await ask(patient);
    for (const answer of [undefined, '   ', 'Because']) {
      const refused = expectGraphQLError(await decide(asked.id, { carryOut: false, answer }), 'BAD_USER_INPUT');
      expect((refused.extensions['fields'] as { field: string }[]).map((problem) => problem.field)).toEqual([
        'input.answer',
      ]);
    }
    expectGraphQLError(await decide(asked.id, { carryOut: true }, patient.token), 'FORBIDDEN');
    const [{ status }] = (await database.query<{ status: string }>('select status from erasure_request where id = $1', [
      asked.id,
    ])) as [{ status: string }];
    expect(status).toBe('REQUESTED');
  });
});

describe('the due date', () => {
  /** The request's reminder job: when it runs. */
  const reminderOf = async (requestId: string) =>
    (
      await database.query<{ id: string; run_at: Date }>(
        `select id::text, run_at from graphile_worker._private_jobs where key = 'erasure-due:' || $1`,
        [requestId],
      )
    )[0];
  /** Runs the reminder now, as three days before the due date would, and waits for it to finish. */
  const remindNow = async (requestId: string) => {
    const [ran] = await database.query<{ id: string }>(
      `update graphile_worker._private_jobs set run_at = now() where key = 'erasure-due:' || $1 returning id::text`,
      [requestId],
    );
    expect(ran).toBeDefined();
    await expect
      .poll(async () => (await reminderOf(requestId))?.id !== ran!.id, { timeout: 10_000, interval: 50 })
      .toBe(true);
  };
  const remindersNaming = async (lastName: string) =>
    (await notificationsOf(admin.user.id)).filter(
      (row) => row.kind === 'ERASURE_REQUESTED' && row.body.includes(`${lastName}’s request`),
    );

  it('brings a request still unanswered up to the administrators three days before it is due, not one answered', async () => {
    const waiting = await factory.patient({ lastName: 'Waiting' });
    const asked = await ask(waiting);
    const job = await reminderOf(asked.id);
    expect(job!.run_at.getTime()).toBe(Date.parse(asked.dueAt) - 3 * 86_400_000);
    await remindNow(asked.id);
    const reminded = await remindersNaming('Waiting');
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.body).toContain('still unanswered and due by');
    const mail = await smtp.waitFor(
      (candidate) => candidate.to.includes(admin.user.email) && mailText(candidate).includes('due for an answer'),
    );
    expect(mailText(mail)).not.toContain('Waiting');

    const answered = await factory.patient({ lastName: 'Answered' });
    const refused = await ask(answered);
    expectData(
      await decide(refused.id, { carryOut: false, answer: 'Your treatment this month is still being billed.' }),
    );
    await remindNow(refused.id);
    expect(await remindersNaming('Answered')).toEqual([]);
  });
});

describe('answering an erasure request', () => {
  it('refused: the patient reads the ground in the portal, is told in-app and by an e-mail that does not quote it', async () => {
    const patient = await factory.patient();
    const asked = await ask(patient);
    const ground = 'An insurance claim for your treatment is still being settled (GDPR Art. 17(3)(e)).';
    const refused = expectData(await decide(asked.id, { carryOut: false, answer: ground })).decideErasureRequest;
    expect(refused).toMatchObject({ status: 'REFUSED', answer: ground, outcome: null });
    const own = expectData(
      await gql<{ erasureRequests: { edges: { node: { status: string; answer: string } }[] } }>(app, LIST, {
        token: patient.token,
      }),
    );
    expect(own.erasureRequests.edges[0]!.node).toMatchObject({ status: 'REFUSED', answer: ground });
    expect((await notificationsOf(patient.user.id)).map((row) => row.kind)).toEqual(['ERASURE_REFUSED']);
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(patient.user.email));
    expect(mailText(mail)).toContain('Sign in to read the answer');
    expect(mailText(mail)).not.toContain('insurance claim');
    // The account stays open.
    expectData(await gql(app, '{ me { id } }', { token: patient.token }));
    expect((await auditOf(asked.id)).map((row) => [row.action, row.actor_id])).toEqual([
      ['ERASURE_REQUESTED', patient.user.id],
      ['ERASURE_REFUSED', admin.user.id],
    ]);
  });

  it('carried out: ends every hold on the patient and closes the account in one go, keeping the medical record', async () => {
    const patient = await factory.patient({ lastName: 'Closing' });
    await database.query(
      `update patient set phone = '+49 151 1234567', phone_confirmed_number = '+49 151 1234567', sms_reminders_wanted = true,
              emergency_contacts = '[{"name":"Bob Closing","relationship":"brother","phone":"+49 151 7654321"}]' where id = $1`,
      [patient.profile.id],
    );
    const doctor = await factory.doctor();
    const upcoming = await factory.appointment(patient.profile, doctor.profile);
    const requested = await factory.appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.REQUESTED,
    });
    const past = await factory.appointment(patient.profile, doctor.profile, {
      status: AppointmentStatus.COMPLETED,
      startsAt: pastHalfHour(),
    });
    const record = await factory.record(patient.profile, doctor.profile, past);
    const prescription = await factory.prescription(patient.profile, doctor.profile, past);
    expectData(
      await gql(app, 'mutation ($id: ID!) { requestRepeatPrescription(prescriptionId: $id) { id } }', {
        token: patient.token,
        variables: { id: prescription.id },
      }),
    );
    // A free slot offered to the patient at once, and a second patient waiting behind them for it.
    const waitlistDoctor = await factory.doctor();
    const window = waitlistWindow(waitlistDoctor.profile.id);
    const join = async (who: Account<Patient>) =>
      expectData(
        await gql<{ joinWaitlist: { id: string; status: string } }>(
          app,
          'mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id status } }',
          { token: who.token, variables: { input: window } },
        ),
      ).joinWaitlist;
    const place = await join(patient);
    expect(place.status).toBe('OFFERED');
    const next = await join(await factory.patient());
    expect(next.status).toBe('WAITING');
    const partner = await createPartner(app, admin.token, ['patients:read']);
    await consentTo(app, patient.token, partner);
    const partnerAccess = await partnerToken(app, partner);
    const PARTNER_READ = `query ($id: ID!) { patient(id: $id) { id lastName } }`;
    expectData(await gql(app, PARTNER_READ, { token: partnerAccess, variables: { id: patient.profile.id } }));

    const asked = await ask(patient);
    // The waitlist's offer is in the patient's inbox.
    expect((await notificationsOf(patient.user.id)).map((row) => row.kind)).toContain('WAITLIST_OFFER');
    const done = expectData(await decide(asked.id, { carryOut: true })).decideErasureRequest;
    expect(done).toMatchObject({
      status: 'CARRIED_OUT',
      outcome: { appointmentsCancelled: 2, waitlistPlacesLeft: 1, consentsWithdrawn: 1, repeatRequestsWithdrawn: 1 },
    });

    // Signed out for good: the live token stops, the password no longer works.
    expectGraphQLError(await gql(app, '{ me { id } }', { token: patient.token }), 'UNAUTHENTICATED');
    const login = await gql(app, LOGIN, { variables: { email: patient.user.email, password: TEST_PASSWORD } });
    expect(login.errors?.[0]?.extensions['code']).toBeDefined();
    const [account] = await database.query<{ active: boolean; password_hash: string }>(
      'select active, password_hash from app_user where id = $1',
      [patient.user.id],
    );
    expect(account).toMatchObject({ active: false });
    expect(account!.password_hash).not.toMatch(/^\$2[aby]\$/);

    // Contact details erased; name and date of birth kept with the record.
    const [profile] = await database.query<Record<string, unknown>>(
      `select phone, phone_confirmed_number, sms_reminders_wanted, emergency_contacts, last_name, date_of_birth::text
         from patient where id = $1`,
      [patient.profile.id],
    );
    expect(profile).toEqual({
      phone: null,
      phone_confirmed_number: null,
      sms_reminders_wanted: false,
      emergency_contacts: [],
      last_name: 'Closing',
      date_of_birth: '1980-04-12',
    });

    // Upcoming visits cancelled with the reason, the doctor told; the past one as it was.
    const visits = await database.query<{ id: string; status: string; cancellation_reason: string | null }>(
      'select id, status, cancellation_reason from appointment where patient_id = $1',
      [patient.profile.id],
    );
    expect(Object.fromEntries(visits.map((visit) => [visit.id, [visit.status, visit.cancellation_reason]]))).toEqual({
      [upcoming.id]: ['CANCELLED', 'The patient closed their account'],
      [requested.id]: ['CANCELLED', 'The patient closed their account'],
      [past.id]: ['COMPLETED', null],
    });
    expect((await notificationsOf(doctor.user.id)).filter((row) => row.kind === 'APPOINTMENT_CANCELLED')).toHaveLength(
      2,
    );

    // The waitlist place left and its offer's held slot let go.
    const [left] = await database.query<{ status: string; released: boolean }>(
      `select e.status, h.released_at is not null as released
         from waitlist_entry e left join slot_hold h on h.id = e.offer_hold_id where e.id = $1`,
      [place.id],
    );
    expect(left).toEqual({ status: 'CANCELLED', released: true });
    // …and offered to the next in line in the same transaction.
    const [after] = await database.query<{ status: string }>('select status from waitlist_entry where id = $1', [
      next.id,
    ]);
    expect(after!.status).toBe('OFFERED');
    const [holds] = await database.query<{ n: number }>(
      'select count(*)::int as n from slot_hold where patient_id = $1 and released_at is null and expires_at > now()',
      [patient.profile.id],
    );
    expect(holds!.n).toBe(0);

    // No partner sees the patient any more; the repeat request is off the doctor's list.
    expectGraphQLError(
      await gql(app, PARTNER_READ, { token: partnerAccess, variables: { id: patient.profile.id } }),
      'FORBIDDEN',
    );
    const [repeat] = await database.query<{ status: string }>(
      'select status from repeat_request where patient_id = $1',
      [patient.profile.id],
    );
    expect(repeat!.status).toBe('WITHDRAWN');

    // The medical record stays, and the doctor caring for the patient still reads it.
    const kept = expectData(
      await gql<{ medicalRecord: { id: string } }>(app, 'query ($id: ID!) { medicalRecord(id: $id) { id } }', {
        token: doctor.token,
        variables: { id: record.id },
      }),
    );
    expect(kept.medicalRecord.id).toBe(record.id);

    // The closed account's last e-mail: says what happened, names nothing medical, no sign-in link.
    const mail = await smtp.waitFor(
      (candidate) => candidate.to.includes(patient.user.email) && mailText(candidate).includes('account is closed'),
    );
    const text = mailText(mail);
    expect(text).toContain('Your medical record and bills are kept');
    expect(text).not.toContain('/login');
    expect(text).not.toContain('Bob');

    // The closed account's inbox is emptied once the closing committed (its own notices included).
    await jobsSettled(database, 'erase-inbox');
    expect(await notificationsOf(patient.user.id)).toEqual([]);

    const trail = await database.query<{ action: string }>(
      `select action from audit_entry where patient_id = $1 and actor_id = $2 and action <> 'READ' order by at, action`,
      [patient.profile.id, admin.user.id],
    );
    expect(trail.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'CANCELLED',
        'LEAVE_WAITLIST',
        'REVOKE_CONSENT',
        'WITHDRAW',
        'DEACTIVATE',
        'ERASURE_CARRIED_OUT',
      ]),
    );
  });

  it('is all or nothing: a failure part way through leaves the patient as they were', async () => {
    const patient = await factory.patient();
    const doctor = await factory.doctor();
    const visit = await factory.appointment(patient.profile, doctor.profile);
    const partner = await createPartner(app, admin.token, ['patients:read'], 'Failing Labs');
    await consentTo(app, patient.token, partner);
    const asked = await ask(patient);
    // The consents' step fails for this patient only (after the visits were cancelled).
    await database.query(`
      create function refuse_consent_change() returns trigger language plpgsql as $$
      begin
        if new.patient_id = '${patient.profile.id}' then raise exception 'consents are read-only today'; end if;
        return new;
      end $$;
      create trigger refuse_consent_change before update on consent for each row execute function refuse_consent_change();`);
    try {
      expectGraphQLError(await decide(asked.id, { carryOut: true }), 'INTERNAL_SERVER_ERROR');
    } finally {
      await database.query('drop trigger refuse_consent_change on consent; drop function refuse_consent_change();');
    }
    const [state] = await database.query<Record<string, unknown>>(
      `select r.status as request, a.status as visit, u.active,
              (select count(*)::int from consent c where c.patient_id = $1 and c.revoked_at is null) as consents
         from erasure_request r, appointment a, app_user u
        where r.id = $2 and a.id = $3 and u.id = $4`,
      [patient.profile.id, asked.id, visit.id, patient.user.id],
    );
    expect(state).toEqual({ request: 'REQUESTED', visit: 'CONFIRMED', active: true, consents: 1 });
    expectData(await gql(app, '{ me { id } }', { token: patient.token }));
    // Tried again without the fault, it goes through.
    expect(expectData(await decide(asked.id, { carryOut: true })).decideErasureRequest.status).toBe('CARRIED_OUT');
  });

  it('lists requests with their patients in the same statements for 1 request and for 4 (no N+1)', async () => {
    const count = async () => {
      // The administrators' e-mails of the new requests run as jobs on this process: done first.
      await jobsSettled(database, 'send-notice');
      statements.length = 0;
      const data = expectData(
        await gql<{ erasureRequests: { edges: { node: { patient: { lastName: string } } }[] } }>(app, LIST, {
          token: admin.token,
          variables: { status: ['REQUESTED'] },
        }),
      );
      expect(data.erasureRequests.edges.every(({ node }) => node.patient.lastName)).toBe(true);
      return requestStatements(statements).length;
    };
    await ask(await factory.patient());
    const few = await count();
    for (let n = 0; n < 3; n += 1) {
      await ask(await factory.patient());
    }
    const many = await count();
    expect(many, statements.join('\n')).toBe(few);
    expect(many, statements.join('\n')).toBe(2);
  });
});

describe('changes racing the closing of an account', () => {
  const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
  const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    startTime: '09:00',
    endTime: '12:00',
    slotMinutes: 30,
  }));

  /** Waits until `count` statements of this database wait for a lock (those `matching` only). */
  async function lockWaiters(count: number, matching = '.'): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const [waiting] = await database.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ~ $1`,
        [matching],
      );
      if (waiting!.n >= count) {
        return;
      }
      expect(attempt, `${waiting!.n} of ${count} statements came to wait`).toBeLessThan(400);
      await sleep(25);
    }
  }

  it('a booking, a held slot, a waitlist place, a consent and a repeat request that come while it closes wait for it, then are refused', async () => {
    const patient = await factory.patient();
    const [doctor, waitlistDoctor] = await Promise.all([
      factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS),
      factory.doctor(),
    ]);
    const partner = await createPartner(app, admin.token, ['patients:read'], 'Late Labs');
    const prescription = await factory.prescription(patient.profile, doctor.profile);
    // The closing under way, here by hand: the patient's row locked first (as decideErasureRequest
    // does), then the account closed.
    const closing = new pg.Client({ connectionString: database.url });
    await closing.connect();
    try {
      await closing.query('begin');
      await closing.query('select 1 from patient where id = $1 for update', [patient.profile.id]);
      const booked = gql(app, BOOK, {
        token: admin.token,
        variables: {
          input: { doctorId: doctor.profile.id, patientId: patient.profile.id, startsAt: nextLocal(1, '10:00') },
        },
      });
      const joined = gql(app, 'mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id } }', {
        token: patient.token,
        variables: { input: waitlistWindow(waitlistDoctor.profile.id) },
      });
      const consented = gql(
        app,
        'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }',
        { token: patient.token, variables: { id: partner.id } },
      );
      const held = gql(app, 'mutation ($d: ID!, $s: DateTime!) { holdSlot(doctorId: $d, startsAt: $s) { id } }', {
        token: patient.token,
        variables: { d: doctor.profile.id, s: nextLocal(1, '11:00') },
      });
      const repeated = gql(app, 'mutation ($id: ID!) { requestRepeatPrescription(prescriptionId: $id) { id } }', {
        token: patient.token,
        variables: { id: prescription.id },
      });
      await lockWaiters(5);
      await closing.query('update app_user set active = false where id = $1', [patient.user.id]);
      await closing.query('commit');
      const refusedBooking = expectGraphQLError(await booked, 'BAD_USER_INPUT');
      expect(refusedBooking.extensions['fields']).toEqual([
        expect.objectContaining({ field: 'input.patientId', message: 'is not an active patient' }),
      ]);
      expectGraphQLError(await joined, 'UNAUTHENTICATED');
      expectGraphQLError(await consented, 'UNAUTHENTICATED');
      expectGraphQLError(await held, 'UNAUTHENTICATED');
      expectGraphQLError(await repeated, 'UNAUTHENTICATED');
    } finally {
      await closing.end();
    }
    const [left] = await database.query<Record<string, number>>(
      `select (select count(*)::int from appointment where patient_id = $1) as appointments,
              (select count(*)::int from waitlist_entry where patient_id = $1) as places,
              (select count(*)::int from consent where patient_id = $1) as consents,
              (select count(*)::int from slot_hold where patient_id = $1) as holds,
              (select count(*)::int from repeat_request where patient_id = $1) as repeats`,
      [patient.profile.id],
    );
    expect(left).toEqual({ appointments: 0, places: 0, consents: 0, holds: 0, repeats: 0 });
  });

  it('a booking that held the patient first commits before the erasure goes on, which then cancels it', async () => {
    const patient = await factory.patient();
    const doctor = await factory.doctor({ timezone: 'Europe/Berlin' }, WEEKDAYS);
    const asked = await ask(patient);
    // The booking is held inside its commit: the doctor's notice refers to the doctor's account,
    // whose row is locked here (the patient's rows the booking holds from its first statement on).
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    let decided: ReturnType<typeof decide>;
    let booked: ReturnType<typeof gql<{ bookAppointment: { id: string } }>>;
    try {
      await holder.query('begin');
      await holder.query('select 1 from app_user where id = $1 for update', [doctor.user.id]);
      booked = gql<{ bookAppointment: { id: string } }>(app, BOOK, {
        token: admin.token,
        variables: {
          input: { doctorId: doctor.profile.id, patientId: patient.profile.id, startsAt: nextLocal(2, '10:00') },
        },
      });
      // Its message with the COMMIT starts with its writes' prepared statement.
      await lockWaiters(1, '^(prepare|execute) "sql-');
      decided = decide(asked.id, { carryOut: true });
      await lockWaiters(2);
    } finally {
      await holder.query('commit');
      await holder.end();
    }
    const appointment = expectData(await booked).bookAppointment;
    expect(expectData(await decided).decideErasureRequest.outcome).toMatchObject({ appointmentsCancelled: 1 });
    const [visit] = await database.query<{ status: string }>('select status from appointment where id = $1', [
      appointment.id,
    ]);
    expect(visit!.status).toBe('CANCELLED');
  });
});
