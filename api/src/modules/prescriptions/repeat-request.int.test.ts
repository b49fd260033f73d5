import type { Bundle, MedicationRequest } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectValidFhir, fhirGet } from '../../../test/fhir.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import type { Prescription } from './prescription.entity.js';

const REQUEST = `mutation ($id: ID!, $note: String) {
  requestRepeatPrescription(prescriptionId: $id, note: $note) { id status note decidedAt declineReason
    prescription { id } doctor { id } patient { id } } }`;
const DECLINE = `mutation ($id: ID!, $reason: String!) {
  declineRepeatRequest(id: $id, reason: $reason) { id status declineReason decidedAt } }`;
const QUEUE = `{ repeatRequests { id status note createdAt patient { id firstName }
  prescription { id items { medication dosage } } } }`;
const ISSUE = `mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }`;
const OWN = `query ($id: ID!) { prescription(id: $id) { id repeatRequest { id status declineReason
  issuedPrescription { id } } } }`;

interface RequestView {
  id: string;
  status: string;
  note: string | null;
  decidedAt: string | null;
  declineReason: string | null;
  prescription: { id: string };
  doctor: { id: string };
  patient: { id: string };
}

let app: Application;
let database: TestDatabase;
let factory: Factory;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {}, { onQuery: (sql) => statements.push(sql) });
  factory = new Factory(app);
});

/** A patient with a prescription from the doctor caring for them. */
async function prescribed(): Promise<{
  patient: Account<Patient>;
  doctor: Account<Doctor>;
  prescription: Prescription;
}> {
  const patient = await factory.patient({ allergies: [] });
  const doctor = await factory.doctor();
  const appointment = await factory.appointment(patient.profile, doctor.profile);
  const prescription = await factory.prescription(patient.profile, doctor.profile, appointment);
  return { patient, doctor, prescription };
}

function ask(token: string, id: string, note?: string) {
  return gql<{ requestRepeatPrescription: RequestView }>(app, REQUEST, { token, variables: { id, note } });
}

const repeatItems = [{ medication: 'Amoxicillin', dosage: '500 mg', frequency: 'three times daily', durationDays: 7 }];

function notificationsOf(userId: string) {
  return database.query<{ kind: string; title: string; body: string }>(
    `select kind, title, body from notification where user_id = $1 order by created_at`,
    [userId],
  );
}

function auditOf(entityId: string) {
  return database.query<{ action: string; actor_id: string; patient_id: string }>(
    `select action, actor_id, patient_id from audit_entry where entity_id = $1 and entity_type = 'RepeatRequest' order by at`,
    [entityId],
  );
}

describe('repeat prescriptions', () => {
  it('a patient asks once, the doctor sees it waiting and is told; a second ask waits for the answer', async () => {
    const { patient, doctor, prescription } = await prescribed();

    const asked = expectData(await ask(patient.token, prescription.id, '  Running out on Friday  '));
    expect(asked.requestRepeatPrescription).toMatchObject({
      status: 'REQUESTED',
      note: 'Running out on Friday',
      decidedAt: null,
      prescription: { id: prescription.id },
      doctor: { id: doctor.profile.id },
      patient: { id: patient.profile.id },
    });
    const requestId = asked.requestRepeatPrescription.id;

    const again = expectGraphQLError(await ask(patient.token, prescription.id), 'CONFLICT');
    expect(again.extensions['reason']).toBe('REPEAT_ALREADY_REQUESTED');

    // The doctor is told in-app, by the patient's name and never the medication.
    const told = await notificationsOf(doctor.user.id);
    expect(told).toEqual([expect.objectContaining({ kind: 'REPEAT_REQUESTED' })]);
    expect(told[0]!.body).toContain(patient.profile.lastName);
    expect(JSON.stringify(told)).not.toMatch(/Amoxicillin|Friday/);

    const queue = expectData(
      await gql<{ repeatRequests: { id: string; note: string; prescription: { items: { medication: string }[] } }[] }>(
        app,
        QUEUE,
        { token: doctor.token },
      ),
    );
    expect(queue.repeatRequests).toEqual([
      expect.objectContaining({
        id: requestId,
        status: 'REQUESTED',
        note: 'Running out on Friday',
        prescription: { id: prescription.id, items: [{ medication: 'Amoxicillin', dosage: '500 mg' }] },
      }),
    ]);
    const counted = await gql<{ repeatRequestCount: number }>(app, '{ repeatRequestCount }', { token: doctor.token });
    expect(expectData(counted).repeatRequestCount).toBe(1);
    // Another doctor's queue is their own.
    const other = await factory.doctor();
    expect(
      expectData(await gql<{ repeatRequests: unknown[] }>(app, QUEUE, { token: other.token })).repeatRequests,
    ).toEqual([]);
    const none = await gql<{ repeatRequestCount: number }>(app, '{ repeatRequestCount }', { token: other.token });
    expect(expectData(none).repeatRequestCount).toBe(0);

    const own = expectData(
      await gql<{ prescription: { repeatRequest: { id: string; status: string } } }>(app, OWN, {
        token: patient.token,
        variables: { id: prescription.id },
      }),
    );
    expect(own.prescription.repeatRequest).toMatchObject({ id: requestId, status: 'REQUESTED' });
    expect(await auditOf(requestId)).toContainEqual(
      expect.objectContaining({ action: 'CREATE', actor_id: patient.user.id, patient_id: patient.profile.id }),
    );
  });

  it('the doctor answers with a new prescription: the request is ISSUED and linked, once', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;

    // The same medication issued on its own duplicates the running course; as the repeat, it continues it.
    const duplicate = expectGraphQLError(
      await gql(app, ISSUE, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, items: repeatItems } },
      }),
      'CONFLICT',
    );
    expect(duplicate.extensions['reason']).toBe('DUPLICATE_THERAPY');
    const issued = expectData(
      await gql<{ issuePrescription: { id: string } }>(app, ISSUE, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, items: repeatItems, repeatRequestId: requestId } },
      }),
    ).issuePrescription;

    const own = expectData(
      await gql<{ prescription: { repeatRequest: { status: string; issuedPrescription: { id: string } } } }>(app, OWN, {
        token: patient.token,
        variables: { id: prescription.id },
      }),
    );
    expect(own.prescription.repeatRequest).toMatchObject({ status: 'ISSUED', issuedPrescription: { id: issued.id } });
    expect(
      expectData(await gql<{ repeatRequests: unknown[] }>(app, QUEUE, { token: doctor.token })).repeatRequests,
    ).toEqual([]);
    expect((await auditOf(requestId)).map((row) => row.action)).toContain('ISSUE');
    expect((await notificationsOf(patient.user.id)).map((row) => row.kind)).toEqual(['PRESCRIPTION_ISSUED']);

    // Answered: issuing for it again is refused, and nothing is written.
    const [before] = await database.query<{ n: string }>(
      `select count(*) as n from prescription where patient_id = $1`,
      [patient.profile.id],
    );
    const twice = expectGraphQLError(
      await gql(app, ISSUE, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, items: repeatItems, repeatRequestId: requestId } },
      }),
      'CONFLICT',
    );
    expect(twice.extensions['reason']).toBe('REPEAT_ALREADY_ANSWERED');
    const [after] = await database.query<{ n: string }>(
      `select count(*) as n from prescription where patient_id = $1`,
      [patient.profile.id],
    );
    expect(after!.n).toBe(before!.n);

    // A new request may follow the answered one.
    expect(expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.status).toBe('REQUESTED');
  });

  it('the patient withdraws a request still waiting: it leaves the doctor’s list, and may be asked again', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;
    const WITHDRAW = `mutation ($id: ID!) { withdrawRepeatRequest(id: $id) { id status decidedAt } }`;

    expectGraphQLError(await gql(app, WITHDRAW, { token: doctor.token, variables: { id: requestId } }), 'FORBIDDEN');
    const stranger = await factory.patient();
    expectGraphQLError(await gql(app, WITHDRAW, { token: stranger.token, variables: { id: requestId } }), 'FORBIDDEN');

    const withdrawn = expectData(
      await gql<{ withdrawRepeatRequest: { status: string; decidedAt: string | null } }>(app, WITHDRAW, {
        token: patient.token,
        variables: { id: requestId },
      }),
    ).withdrawRepeatRequest;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.decidedAt).not.toBeNull();
    expect(
      expectData(await gql<{ repeatRequests: unknown[] }>(app, QUEUE, { token: doctor.token })).repeatRequests,
    ).toEqual([]);
    expect((await auditOf(requestId)).map((row) => row.action)).toContain('WITHDRAW');
    const again = expectGraphQLError(
      await gql(app, WITHDRAW, { token: patient.token, variables: { id: requestId } }),
      'CONFLICT',
    );
    expect(again.extensions['reason']).toBe('REPEAT_ALREADY_ANSWERED');
    expect(expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.status).toBe('REQUESTED');
  });

  it('the doctor declines with a reason the patient reads in the portal, told without it', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;

    const short = expectGraphQLError(
      await gql(app, DECLINE, { token: doctor.token, variables: { id: requestId, reason: ' x ' } }),
      'BAD_USER_INPUT',
    );
    expect(JSON.stringify(short.extensions)).toContain('reason');

    const declined = expectData(
      await gql<{ declineRepeatRequest: RequestView }>(app, DECLINE, {
        token: doctor.token,
        variables: { id: requestId, reason: 'Please book a review first: the course should be finished.' },
      }),
    ).declineRepeatRequest;
    expect(declined).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Please book a review first: the course should be finished.',
    });
    expect(declined.decidedAt).not.toBeNull();

    const told = await notificationsOf(patient.user.id);
    expect(told).toEqual([
      expect.objectContaining({ kind: 'REPEAT_DECLINED', title: 'Repeat prescription not issued' }),
    ]);
    expect(JSON.stringify(told)).not.toContain('review first');
    expect((await auditOf(requestId)).map((row) => row.action)).toContain('DECLINE');

    const again = expectGraphQLError(
      await gql(app, DECLINE, { token: doctor.token, variables: { id: requestId, reason: 'Once more, no.' } }),
      'CONFLICT',
    );
    expect(again.extensions['reason']).toBe('REPEAT_ALREADY_ANSWERED');
  });

  it('refuses whoever may not ask or answer, a stopped prescription, a long note, and another patient’s request', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const stranger = await factory.patient();
    const admin = await factory.admin();
    const otherDoctor = await factory.doctor();

    expectGraphQLError(await ask(stranger.token, prescription.id), 'FORBIDDEN');
    expectGraphQLError(await ask(admin.token, prescription.id), 'FORBIDDEN');
    expectGraphQLError(await ask(doctor.token, prescription.id), 'FORBIDDEN');
    expectGraphQLError(await gql(app, REQUEST, { variables: { id: prescription.id } }), 'UNAUTHENTICATED');
    const long = expectGraphQLError(await ask(patient.token, prescription.id, 'x'.repeat(501)), 'BAD_USER_INPUT');
    expect(JSON.stringify(long.extensions)).toContain('note');
    expectGraphQLError(await ask(patient.token, 'not-an-id'), 'BAD_USER_INPUT');
    expectGraphQLError(await gql(app, QUEUE, { token: patient.token }), 'FORBIDDEN');
    expectGraphQLError(await gql(app, QUEUE, { token: admin.token }), 'FORBIDDEN');
    expect(await database.query(`select 1 from repeat_request where prescription_id = $1`, [prescription.id])).toEqual(
      [],
    );

    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;
    // A doctor not caring for the patient neither reads nor answers it.
    expectGraphQLError(
      await gql(app, DECLINE, { token: otherDoctor.token, variables: { id: requestId, reason: 'Not mine to say.' } }),
      'FORBIDDEN',
    );
    expectGraphQLError(
      await gql(app, DECLINE, { token: admin.token, variables: { id: requestId, reason: 'Not mine to say.' } }),
      'FORBIDDEN',
    );
    // Another patient's request cannot be answered by a prescription for this one.
    const elsewhere = await prescribed();
    const theirs = expectData(await ask(elsewhere.patient.token, elsewhere.prescription.id)).requestRepeatPrescription
      .id;
    const mixed = expectGraphQLError(
      await gql(app, ISSUE, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, items: repeatItems, repeatRequestId: theirs } },
      }),
      'BAD_USER_INPUT',
    );
    expect(JSON.stringify(mixed.extensions)).toContain('input.repeatRequestId');
    const [still] = await database.query<{ status: string }>(`select status from repeat_request where id = $1`, [
      theirs,
    ]);
    expect(still!.status).toBe('REQUESTED');

    // A prescription a doctor stopped is not repeated.
    const stopped = await factory.prescription(patient.profile, doctor.profile);
    expectData(
      await gql(app, `mutation ($id: ID!) { discontinuePrescription(id: $id, reason: "Rash") { id } }`, {
        token: doctor.token,
        variables: { id: stopped.id },
      }),
    );
    const refused = expectGraphQLError(await ask(patient.token, stopped.id), 'CONFLICT');
    expect(refused.extensions['reason']).toBe('PRESCRIPTION_NOT_REPEATABLE');
  });

  it('a request to a doctor who has left goes to the patient’s other doctors, who may answer it', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const colleague = await factory.doctor();
    await factory.appointment(patient.profile, colleague.profile);
    const stranger = await factory.doctor();
    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;
    const queueOf = async (token: string) =>
      expectData(await gql<{ repeatRequests: { id: string }[] }>(app, QUEUE, { token })).repeatRequests.map(
        (request) => request.id,
      );

    // While the prescriber works here, the request is theirs alone.
    expect(await queueOf(colleague.token)).toEqual([]);
    await database.query(`update app_user set active = false where id = $1`, [doctor.user.id]);
    expect(await queueOf(colleague.token)).toEqual([requestId]);
    // Only doctors caring for the patient see it.
    expect(await queueOf(stranger.token)).toEqual([]);
    // A request asked after the departure tells the doctor who left nothing.
    const later = await factory.prescription(patient.profile, doctor.profile);
    expectData(await ask(patient.token, later.id));
    expect((await notificationsOf(doctor.user.id)).map((row) => row.kind)).toEqual(['REPEAT_REQUESTED']);
    const declined = expectData(
      await gql<{ declineRepeatRequest: RequestView }>(app, DECLINE, {
        token: colleague.token,
        variables: { id: requestId, reason: 'Dr has left: please book a visit with me to review it.' },
      }),
    ).declineRepeatRequest;
    expect(declined.status).toBe('DECLINED');
  });

  it('a request to a doctor on time off is shared with the patient’s other doctors until they are back', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const colleague = await factory.doctor();
    await factory.appointment(patient.profile, colleague.profile);
    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;
    const queueOf = async (token: string) =>
      expectData(await gql<{ repeatRequests: { id: string }[] }>(app, QUEUE, { token })).repeatRequests.map(
        (request) => request.id,
      );
    const countOf = async (token: string) =>
      expectData(await gql<{ repeatRequestCount: number }>(app, '{ repeatRequestCount }', { token }))
        .repeatRequestCount;

    await database.query(
      `insert into time_off (doctor_id, starts_at, ends_at) values ($1, now() - interval '1 hour', now() + interval '3 days')`,
      [doctor.profile.id],
    );
    expect(await queueOf(colleague.token)).toEqual([requestId]);
    expect(await countOf(colleague.token)).toBe(1);
    // Still the prescriber's too: whoever answers first settles it.
    expect(await queueOf(doctor.token)).toEqual([requestId]);

    await database.query(`delete from time_off where doctor_id = $1`, [doctor.profile.id]);
    expect(await queueOf(colleague.token)).toEqual([]);
    expect(await countOf(colleague.token)).toBe(0);
  });

  it('links each repeated medicine to the course it continues, as FHIR’s priorPrescription', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const requestId = expectData(await ask(patient.token, prescription.id)).requestRepeatPrescription.id;
    const items = [
      // The same medicine at another strength continues it; a new one does not.
      { medication: 'Amoxicillin 250 mg capsules', dosage: '250 mg', frequency: 'three times daily', durationDays: 7 },
      { medication: 'Paracetamol', dosage: '1 g', frequency: 'as needed', durationDays: 5 },
    ];
    const issued = expectData(
      await gql<{ issuePrescription: { id: string } }>(app, ISSUE, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, items, repeatRequestId: requestId } },
      }),
    ).issuePrescription;
    const requests = await fhirGet<Bundle>(app, `MedicationRequest?patient=${patient.profile.id}`, patient.token);
    expect(requests.status).toBe(200);
    const resources = (requests.body.entry ?? []).map((entry) => entry.resource as MedicationRequest);
    expectValidFhir(requests.body);
    const earlier = resources.find((resource) => resource.groupIdentifier?.value === prescription.id)!;
    const byMedicine = new Map(
      resources
        .filter((resource) => resource.groupIdentifier?.value === issued.id)
        .map((resource) => [resource.medicationCodeableConcept?.text, resource]),
    );
    expect(earlier.priorPrescription).toBeUndefined();
    expect(byMedicine.get('Amoxicillin 250 mg capsules')?.priorPrescription).toEqual({
      reference: `MedicationRequest/${earlier.id}`,
    });
    expect(byMedicine.get('Paracetamol')).toBeDefined();
    expect(byMedicine.get('Paracetamol')?.priorPrescription).toBeUndefined();
    // The whole chart ($everything, read another way) says the same.
    const everything = await fhirGet<Bundle>(app, `Patient/${patient.profile.id}/$everything`, patient.token);
    const repeated = (everything.body.entry ?? [])
      .map((entry) => entry.resource)
      .find((resource) => resource?.id === byMedicine.get('Amoxicillin 250 mg capsules')!.id) as MedicationRequest;
    expect(repeated.priorPrescription).toEqual({ reference: `MedicationRequest/${earlier.id}` });
  });

  it('the chart’s Repeat of a running course continues it: no duplicate therapy, each medicine linked', async () => {
    const { patient, doctor, prescription } = await prescribed();
    const other = await prescribed();
    const issue = (repeatOfPrescriptionId?: string) =>
      gql<{ issuePrescription: { id: string } }>(app, ISSUE, {
        token: doctor.token,
        variables: { input: { patientId: patient.profile.id, items: repeatItems, repeatOfPrescriptionId } },
      });

    expect(expectGraphQLError(await issue(), 'CONFLICT').extensions['reason']).toBe('DUPLICATE_THERAPY');
    // Another patient's prescription is no course of this one's.
    expect(expectGraphQLError(await issue(other.prescription.id), 'BAD_USER_INPUT').extensions['fields']).toEqual([
      { field: 'input.repeatOfPrescriptionId', message: 'is not a prescription of this patient' },
    ]);
    const repeat = expectData(await issue(prescription.id)).issuePrescription;
    const links = await database.query<{ repeat_of_id: string | null; earlier: string }>(
      `select n.repeat_of_id, (select e.id from prescription_item e where e.prescription_id = $2 order by e.position limit 1) as earlier
         from prescription_item n where n.prescription_id = $1`,
      [repeat.id, prescription.id],
    );
    expect(links).toHaveLength(1);
    expect(links[0]!.repeat_of_id).toBe(links[0]!.earlier);
  });

  it('reads the doctor’s queue in statements that do not grow with it', async () => {
    const doctor = await factory.doctor();
    const queueStatements = async () => {
      statements.length = 0;
      const data = expectData(await gql<{ repeatRequests: unknown[] }>(app, QUEUE, { token: doctor.token }));
      // The rate limit's lease comes and goes with the token's window: not the queue's.
      const sent = statements.filter((sql) => !sql.includes('rate_limit'));
      return { rows: data.repeatRequests.length, sent: sent.length, sql: sent.map((sql) => sql.slice(0, 140)) };
    };
    const addRequest = async () => {
      const patient = await factory.patient();
      const appointment = await factory.appointment(patient.profile, doctor.profile);
      const prescription = await factory.prescription(patient.profile, doctor.profile, appointment);
      expectData(await ask(patient.token, prescription.id));
    };

    await addRequest();
    const one = await queueStatements();
    await addRequest();
    await addRequest();
    await addRequest();
    const four = await queueStatements();
    expect(one.rows).toBe(1);
    expect(four.rows).toBe(4);
    expect(four.sent, JSON.stringify([one, four], null, 1)).toBe(one.sent);
  });
});
