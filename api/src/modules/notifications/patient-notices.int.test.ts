import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, pastHalfHour, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import { mailText, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const PRESCRIBE = `mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }`;
const DISCONTINUE = `mutation ($id: ID!, $reason: String!) { discontinuePrescription(id: $id, reason: $reason) { id status } }`;
const COMPLETE = `mutation ($id: ID!) { completeAppointment(id: $id) { id } }`;
const ISSUE = `mutation ($id: ID!) { issueInvoice(id: $id) { id number dueDate } }`;
const ISSUE_MANY = `mutation ($ids: [ID!]!) { issueInvoices(ids: $ids) { id number dueDate } }`;
const PAY = `mutation ($id: ID!, $input: RecordPaymentInput!) { recordPayment(invoiceId: $id, input: $input) { id status } }`;
const NOTIFICATIONS = `{ notifications(first: 20) { edges { node { kind title body } } } }`;

interface Note {
  kind: string;
  title: string;
  body: string;
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await startTestApp(database.url, { SMTP_URL: smtp.url });
  factory = new Factory(app);
}, 120_000);

/** A patient allergic to penicillin and a doctor caring for them. */
async function care(): Promise<{ patient: Account<Patient>; doctor: Account<Doctor> }> {
  const patient = await factory.patient({ allergies: ['Penicillin'] });
  const doctor = await factory.doctor({ firstName: 'Imani', lastName: 'Oduya' });
  await factory.appointment(patient.profile, doctor.profile);
  return { patient, doctor };
}

const issue = (doctor: Account<Doctor>, patient: Account<Patient>, medication: string) =>
  gql<{ issuePrescription: { id: string } }>(app, PRESCRIBE, {
    token: doctor.token,
    variables: {
      input: {
        patientId: patient.profile.id,
        items: [{ medication, dosage: '10 mg', frequency: 'once daily', durationDays: 30 }],
        notes: 'Recheck blood pressure in four weeks.',
      },
    },
  });

const notesOf = async (account: Account<unknown>) =>
  expectData(
    await gql<{ notifications: { edges: { node: Note }[] } }>(app, NOTIFICATIONS, { token: account.token }),
  ).notifications.edges.map((edge) => edge.node);

/** Nothing a prescription says reaches a notification or an e-mail: no medication, dose, note or reason. */
const CLINICAL = ['Lisinopril', 'Amoxicillin', '10 mg', 'once daily', 'blood pressure', 'cough', 'Penicillin'];

describe('a patient told of their prescriptions', () => {
  it('hears in-app and by e-mail who issued a prescription, never what it is', async () => {
    const { patient, doctor } = await care();
    const issued = expectData(await issue(doctor, patient, 'Lisinopril')).issuePrescription;
    expect(issued.id).toBeTruthy();

    const [note] = await notesOf(patient);
    expect(note).toEqual({
      kind: 'PRESCRIPTION_ISSUED',
      title: 'New prescription',
      body: 'Dr Imani Oduya issued a prescription for you. See it under Prescriptions in your patient portal.',
    });
    const mail = await smtp.waitFor((sent) => sent.to.includes(patient.user.email));
    expect(mail.raw).toContain('New prescription');
    for (const text of [mailText(mail), note!.body, note!.title]) {
      for (const clinical of CLINICAL) {
        expect(text).not.toContain(clinical);
      }
    }
    // The prescribing doctor is not told of their own act.
    expect((await notesOf(doctor)).map((each) => each.kind)).not.toContain('PRESCRIPTION_ISSUED');
  });

  it('hears when a doctor stops one, without the reason', async () => {
    const { patient, doctor } = await care();
    const { id } = expectData(await issue(doctor, patient, 'Lisinopril')).issuePrescription;
    expectData(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { id, reason: 'Dry cough since starting it' } }),
    );
    const notes = await notesOf(patient);
    expect(notes.map((note) => note.kind)).toEqual(['PRESCRIPTION_DISCONTINUED', 'PRESCRIPTION_ISSUED']);
    expect(notes[0]?.title).toBe('Prescription stopped');
    expect(notes[0]?.body).toMatch(/^Dr Imani Oduya stopped one of your prescriptions\. /);
    const mail = await smtp.waitFor(
      (sent) => sent.to.includes(patient.user.email) && sent.raw.includes('Prescription stopped'),
    );
    for (const text of [mailText(mail), notes[0]!.body]) {
      for (const clinical of CLINICAL) {
        expect(text).not.toContain(clinical);
      }
    }
  });

  it('hears nothing of a prescription that was not issued or stopped', async () => {
    const { patient, doctor } = await care();
    // Stopped by the allergy check: nothing written, nobody told.
    expectGraphQLError(await issue(doctor, patient, 'Amoxicillin'), 'CONFLICT');
    const { id } = expectData(await issue(doctor, patient, 'Lisinopril')).issuePrescription;
    // A reason too short: the prescription stays active, the patient hears of its issue only.
    expectGraphQLError(
      await gql(app, DISCONTINUE, { token: doctor.token, variables: { id, reason: 'x' } }),
      'BAD_USER_INPUT',
    );
    expect((await notesOf(patient)).map((note) => note.kind)).toEqual(['PRESCRIPTION_ISSUED']);
    const [row] = await database.query<{ n: string }>(
      `select count(*) as n from notification n join patient p on p.user_id = n.user_id where p.id = $1`,
      [patient.profile.id],
    );
    expect(Number(row?.n)).toBe(1);
  });
});

describe('a patient told of their bills', () => {
  let admin: Account<null>;
  let billingDoctor: Account<Doctor>;

  beforeAll(async () => {
    [admin, billingDoctor] = await Promise.all([
      factory.admin(),
      factory.doctor({ firstName: 'Kofi', lastName: 'Mensah', specialization: 'Cardiology', feeAmount: '80.00' }),
    ]);
  });

  /** A patient's visit completed: the id of its drafted invoice. */
  async function drafted(patient: Account<Patient>, startsAt = pastHalfHour()): Promise<string> {
    const appointment = await factory.appointment(patient.profile, billingDoctor.profile, {
      status: AppointmentStatus.CHECKED_IN,
      startsAt,
    });
    expectData(await gql(app, COMPLETE, { token: billingDoctor.token, variables: { id: appointment.id } }));
    const [row] = await database.query<{ id: string }>('select id from invoice where appointment_id = $1', [
      appointment.id,
    ]);
    return row!.id;
  }

  /** A patient's notifications about their bills. */
  const billNotesOf = async (account: Account<unknown>) =>
    (await notesOf(account)).filter((note) =>
      ['INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED'].includes(note.kind),
    );

  const dueWords = (isoDate: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${isoDate}T00:00:00Z`),
    );

  it('hears of a bill when it is issued (not while a draft), with its number, total and due date, never its lines', async () => {
    const patient = await factory.patient();
    const id = await drafted(patient);
    expect(await billNotesOf(patient)).toEqual([]);
    const issued = expectData(
      await gql<{ issueInvoice: { number: string; dueDate: string } }>(app, ISSUE, {
        token: admin.token,
        variables: { id },
      }),
    ).issueInvoice;

    const [note] = await billNotesOf(patient);
    expect(note?.kind).toBe('INVOICE_ISSUED');
    expect(note?.title).toBe('New bill');
    expect(note?.body).toMatch(
      new RegExp(
        `^Your bill ${issued.number} from .+ is ready: 80\\.00 EUR, due ${dueWords(issued.dueDate)}\\. See it under Bills`,
      ),
    );
    const mail = await smtp.waitFor((sent) => sent.to.includes(patient.user.email) && sent.raw.includes('New bill'));
    // The line names the visit's billingDoctor and specialty: neither leaves in a message.
    for (const text of [mailText(mail), note!.body]) {
      expect(text).not.toMatch(/Mensah|Cardiology|Consultation/);
    }
  });

  it('hears of each payment and of the balance left, and of none refused', async () => {
    const patient = await factory.patient();
    const id = await drafted(patient);
    expectData(await gql(app, ISSUE, { token: admin.token, variables: { id } }));
    const pay = (amount: string) =>
      gql(app, PAY, { token: admin.token, variables: { id, input: { amount, method: 'CASH' } } });
    expectData(await pay('30.00'));
    expectGraphQLError(await pay('60.00'), 'CONFLICT');
    expectData(await pay('50.00'));

    const notes = await billNotesOf(patient);
    expect(notes.map((note) => note.kind)).toEqual(['PAYMENT_RECEIVED', 'PAYMENT_RECEIVED', 'INVOICE_ISSUED']);
    expect(notes[1]?.body).toMatch(/^We received 30\.00 EUR for your bill \S+\. 50\.00 EUR remains to pay\.$/);
    expect(notes[0]?.body).toMatch(/^We received 50\.00 EUR for your bill \S+\. It is now paid in full\.$/);
    const mail = await smtp.waitFor(
      (sent) => sent.to.includes(patient.user.email) && mailText(sent).includes('paid in full'),
    );
    expect(mail.raw).toContain('Subject: Payment received');
  });

  it('hears that a bill sent to them was cancelled (not a draft), without the administrator’s reason', async () => {
    const VOID = `mutation ($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { id status } }`;
    const patient = await factory.patient();
    const draft = await drafted(patient);
    const sent = await drafted(patient, new Date(pastHalfHour().getTime() - 3_600_000));
    const issued = expectData(
      await gql<{ issueInvoice: { number: string } }>(app, ISSUE, { token: admin.token, variables: { id: sent } }),
    ).issueInvoice;
    const reason = 'Billed twice after the Cardiology follow-up';
    expectData(await gql(app, VOID, { token: admin.token, variables: { id: draft, reason } }));
    expectData(await gql(app, VOID, { token: admin.token, variables: { id: sent, reason } }));

    const notes = await billNotesOf(patient);
    expect(notes.map((note) => note.kind)).toEqual(['INVOICE_VOIDED', 'INVOICE_ISSUED']);
    expect(notes[0]?.title).toBe('Bill cancelled');
    expect(notes[0]?.body).toMatch(
      new RegExp(`^Your bill ${issued.number} from .+ for 80\\.00 EUR was cancelled: you owe nothing on it\\.`),
    );
    const mail = await smtp.waitFor(
      (each) => each.to.includes(patient.user.email) && each.raw.includes('Subject: Bill cancelled'),
    );
    for (const text of [mailText(mail), notes[0]!.body]) {
      expect(text).not.toMatch(/twice|Cardiology|Mensah/);
    }
  });

  it("tells each patient of a batch their own bill, in the batch's one transaction", async () => {
    const [first, second] = await Promise.all([factory.patient(), factory.patient()]);
    const ids = [await drafted(first), await drafted(second, new Date(pastHalfHour().getTime() - 3_600_000))];
    const issued = expectData(
      await gql<{ issueInvoices: { number: string }[] }>(app, ISSUE_MANY, { token: admin.token, variables: { ids } }),
    ).issueInvoices;
    const [one] = await billNotesOf(first);
    const [other] = await billNotesOf(second);
    expect(one?.body).toContain(`Your bill ${issued[0]!.number} `);
    expect(other?.body).toContain(`Your bill ${issued[1]!.number} `);
    expect(await billNotesOf(first)).toHaveLength(1);
  });

  /** A claim for an invoice's balance, submitted by an administrator: its id. */
  const claimed = async (invoiceId: string, policyId: string) =>
    expectData(
      await gql<{ submitClaim: { id: string } }>(
        app,
        `mutation ($invoiceId: ID!, $policyId: ID!) { submitClaim(invoiceId: $invoiceId, policyId: $policyId) { id } }`,
        { token: admin.token, variables: { invoiceId, policyId } },
      ),
    ).submitClaim;

  /** The overdue notice scheduled for an invoice: its job, when it runs, and which notice it is. */
  const overdueJob = async (invoiceId: string) =>
    (
      await database.query<{ id: string; run_at: Date; notice: number | null }>(
        `select id::text, run_at, (payload->>'notice')::int as notice from graphile_worker._private_jobs
          where key = 'invoice-overdue:' || $1`,
        [invoiceId],
      )
    )[0];

  /** The invoice due two days ago and its notice run now, as the morning after would. */
  const overdueNow = async (invoiceId: string) => {
    await database.query(`update invoice set due_date = current_date - 2 where id = $1`, [invoiceId]);
    const [ran] = await database.query<{ id: string }>(
      `update graphile_worker._private_jobs set run_at = now() where key = 'invoice-overdue:' || $1
       returning id::text`,
      [invoiceId],
    );
    // Done when the runner has taken it off the queue (a reminder after it is another job).
    await expect
      .poll(async () => (await overdueJob(invoiceId))?.id !== ran?.id, { timeout: 10_000, interval: 50 })
      .toBe(true);
  };

  it('hears the morning after the due date that a bill is still owed, and not once it is paid', async () => {
    const patient = await factory.patient();
    const id = await drafted(patient);
    const { dueDate } = expectData(
      await gql<{ issueInvoice: { dueDate: string } }>(app, ISSUE, { token: admin.token, variables: { id } }),
    ).issueInvoice;
    // Scheduled with the issue: 09:00 the day after the due date, in the hospital's zone.
    const [{ timezone }] = (await database.query<{ timezone: string }>(
      `select h.timezone from invoice i join hospital h on h.id = i.hospital_id where i.id = $1`,
      [id],
    )) as [{ timezone: string }];
    const job = await overdueJob(id);
    expect(job).toBeDefined();
    const at = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(job!.run_at);
    const next = new Date(`${dueDate}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const [y, m, d] = next.toISOString().slice(0, 10).split('-');
    expect(at).toBe(`${d}/${m}/${y}, 09:00`);

    // Half paid, then overdue: told what remains.
    expectData(
      await gql(app, PAY, { token: admin.token, variables: { id, input: { amount: '30.00', method: 'CASH' } } }),
    );
    await overdueNow(id);
    const overdueNotes = async () => (await billNotesOf(patient)).filter((note) => note.kind === 'INVOICE_OVERDUE');
    const [overdue] = await overdueNotes();
    expect(overdue?.title).toBe('Bill overdue');
    expect(overdue?.body).toMatch(/^Your bill \S+ from .+ was due on \d{1,2} \w+ \d{4}: 50\.00 EUR remains to pay\. /);
    // Still owed: reminded 30 days later at 09:00, twice, the last saying whom to ask; then no more.
    const reminder = await overdueJob(id);
    expect(reminder?.notice).toBe(2);
    expect((reminder!.run_at.getTime() - Date.now()) / 86_400_000).toBeGreaterThan(29);
    expect((reminder!.run_at.getTime() - Date.now()) / 86_400_000).toBeLessThan(31);
    await overdueNow(id);
    expect((await overdueJob(id))?.notice).toBe(3);
    await overdueNow(id);
    expect(await overdueJob(id)).toBeUndefined();
    const [last, second] = await overdueNotes();
    expect(second).toMatchObject({ title: 'Bill still overdue' });
    expect(second?.body).toMatch(
      /^Reminder: your bill \S+ from .+: 50\.00 EUR remains to pay\. See it under Bills in your patient portal\.$/,
    );
    expect(last?.body).toMatch(
      / This is the last reminder: if you cannot pay it now, contact .+'s billing office to agree a plan\.$/,
    );
    expect(await overdueNotes()).toHaveLength(3);

    // Another bill, paid in full before its notice runs: nothing said.
    const paidId = await drafted(patient, new Date(pastHalfHour().getTime() - 3_600_000));
    expectData(await gql(app, ISSUE, { token: admin.token, variables: { id: paidId } }));
    expectData(
      await gql(app, PAY, {
        token: admin.token,
        variables: { id: paidId, input: { amount: '80.00', method: 'CASH' } },
      }),
    );
    await overdueNow(paidId);
    expect(await overdueNotes()).toHaveLength(3);
  });

  it('hears nothing of an overdue bill while their insurer decides on it; the notice waits a week at a time', async () => {
    const patient = await factory.patient();
    const id = await drafted(patient, new Date(pastHalfHour().getTime() - 3 * 3_600_000));
    expectData(await gql(app, ISSUE, { token: admin.token, variables: { id } }));
    const policy = await factory.policy(patient.profile);
    const claim = await claimed(id, policy.id);
    // Past due, the insurer still deciding: the notice runs, says nothing and looks again in 7 days.
    await database.query(`update invoice set due_date = current_date - 2 where id = $1`, [id]);
    const [{ job }] = (await database.query<{ job: string }>(
      `update graphile_worker._private_jobs set run_at = now() where key = 'invoice-overdue:' || $1 returning id::text as job`,
      [id],
    )) as [{ job: string }];
    await expect
      .poll(
        async () => {
          const next = await overdueJob(id);
          const [row] = await database.query<{ id: string }>(
            `select id::text from graphile_worker._private_jobs where key = 'invoice-overdue:' || $1`,
            [id],
          );
          return next && row!.id !== job ? (next.run_at.getTime() - Date.now()) / 86_400_000 : undefined;
        },
        { timeout: 10_000, interval: 50 },
      )
      .toBeGreaterThan(6);
    expect((await billNotesOf(patient)).filter((note) => note.kind === 'INVOICE_OVERDUE')).toEqual([]);
    // Decided (nothing paid): the next look tells the patient.
    expectData(
      await gql(app, `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) { id } }`, {
        token: admin.token,
        variables: { id: claim.id, input: { status: 'REJECTED', note: 'Not covered by the plan' } },
      }),
    );
    await overdueNow(id);
    const [overdue] = (await billNotesOf(patient)).filter((note) => note.kind === 'INVOICE_OVERDUE');
    expect(overdue?.body).toMatch(/: 80\.00 EUR remains to pay\. /);
  });

  it('hears that their insurer paid, from an approved claim, and what remains', async () => {
    const patient = await factory.patient();
    const id = await drafted(patient, new Date(pastHalfHour().getTime() - 2 * 3_600_000));
    expectData(await gql(app, ISSUE, { token: admin.token, variables: { id } }));
    const policy = expectData(
      await gql<{ addInsurancePolicy: { id: string } }>(
        app,
        `mutation ($input: AddInsurancePolicyInput!) { addInsurancePolicy(input: $input) { id } }`,
        {
          token: admin.token,
          variables: {
            input: { patientId: patient.profile.id, provider: 'AOK', policyNumber: 'AOK-77', validFrom: '2021-01-01' },
          },
        },
      ),
    ).addInsurancePolicy;
    const claim = await claimed(id, policy.id);
    expectData(
      await gql(app, `mutation ($id: ID!, $input: DecideClaimInput!) { decideClaim(id: $id, input: $input) { id } }`, {
        token: admin.token,
        variables: {
          id: claim.id,
          input: { status: 'PARTIALLY_APPROVED', amountApproved: '56.00', note: '70% cover' },
        },
      }),
    );
    const [paid] = (await billNotesOf(patient)).filter((note) => note.kind === 'PAYMENT_RECEIVED');
    expect(paid?.body).toMatch(/^Your insurer paid 56\.00 EUR for your bill \S+\. 24\.00 EUR remains to pay\.$/);
  });
});

describe('emergency access', () => {
  const GRANT = `mutation ($p: ID!, $r: String!) { requestEmergencyAccess(patientId: $p, reason: $r) { id } }`;

  it('tells the patient (in-app and by e-mail) and the administrators who opened the chart, never the reason', async () => {
    const doctor = await factory.doctor({ firstName: 'Ola', lastName: 'Vance' });
    const patient = await factory.patient({ firstName: 'Robin' });
    const admin = await factory.admin();
    const reason = 'Collapsed in the waiting room, suspected overdose';
    expectData(await gql(app, GRANT, { variables: { p: patient.profile.id, r: reason }, token: doctor.token }));

    const [mine] = (await notesOf(patient)).filter((note) => note.kind === 'EMERGENCY_ACCESS');
    expect(mine).toEqual({
      kind: 'EMERGENCY_ACCESS',
      title: 'Your chart was opened in an emergency',
      body: 'Dr Ola Vance opened your chart with emergency access. Every emergency access is recorded with its reason and reviewed; see it under Access log in your patient portal.',
    });
    const [admins] = (await notesOf(admin)).filter((note) => note.kind === 'EMERGENCY_ACCESS');
    expect(admins).toEqual({
      kind: 'EMERGENCY_ACCESS',
      title: 'Emergency access to a chart',
      body: `Dr Ola Vance opened the chart of Robin ${patient.profile.lastName} with emergency access. Review the reason they gave in the audit trail.`,
    });
    // Every active administrator and the patient, nobody else.
    const told = await database.query<{ user_id: string }>(
      `select n.user_id from notification n join app_user u on u.id = n.user_id
        where n.kind = 'EMERGENCY_ACCESS' and (n.user_id = $1 or n.body like $2)`,
      [patient.user.id, `%Robin ${patient.profile.lastName}%`],
    );
    const active = await database.query<{ id: string }>(`select id from app_user where role = 'ADMIN' and active`);
    expect(told.map(({ user_id }) => user_id).sort()).toEqual([patient.user.id, ...active.map(({ id }) => id)].sort());
    // The patient's e-mail: the same words, not the reason.
    const mail = mailText(await smtp.waitFor((sent) => sent.to.includes(patient.user.email)));
    expect(mail).toContain('Dr Ola Vance opened your chart with emergency access');
    expect(mail).not.toContain('overdose');

    // A refused request tells no one.
    expectGraphQLError(
      await gql(app, GRANT, { variables: { p: patient.profile.id, r: 'because' }, token: doctor.token }),
      'BAD_USER_INPUT',
    );
    expect((await notesOf(patient)).filter((note) => note.kind === 'EMERGENCY_ACCESS')).toHaveLength(1);
  });
});
