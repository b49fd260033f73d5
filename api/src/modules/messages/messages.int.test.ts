import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, jobsSettled, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql, requestStatements, sessionRemembered } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import { subscribe, wsClient } from '../../../test/ws.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const START = `mutation ($input: StartThreadInput!) {
  startThread(input: $input) { id subject unreadCount readOnly patient { id } doctor { id } } }`;
const SEND = `mutation ($t: ID!, $b: String!) { sendMessage(threadId: $t, body: $b) { id body sentAt readAt mine sender { id role } } }`;
const THREAD = `query ($id: ID!) { messageThread(id: $id) { id subject unreadCount readOnly
  messages(first: 10) { totalCount edges { node { id body readAt mine sender { id email } } } } } }`;
const THREADS = `{ messageThreads(first: 10) { totalCount edges { node { id subject unreadCount } } } }`;
const MARK_READ = `mutation ($t: ID!) { markThreadRead(threadId: $t) { id unreadCount } }`;
const UNREAD = `{ unreadMessageCount }`;
const LIVE = `subscription { messageReceived { id body thread { id } sender { id } } }`;

let database: TestDatabase;
let app: Application;
let otherProcess: Application;
let smtp: TestSmtpServer;
let factory: Factory;
let patient: Account<Patient>;
let doctor: Account<Doctor>;
let stranger: Account<Doctor>;
let otherPatient: Account<Patient>;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  [app, otherProcess] = await Promise.all([
    startTestApp(database.url, { SMTP_URL: smtp.url }, { onQuery: (sql) => statements.push(sql) }),
    startTestApp(database.url, { SMTP_URL: smtp.url }),
  ]);
  factory = new Factory(app);
  [patient, doctor, stranger, otherPatient] = await Promise.all([
    factory.patient(),
    factory.doctor(),
    factory.doctor(),
    factory.patient(),
  ]);
  await factory.appointment(patient.profile, doctor.profile);
});

async function startThread(subject = 'Question about my inhaler', body = 'Should I take it before running?') {
  const data = expectData(
    await gql<{ startThread: { id: string; readOnly: boolean; unreadCount: number } }>(app, START, {
      token: patient.token,
      variables: { input: { doctorId: doctor.profile.id, subject, body } },
    }),
  );
  return data.startThread;
}

describe('who may talk', () => {
  it('lets a patient write to a doctor who cares for them, and that doctor answer', async () => {
    const thread = await startThread();
    expect(thread).toMatchObject({ readOnly: false, unreadCount: 0 });
    const answer = expectData(
      await gql<{ sendMessage: { mine: boolean; sender: { role: string } } }>(app, SEND, {
        token: doctor.token,
        variables: { t: thread.id, b: 'Yes, 15 minutes before.' },
      }),
    );
    expect(answer.sendMessage).toMatchObject({ mine: true, sender: { role: 'DOCTOR' } });
    const read = expectData(
      await gql<{ messageThread: { messages: { edges: { node: { body: string; mine: boolean } }[] } } }>(app, THREAD, {
        token: patient.token,
        variables: { id: thread.id },
      }),
    );
    expect(read.messageThread.messages.edges.map((edge) => [edge.node.body, edge.node.mine])).toEqual([
      ['Yes, 15 minutes before.', false],
      ['Should I take it before running?', true],
    ]);
  });

  it('refuses a doctor who does not care for the patient, either way round', async () => {
    expectGraphQLError(
      await gql(app, START, {
        token: patient.token,
        variables: { input: { doctorId: stranger.profile.id, subject: 'Hi', body: 'Hello' } },
      }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, START, {
        token: stranger.token,
        variables: { input: { patientId: patient.profile.id, subject: 'Hi', body: 'Hello' } },
      }),
      'FORBIDDEN',
    );
  });

  it('keeps other patients, other doctors and administrators out of a thread, as if it did not exist', async () => {
    const thread = await startThread();
    const admin = await factory.admin();
    for (const token of [otherPatient.token, stranger.token, admin.token]) {
      expectGraphQLError(await gql(app, THREAD, { token, variables: { id: thread.id } }), 'FORBIDDEN');
      expectGraphQLError(await gql(app, SEND, { token, variables: { t: thread.id, b: 'x' } }), 'FORBIDDEN');
    }
    const missing = await gql(app, THREAD, {
      token: otherPatient.token,
      variables: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expectGraphQLError(missing, 'FORBIDDEN');
    expectGraphQLError(await gql(app, THREADS, { token: admin.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, THREADS), 'UNAUTHENTICATED');
    const theirs = expectData(
      await gql<{ messageThreads: { edges: { node: { id: string } }[] } }>(app, THREADS, { token: otherPatient.token }),
    );
    expect(theirs.messageThreads.edges).toEqual([]);
  });

  it('answers bad input with BAD_USER_INPUT naming the field', async () => {
    const empty = expectGraphQLError(
      await gql(app, START, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, subject: 'Hi', body: '' } },
      }),
      'BAD_USER_INPUT',
    );
    expect(empty.extensions.fields?.map((f) => f.field)).toContain('input.body');
    const thread = await startThread();
    const long = expectGraphQLError(
      await gql(app, SEND, { token: patient.token, variables: { t: thread.id, b: 'x'.repeat(10_001) } }),
      'BAD_USER_INPUT',
    );
    expect(long.extensions.fields?.map((f) => f.field)).toEqual(['body']);
    expectGraphQLError(
      await gql(app, SEND, { token: patient.token, variables: { t: 'nope', b: 'x' } }),
      'BAD_USER_INPUT',
    );
    // Text PostgreSQL cannot store: BAD_USER_INPUT naming the field, never an internal error.
    const nulBody = expectGraphQLError(
      await gql(app, SEND, { token: patient.token, variables: { t: thread.id, b: 'a\u0000b' } }),
      'BAD_USER_INPUT',
    );
    expect(nulBody.extensions.fields?.map((f) => f.field)).toEqual(['body']);
    const nulSubject = expectGraphQLError(
      await gql(app, START, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, subject: 'Hi\u0000', body: 'Hello' } },
      }),
      'BAD_USER_INPUT',
    );
    expect(nulSubject.extensions.fields?.map((f) => f.field)).toContain('input.subject');
  });
});

describe('unread counts, read receipts and the audit trail', () => {
  it('counts unread messages per thread and in total, and stamps read receipts', async () => {
    const thread = await startThread('Results', 'Are my results in?');
    await gql(app, SEND, { token: patient.token, variables: { t: thread.id, b: 'And the x-ray?' } });
    const before = expectData(
      await gql<{ messageThread: { unreadCount: number } }>(app, THREAD, {
        token: doctor.token,
        variables: { id: thread.id },
      }),
    );
    expect(before.messageThread.unreadCount).toBe(2);
    const total = expectData(await gql<{ unreadMessageCount: number }>(app, UNREAD, { token: doctor.token }));
    expect(total.unreadMessageCount).toBeGreaterThanOrEqual(2);
    const marked = expectData(
      await gql<{ markThreadRead: { unreadCount: number } }>(app, MARK_READ, {
        token: doctor.token,
        variables: { t: thread.id },
      }),
    );
    expect(marked.markThreadRead.unreadCount).toBe(0);
    const seen = expectData(
      await gql<{ messageThread: { messages: { edges: { node: { readAt: string | null } }[] } } }>(app, THREAD, {
        token: patient.token,
        variables: { id: thread.id },
      }),
    );
    expect(seen.messageThread.messages.edges.every((edge) => edge.node.readAt !== null)).toBe(true);
  });

  it('records reading a thread in the audit trail, with the patient, and never the text', async () => {
    const thread = await startThread('Audit me', 'Private words');
    await gql(app, THREAD, { token: doctor.token, variables: { id: thread.id } });
    const rows = await database.query<{ action: string; patient_id: string; actor_id: string; reason: string | null }>(
      `select action, patient_id, actor_id, reason from audit_entry where entity_type = 'MessageThread' and entity_id = $1 and action = 'READ'`,
      [thread.id],
    );
    expect(rows).toContainEqual({
      action: 'READ',
      patient_id: patient.profile.id,
      actor_id: doctor.user.id,
      reason: null,
    });
    const leaks = await database.query(`select 1 from audit_entry where reason like '%Private words%'`);
    expect(leaks).toHaveLength(0);
  });
});

/** A new patient with `threads` conversations, each with a doctor of their own (subjects `${subject} 0`, …). */
async function patientWithThreads(threads: number, subject: string): Promise<Account<Patient>> {
  const someone = await factory.patient();
  for (let index = 0; index < threads; index += 1) {
    const caring = await factory.doctor();
    await factory.appointment(someone.profile, caring.profile);
    expectData(
      await gql(app, START, {
        token: someone.token,
        variables: { input: { doctorId: caring.profile.id, subject: `${subject} ${index}`, body: 'Hello' } },
      }),
    );
  }
  // The notice e-mails run as jobs on this process's ORM too: let them finish before counting.
  await jobsSettled(database, 'send-notice');
  return someone;
}

describe('loading', () => {
  it('lists an inbox with names, unread counts and state in the same number of statements for 2 or 8 threads', async () => {
    const inbox = `{ messageThreads(first: 50) { edges { node { id subject unreadCount readOnly
      patient { firstName } doctor { lastName } } } } }`;
    async function statementsFor(threads: number): Promise<number> {
      const someone = await patientWithThreads(threads, 'Thread');
      statements.length = 0;
      const listed = expectData(
        await gql<{ messageThreads: { edges: unknown[] } }>(app, inbox, { token: someone.token }),
      );
      expect(listed.messageThreads.edges).toHaveLength(threads);
      return statements.length;
    }
    expect(await statementsFor(8)).toBe(await statementsFor(2));
  });

  it('gives the inbox its total with the first page in one statement, and beside a later page', async () => {
    const someone = await patientWithThreads(3, 'Total');
    await sessionRemembered(app, someone.token);
    const page = `query ($after: String) { messageThreads(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { subject } } } }`;
    type Page = {
      messageThreads: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { subject: string } }[];
      };
    };
    statements.length = 0;
    const first = expectData(await gql<Page>(app, page, { token: someone.token })).messageThreads;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((edge) => edge.node.subject)).toEqual(['Total 2', 'Total 1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(requestStatements(statements), statements.join('\n')).toHaveLength(1);
    statements.length = 0;
    const second = expectData(
      await gql<Page>(app, page, { token: someone.token, variables: { after: first.pageInfo.endCursor } }),
    ).messageThreads;
    expect(second.totalCount).toBe(3);
    expect(second.edges.map((edge) => edge.node.subject)).toEqual(['Total 0']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(requestStatements(statements), statements.join('\n')).toHaveLength(2);
    // Without totalCount the page reads only its rows: no window over every thread.
    statements.length = 0;
    expectData(await gql(app, `{ messageThreads(first: 2) { edges { node { subject } } } }`, { token: someone.token }));
    const [alone] = requestStatements(statements);
    expect(alone).not.toMatch(/over \(\)/);
  });
});

describe('care team', () => {
  it('lists the active doctors with an appointment that is not cancelled, by name, in one statement', async () => {
    const someone = await factory.patient();
    const [zeta, adams, cancelled, inactive] = await Promise.all([
      factory.doctor({ lastName: 'Zeta', firstName: 'Ada' }),
      factory.doctor({ lastName: 'Adams', firstName: 'Bo' }),
      factory.doctor({ lastName: 'Brown', firstName: 'Cy' }),
      factory.doctor({ lastName: 'Clark', firstName: 'Di' }),
    ]);
    await factory.appointment(someone.profile, zeta.profile);
    await factory.appointment(someone.profile, adams.profile, { status: AppointmentStatus.COMPLETED });
    await factory.appointment(someone.profile, cancelled.profile, { status: AppointmentStatus.CANCELLED });
    await factory.appointment(someone.profile, inactive.profile);
    await database.query('update app_user set active = false where id = $1', [inactive.user.id]);
    await sessionRemembered(app, someone.token);
    statements.length = 0;
    const { careTeam } = expectData(
      await gql<{ careTeam: { id: string; lastName: string; specialization: string }[] }>(
        app,
        '{ careTeam { id lastName specialization } }',
        { token: someone.token },
      ),
    );
    expect(careTeam.map((doctor) => doctor.id)).toEqual([adams.profile.id, zeta.profile.id]);
    expect(careTeam[0]!.specialization).toBe(adams.profile.specialization);
    expect(requestStatements(statements), statements.join('\n')).toHaveLength(1);
  });
});

describe('e-mail notices', () => {
  it('tells the recipient only that a message is waiting, never the subject or the text', async () => {
    await startThread('Very private subject', 'Very private body');
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(doctor.user.email));
    const text = mailText(mail);
    expect(text).toContain('You have a new message');
    expect(mail.raw).not.toContain('Very private');
  });
});

describe('live delivery', () => {
  it('delivers a message sent on one process to the doctor subscribed on another, and to nobody else', async () => {
    const thread = await startThread('Live', 'first');
    const doctorLive = subscribe<{ messageReceived: { body: string; thread: { id: string } } }>(
      wsClient(otherProcess, doctor.token),
      LIVE,
    );
    const strangerLive = subscribe<unknown>(wsClient(otherProcess, otherPatient.token), LIVE);
    await Promise.all([doctorLive.ready, strangerLive.ready]);
    expectData(await gql(app, SEND, { token: patient.token, variables: { t: thread.id, b: 'Are you there?' } }));
    await expect.poll(() => doctorLive.received.length, { timeout: 10_000 }).toBe(1);
    expect(doctorLive.received[0]!.messageReceived).toMatchObject({
      body: 'Are you there?',
      thread: { id: thread.id },
      sender: { id: patient.user.id },
    });
    expect(strangerLive.received).toEqual([]);
    expect(doctorLive.errors).toEqual([]);
  });

  it('refuses the subscription to an administrator', async () => {
    const admin = await factory.admin();
    const live = subscribe<unknown>(wsClient(app, admin.token), LIVE);
    await live.ready;
    await expect.poll(() => live.errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(JSON.stringify(live.errors)).toContain('not allowed');
    expect(live.received).toEqual([]);
  });
});

describe('when care ends', () => {
  it('freezes the thread read-only but keeps it readable', async () => {
    const ending = await factory.patient();
    const appointment = await factory.appointment(ending.profile, doctor.profile);
    const started = expectData(
      await gql<{ startThread: { id: string } }>(app, START, {
        token: ending.token,
        variables: { input: { doctorId: doctor.profile.id, subject: 'Bye', body: 'Last question' } },
      }),
    );
    await database.query(`update appointment set status = $1 where id = $2`, [
      AppointmentStatus.CANCELLED,
      appointment.id,
    ]);
    const frozen = expectGraphQLError(
      await gql(app, SEND, { token: doctor.token, variables: { t: started.startThread.id, b: 'Answer' } }),
      'CONFLICT',
    );
    expect(frozen.extensions['reason']).toBe('THREAD_READ_ONLY');
    const read = expectData(
      await gql<{ messageThread: { readOnly: boolean; messages: { totalCount: number } } }>(app, THREAD, {
        token: ending.token,
        variables: { id: started.startThread.id },
      }),
    );
    expect(read.messageThread).toMatchObject({ readOnly: true, messages: { totalCount: 1 } });
  });

  it('freezes the thread when the doctor is deactivated', async () => {
    const leaving = await factory.doctor();
    const someone = await factory.patient();
    await factory.appointment(someone.profile, leaving.profile);
    const started = expectData(
      await gql<{ startThread: { id: string } }>(app, START, {
        token: someone.token,
        variables: { input: { doctorId: leaving.profile.id, subject: 'Hi', body: 'Hello' } },
      }),
    );
    await database.query(`update app_user set active = false where id = $1`, [leaving.user.id]);
    const frozen = expectGraphQLError(
      await gql(app, SEND, { token: someone.token, variables: { t: started.startThread.id, b: 'Still there?' } }),
      'CONFLICT',
    );
    expect(frozen.extensions['reason']).toBe('THREAD_READ_ONLY');
  });
});
