import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, TEST_PASSWORD, type Account } from '../../test/factories.js';
import { gql } from '../../test/graphql.js';
import { createPartner } from '../../test/partners.js';
import { subscribe, wsClient } from '../../test/ws.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import { TimeOff } from '../modules/doctors/time-off.entity.js';
import { Notification, NotificationKind } from '../modules/notifications/notification.entity.js';
import { ApiClient } from '../modules/partners/api-client.entity.js';
import { RepeatRequest } from '../modules/prescriptions/repeat-request.entity.js';
import { ErasureRequest, ErasureRequestStatus } from '../modules/privacy/erasure-request.entity.js';
import { AccessAlert, AccessAlertRule } from '../modules/privacy/access-alert.entity.js';
import { Role } from '../modules/identity/role.js';
import { Consent, ConsentPurpose } from '../modules/partners/consent.entity.js';
import type { Patient } from '../modules/patients/patient.entity.js';
import type { Application } from './bootstrap.js';
import { buildAppSchema } from './schema.js';
import { generate } from 'otplib';
import { emailVerificationToken } from '../modules/identity/email-verification.service.js';
import { passwordResetToken } from '../modules/identity/password-reset.service.js';
import { phoneCode } from '../modules/patients/phone-confirmation.entity.js';

/**
 * Every query, mutation and subscription of the built schema, run as each kind of caller, checked
 * against the contract's role table; an operation without a case fails the coverage test. "OK"
 * means answered without error; anything else is the `extensions.code` expected. Patient A is the subject; the caring doctor has an appointment
 * with A, the other doctor none.
 */
type Caller = 'anonymous' | 'patientA' | 'patientB' | 'caringDoctor' | 'otherDoctor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'patientA', 'patientB', 'caringDoctor', 'otherDoctor', 'admin'];
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN';
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

interface Operation {
  name: string;
  expected: Row;
  /** Builds the document and variables; called once per caller, so each gets fresh targets. */
  prepare(caller: Caller): Promise<{ query: string; variables?: Record<string, unknown> }>;
}

/** A patient caller's profile gets a mobile number of its own (for the text-message rows); their id, else undefined. */
async function givePhone(caller: Caller): Promise<string | undefined> {
  if (caller !== 'patientA' && caller !== 'patientB') {
    return undefined;
  }
  const patientId = accounts[caller].profile!.id;
  await app.orm.em
    .fork()
    .getConnection()
    .execute(`update patient set phone = ? where id = ?`, [
      `+49151${Math.floor(1e7 + Math.random() * 9e7)}`,
      patientId,
    ]);
  return patientId;
}

const U = 'UNAUTHENTICATED' as const;
const F = 'FORBIDDEN' as const;

let app: Application;
let factory: Factory;
let patientA: Account<Patient>;
let patientB: Account<Patient>;
let caring: Account<Doctor>;
let other: Account<Doctor>;
let admin: Account<null>;
let tokens: Record<Caller, string | undefined>;
let accounts: Record<Exclude<Caller, 'anonymous'>, Account<Patient | Doctor | null>>;
let clock = 0;
/**
 * A distinct free half hour, far ahead (or `pastHours` ago), for each appointment made here. Ahead:
 * twelve half hours a day from 08:00 UTC, so none falls late in a doctor's evening (whatever the
 * time of day the tests run), where hours set by a test could leave it out.
 */
const uniqueTime = (pastHours = 0) => {
  if (pastHours) {
    return new Date(Math.floor(Date.now() / 1_800_000) * 1_800_000 - (pastHours + ++clock) * 3_600_000);
  }
  const step = ++clock;
  const today = new Date();
  return new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 600 + Math.floor(step / 12), 8) +
      (step % 12) * 1_800_000,
  );
};
const appointmentOfA = (status: AppointmentStatus, startsAt = uniqueTime()) =>
  factory.appointment(patientA.profile, caring.profile, { status, startsAt });

/** A repeat request of patient A's, to the caring doctor, still waiting. */
async function waitingRepeatRequest(): Promise<RepeatRequest> {
  const prescription = await factory.prescription(patientA.profile, caring.profile);
  const em = app.orm.em.fork();
  const request = em.create(RepeatRequest, {
    prescription: prescription.id,
    patient: patientA.profile.id,
    doctor: caring.profile.id,
  });
  await em.flush();
  return request;
}

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  [patientA, patientB, caring, other, admin] = await Promise.all([
    factory.patient(),
    factory.patient(),
    factory.doctor(),
    factory.doctor(),
    factory.admin(),
  ]);
  await appointmentOfA(AppointmentStatus.CONFIRMED);
  accounts = { patientA, patientB, caringDoctor: caring, otherDoctor: other, admin };
  tokens = {
    anonymous: undefined,
    patientA: patientA.token,
    patientB: patientB.token,
    caringDoctor: caring.token,
    otherDoctor: other.token,
    admin: admin.token,
  };
});

/** A conversation between patient A and the caring doctor, started by A. */
async function threadOfA(): Promise<string> {
  const response = await gql<{ startThread: { id: string } }>(
    app,
    'mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }',
    {
      token: patientA.token,
      variables: { input: { doctorId: caring.profile.id, subject: 'Question', body: 'Hello' } },
    },
  );
  return response.data!.startThread.id;
}

/** Where the matrix's webhooks point: nothing listens there, and no case triggers their kind. */
const WEBHOOK_URL = 'http://127.0.0.1:9/hooks';

/** A fresh webhook of the clinic's, registered by the admin. */
async function adminWebhook(): Promise<string> {
  const response = await gql<{ createWebhook: { webhook: { id: string } } }>(
    app,
    `mutation { createWebhook(input: { url: "${WEBHOOK_URL}", events: [NO_SHOW] }) { webhook { id } } }`,
    { token: admin.token },
  );
  return response.data!.createWebhook.webhook.id;
}

let lastingWebhook: Promise<string> | undefined;
/** One webhook of the clinic's for the cases that leave it in place (a clinic has at most 20). */
function keptAdminWebhook(): Promise<string> {
  lastingWebhook ??= adminWebhook();
  return lastingWebhook;
}

/** 10:00 UTC on a day of its own, days ahead: inside every test doctor's hours, whatever the zone's offset. */
let day = 0;
const daySlot = () => {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 3 + ++day, 10));
};

/** A 30-minute waitlist window a few days ahead for `doctorId` (a fresh doctor: free, so offered at once). */
const waitlistWindow = (doctorId: string) => {
  const from = daySlot();
  return { doctorId, from: from.toISOString(), to: new Date(from.getTime() + 1_800_000).toISOString() };
};

/** A waitlist place with an offer: the calling patient's own, else a fresh patient's. */
async function waitlistPlace(caller: Caller): Promise<string> {
  const owner = caller === 'patientA' ? patientA : caller === 'patientB' ? patientB : await factory.patient();
  const joined = await gql<{ joinWaitlist: { id: string } }>(
    app,
    'mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id } }',
    { token: owner.token, variables: { input: waitlistWindow((await factory.doctor()).profile.id) } },
  );
  return joined.data!.joinWaitlist.id;
}

/** An erasure request still open: the calling patient's own (made if they have none), else a fresh patient's. */
async function openErasureRequest(caller: Caller): Promise<string> {
  const owner = caller === 'patientA' ? patientA : caller === 'patientB' ? patientB : await factory.patient();
  const em = app.orm.em.fork();
  const open = await em.findOne(ErasureRequest, { patient: owner.profile.id, status: ErasureRequestStatus.REQUESTED });
  if (open) {
    return open.id;
  }
  const request = em.create(ErasureRequest, {
    patient: owner.profile.id,
    dueAt: new Date(Date.now() + 30 * 86_400_000),
  });
  await em.flush();
  return request.id;
}

/** A fresh OPEN access alert about some doctor's account (never the caller's). */
async function openAccessAlert(): Promise<string> {
  const em = app.orm.em.fork();
  const alert = em.create(AccessAlert, {
    rule: AccessAlertRule.REPEATED_EMERGENCY_ACCESS,
    actorId: randomUUID(),
    actorRole: Role.DOCTOR,
    actorName: 'Dr Matrix Alert',
    windowStart: new Date(Date.now() - 86_400_000),
    windowEnd: new Date(),
    patientCount: 3,
    patientIds: [],
  });
  await em.flush();
  return alert.id;
}

/** The TOTP secret each caller enrolled in the confirmTotpEnrollment case (disableTotp uses it). */
const totpSecrets = new Map<Caller, string>();

async function startEnrollment(token: string): Promise<string> {
  const response = await gql<{ startTotpEnrollment: { secret: string } }>(
    app,
    'mutation { startTotpEnrollment { secret } }',
    { token },
  );
  return response.data!.startTotpEnrollment.secret;
}

/** A code one step ahead, so it is never the step an earlier code of the same secret spent. */
const codeAhead = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

const operations: Operation[] = [
  // ---- queries
  {
    name: 'query me',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ me { id role } }' }),
  },
  {
    name: 'query patients',
    expected: [U, F, F, 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ patients { totalCount } }' }),
  },
  {
    name: 'query patient (demographics)',
    expected: [U, 'OK', F, 'OK', F, 'OK'],
    prepare: async () => ({
      query: 'query ($id: ID!) { patient(id: $id) { id firstName } }',
      variables: { id: patientA.profile.id },
    }),
  },
  {
    name: 'query patient (clinical history)',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query:
        'query ($id: ID!) { patient(id: $id) { allergies medicalRecords { totalCount } prescriptions { totalCount } } }',
      variables: { id: patientA.profile.id },
    }),
  },
  {
    name: 'query doctors',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ doctors { totalCount } }' }),
  },
  {
    name: 'query doctor',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'query ($id: ID!) { doctor(id: $id) { id } }',
      variables: { id: caring.profile.id },
    }),
  },
  {
    name: 'query availableSlots',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query:
        'query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt } }',
      variables: {
        d: caring.profile.id,
        f: new Date().toISOString(),
        t: new Date(Date.now() + 86_400_000).toISOString(),
      },
    }),
  },
  {
    name: 'query appointments',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ appointments { totalCount } }' }),
  },
  {
    name: 'query appointmentChanges',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ appointmentChanges(first: 5) { edges { cursor node { id kind } } } }' }),
  },
  {
    name: 'query appointment',
    expected: [U, 'OK', F, 'OK', F, 'OK'],
    prepare: async () => ({
      query: 'query ($id: ID!) { appointment(id: $id) { id status } }',
      variables: { id: (await appointmentOfA(AppointmentStatus.CONFIRMED)).id },
    }),
  },
  {
    name: 'query prescription',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'query ($id: ID!) { prescription(id: $id) { id items { medication } } }',
      variables: { id: (await factory.prescription(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'query medicalRecord',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'query ($id: ID!) { medicalRecord(id: $id) { id diagnoses { code } } }',
      variables: { id: (await factory.record(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'query attachment',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => {
      const record = await factory.record(patientA.profile, caring.profile);
      return {
        query: 'query ($id: ID!) { attachment(id: $id) { id fileName status downloadUrl } }',
        variables: { id: (await factory.attachment(record, caring.user)).id },
      };
    },
  },
  {
    name: 'query labCatalogue',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ labCatalogue { code name isPanel unit } }' }),
  },
  {
    name: 'query labOrder',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'query ($id: ID!) { labOrder(id: $id) { id status results { code value interpretation } } }',
      variables: { id: (await factory.labOrder(patientA.profile, caring.profile, 4.2)).id },
    }),
  },
  {
    name: 'query labResultsToReview',
    // Any doctor: their own orders' (the list is narrowed, not refused).
    expected: [U, F, F, 'OK', 'OK', F],
    prepare: async () => ({ query: '{ labResultsToReview { id } }' }),
  },
  {
    name: 'query labResultsToReviewCount',
    expected: [U, F, F, 'OK', 'OK', F],
    prepare: async () => ({ query: '{ labResultsToReviewCount }' }),
  },
  {
    name: 'query auditEvents',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({ query: '{ auditEvents { totalCount } }' }),
  },
  {
    name: 'query myAccessLog',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: '{ myAccessLog { totalCount } }' }),
  },
  // ---- identity
  {
    name: 'mutation registerPatient',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }',
      variables: {
        input: {
          email: `matrix-${randomUUID()}@example.com`,
          password: 'a sturdy passphrase',
          firstName: 'M',
          lastName: 'X',
          dateOfBirth: '1990-01-01',
        },
      },
    }),
  },
  {
    name: 'mutation login',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: (await factory.patient()).user.email, p: TEST_PASSWORD },
    }),
  },
  {
    name: 'mutation refreshSession',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      variables: { t: await freshRefreshToken() },
    }),
  },
  {
    name: 'mutation logout',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'mutation ($t: String!) { logout(refreshToken: $t) }',
      variables: { t: await freshRefreshToken() },
    }),
  },
  {
    name: 'mutation createDoctor',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($input: CreateDoctorInput!) { createDoctor(input: $input) { id } }',
      variables: {
        input: {
          email: `matrix-doctor-${randomUUID()}@clinic.test`,
          password: 'a sturdy passphrase',
          firstName: 'D',
          lastName: 'X',
          specialization: 'Neurology',
          licenseNumber: `M-${randomUUID().slice(0, 12)}`,
          timezone: 'Europe/Berlin',
        },
      },
    }),
  },
  {
    name: 'mutation setDoctorAvailability',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => ({
      query:
        'mutation ($d: ID!, $r: [AvailabilityRuleInput!]!) { setDoctorAvailability(doctorId: $d, rules: $r) { id } }',
      variables: {
        d: caring.profile.id,
        r: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '00:00', endTime: '23:30', slotMinutes: 30 })),
      },
    }),
  },
  {
    name: 'mutation updateDoctor',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($d: ID!, $input: UpdateDoctorInput!) { updateDoctor(id: $d, input: $input) { id } }',
      variables: { d: caring.profile.id, input: { bio: `Sees adults. ${randomUUID()}` } },
    }),
  },
  {
    name: 'mutation deactivateUser',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { deactivateUser(id: $id) { id } }',
      variables: { id: (await factory.patient()).user.id },
    }),
  },
  {
    name: 'mutation requestEmergencyAccess',
    expected: [U, F, F, 'OK', 'OK', F],
    prepare: async () => ({
      query: 'mutation ($p: ID!, $r: String!) { requestEmergencyAccess(patientId: $p, reason: $r) { id } }',
      // Another patient: a grant on A would give the other doctor A's chart for the rest of the run.
      variables: { p: (await factory.patient()).profile.id, r: 'Unconscious in the emergency room' },
    }),
  },
  // ---- patients
  {
    name: 'mutation updatePatient',
    expected: [U, 'OK', F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { updatePatient(id: $id, input: { phone: "+49 30 5550100" }) { id } }',
      variables: { id: patientA.profile.id },
    }),
  },
  {
    // The medical history: the patient and a doctor caring for them, not an administrator.
    name: 'mutation updatePatient (medical history)',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { updatePatient(id: $id, input: { chronicConditions: ["Asthma"] }) { id } }',
      variables: { id: patientA.profile.id },
    }),
  },
  // ---- appointments
  {
    name: 'mutation bookAppointment',
    expected: [U, 'OK', F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
      variables: {
        // A day of its own at 10:00 UTC: uniqueTime() can fall on 23:30 Berlin, after the last slot.
        input: { doctorId: caring.profile.id, startsAt: daySlot().toISOString(), patientId: patientA.profile.id },
      },
    }),
  },
  // ---- holds and the waitlist: each patient their own; other callers act on patient A's (or a fresh patient's)
  {
    name: 'mutation holdSlot',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async (caller) => ({
      query: 'mutation ($d: ID!, $s: DateTime!, $p: ID) { holdSlot(doctorId: $d, startsAt: $s, patientId: $p) { id } }',
      variables: {
        d: caring.profile.id,
        s: daySlot().toISOString(),
        p: caller === 'patientB' ? patientB.profile.id : patientA.profile.id,
      },
    }),
  },
  {
    name: 'mutation releaseSlotHold',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async (caller) => {
      const owner = caller === 'patientA' ? patientA : caller === 'patientB' ? patientB : await factory.patient();
      const held = await gql<{ holdSlot: { id: string } }>(
        app,
        'mutation ($d: ID!, $s: DateTime!) { holdSlot(doctorId: $d, startsAt: $s) { id } }',
        { token: owner.token, variables: { d: (await factory.doctor()).profile.id, s: daySlot().toISOString() } },
      );
      return {
        query: 'mutation ($id: ID!) { releaseSlotHold(id: $id) }',
        variables: { id: held.data!.holdSlot.id },
      };
    },
  },
  {
    name: 'mutation joinWaitlist',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({
      query: 'mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id } }',
      variables: { input: waitlistWindow((await factory.doctor()).profile.id) },
    }),
  },
  {
    name: 'mutation acceptWaitlistOffer',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async (caller) => ({
      query: 'mutation ($id: ID!) { acceptWaitlistOffer(id: $id) { id } }',
      variables: { id: await waitlistPlace(caller) },
    }),
  },
  {
    name: 'mutation leaveWaitlist',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async (caller) => ({
      query: 'mutation ($id: ID!) { leaveWaitlist(id: $id) { id status } }',
      variables: { id: await waitlistPlace(caller) },
    }),
  },
  {
    name: 'query myWaitlist',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: '{ myWaitlist { id status offer { expiresAt } doctor { id } } }' }),
  },
  {
    name: 'query doctorWaitlist',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => ({
      query: 'query ($d: ID!) { doctorWaitlist(doctorId: $d) { id patientName status } }',
      variables: { d: caring.profile.id },
    }),
  },
  lifecycle('confirmAppointment', AppointmentStatus.REQUESTED, [U, F, F, 'OK', F, 'OK']),
  lifecycle('checkInAppointment', AppointmentStatus.CONFIRMED, [U, F, F, 'OK', F, 'OK'], 2),
  lifecycle('completeAppointment', AppointmentStatus.CONFIRMED, [U, F, F, 'OK', F, F], 2),
  lifecycle('markNoShow', AppointmentStatus.CONFIRMED, [U, F, F, 'OK', F, 'OK'], 2),
  lifecycle('cancelAppointment', AppointmentStatus.REQUESTED, [U, 'OK', F, 'OK', F, 'OK']),
  {
    name: 'mutation rescheduleAppointment',
    expected: [U, 'OK', F, 'OK', F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!, $at: DateTime!) { rescheduleAppointment(id: $id, startsAt: $at) { id } }',
      variables: { id: (await appointmentOfA(AppointmentStatus.REQUESTED)).id, at: uniqueTime().toISOString() },
    }),
  },
  // ---- schedules
  {
    name: 'mutation addTimeOff',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => {
      const startsAt = uniqueTime();
      return {
        query:
          'mutation ($d: ID!, $s: DateTime!, $e: DateTime!) { addTimeOff(doctorId: $d, startsAt: $s, endsAt: $e) { id } }',
        variables: {
          d: caring.profile.id,
          s: startsAt.toISOString(),
          e: new Date(+startsAt + 1_800_000).toISOString(),
        },
      };
    },
  },
  {
    name: 'mutation removeTimeOff',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => {
      const em = app.orm.em.fork();
      const startsAt = uniqueTime();
      const period = em.create(TimeOff, {
        doctor: caring.profile.id,
        startsAt,
        endsAt: new Date(+startsAt + 1_800_000),
      });
      await em.flush();
      return { query: 'mutation ($id: ID!) { removeTimeOff(id: $id) }', variables: { id: period.id } };
    },
  },
  {
    name: 'query analytics',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($f: DateTime!, $t: DateTime!) { analytics(from: $f, to: $t) { noShowRate } }',
      variables: { f: new Date(Date.now() - 7 * 86_400_000).toISOString(), t: new Date().toISOString() },
    }),
  },
  // ---- clinical safety and schedule changes (issue 10)
  {
    name: 'query specializations',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ specializations { name } }' }),
  },
  {
    name: 'mutation createSpecialization',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($n: String!) { createSpecialization(name: $n) { id } }',
      variables: { n: `Matrix ${randomUUID().slice(0, 8)}` },
    }),
  },
  {
    name: 'query firstAvailableSlots',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: '{ firstAvailableSlots(specialization: "General Practice", limit: 2) { startsAt } }',
    }),
  },
  {
    name: 'query patientLookup',
    expected: [U, F, F, 'OK', 'OK', F],
    prepare: async () => ({
      query: 'query ($s: String!) { patientLookup(search: $s) { patientId access } }',
      variables: { s: patientA.profile.lastName },
    }),
  },
  {
    name: 'query affectedAppointments',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => ({
      query: 'query ($input: ScheduleChangeInput!) { affectedAppointments(input: $input) { id } }',
      variables: {
        input: {
          doctorId: caring.profile.id,
          timeOff: { startsAt: uniqueTime().toISOString(), endsAt: new Date(+uniqueTime() + 1_800_000).toISOString() },
        },
      },
    }),
  },
  {
    name: 'mutation resolveAffectedAppointments',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => ({
      query:
        'mutation ($r: [AffectedAppointmentResolutionInput!]!) { resolveAffectedAppointments(resolutions: $r) { id } }',
      variables: {
        r: [
          {
            appointmentId: (await appointmentOfA(AppointmentStatus.CONFIRMED)).id,
            action: 'CANCEL',
            reason: 'The doctor is away',
          },
        ],
      },
    }),
  },
  {
    name: 'mutation reactivateUser',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { reactivateUser(id: $id) { id } }',
      variables: { id: (await factory.patient()).user.id },
    }),
  },
  {
    name: 'mutation markAllNotificationsRead',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: 'mutation { markAllNotificationsRead }' }),
  },
  // ---- notifications and the server
  {
    name: 'query notifications',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ notifications(first: 5) { edges { node { id } } } }' }),
  },
  {
    name: 'query unreadNotificationCount',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ unreadNotificationCount }' }),
  },
  {
    // Each caller marks their own; someone else's is NOT_FOUND (notification.int.test.ts).
    name: 'mutation markNotificationRead',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async (caller) => {
      const em = app.orm.em.fork();
      const owner = caller === 'anonymous' ? patientA : accounts[caller];
      const notification = em.create(Notification, {
        user: owner.user.id,
        kind: NotificationKind.APPOINTMENT_BOOKED,
        title: 'Appointment booked',
        body: 'Your appointment was booked.',
      });
      await em.flush();
      return {
        query: 'mutation ($id: ID!) { markNotificationRead(id: $id) { id } }',
        variables: { id: notification.id },
      };
    },
  },
  {
    name: 'query serverTime',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ serverTime }' }),
  },
  // ---- messages: only the thread's patient and doctor, never an administrator
  {
    name: 'query messageThreads',
    expected: [U, 'OK', 'OK', 'OK', 'OK', F],
    prepare: async () => ({ query: '{ messageThreads { totalCount } }' }),
  },
  {
    name: 'query messageThread',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'query ($id: ID!) { messageThread(id: $id) { id messages { edges { node { body } } } } }',
      variables: { id: await threadOfA() },
    }),
  },
  {
    name: 'query unreadMessageCount',
    expected: [U, 'OK', 'OK', 'OK', 'OK', F],
    prepare: async () => ({ query: '{ unreadMessageCount }' }),
  },
  {
    name: 'query careTeam',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: '{ careTeam { id } }' }),
  },
  {
    name: 'mutation startThread',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async (caller) => ({
      query: 'mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }',
      variables: {
        input:
          caller === 'caringDoctor' || caller === 'otherDoctor'
            ? { patientId: patientA.profile.id, subject: 'Results', body: 'Your results are in.' }
            : { doctorId: caring.profile.id, subject: 'Question', body: 'Hello' },
      },
    }),
  },
  {
    name: 'mutation sendMessage',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($t: ID!) { sendMessage(threadId: $t, body: "Thank you") { id } }',
      variables: { t: await threadOfA() },
    }),
  },
  {
    name: 'mutation markThreadRead',
    expected: [U, 'OK', F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($t: ID!) { markThreadRead(threadId: $t) { id unreadCount } }',
      variables: { t: await threadOfA() },
    }),
  },
  // ---- account security: each signed-in user for their own account
  {
    name: 'query mySessions',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ mySessions { id current } }' }),
  },
  {
    name: 'mutation revokeSession',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async (caller) => {
      // A second sign-in of the caller's own account, to end.
      const owner = caller === 'anonymous' ? patientA : accounts[caller];
      const signedIn = await gql<{ login: { accessToken: string } }>(
        app,
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { variables: { e: owner.user.email, p: TEST_PASSWORD } },
      );
      const [, payload] = signedIn.data!.login.accessToken.split('.');
      const { sid } = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sid: string };
      return { query: 'mutation ($id: ID!) { revokeSession(id: $id) }', variables: { id: sid } };
    },
  },
  {
    name: 'mutation revokeOtherSessions',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: 'mutation { revokeOtherSessions }' }),
  },
  {
    name: 'mutation startTotpEnrollment',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: 'mutation { startTotpEnrollment { otpauthUri } }' }),
  },
  {
    name: 'mutation confirmTotpEnrollment',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async (caller) => {
      let code = '000000';
      if (caller !== 'anonymous') {
        const secret = await startEnrollment(tokens[caller]!);
        totpSecrets.set(caller, secret);
        code = await generate({ secret });
      }
      return { query: 'mutation ($c: String!) { confirmTotpEnrollment(code: $c) }', variables: { c: code } };
    },
  },
  {
    name: 'mutation disableTotp',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async (caller) => {
      const secret = totpSecrets.get(caller);
      return {
        query: 'mutation ($c: String!) { disableTotp(code: $c) }',
        variables: { c: secret ? await codeAhead(secret) : '000000' },
      };
    },
  },
  {
    name: 'mutation completeMfaLogin',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => {
      const someone = await factory.patient();
      const secret = await startEnrollment(someone.token);
      await gql(app, 'mutation ($c: String!) { confirmTotpEnrollment(code: $c) }', {
        token: someone.token,
        variables: { c: await generate({ secret }) },
      });
      const login = await gql(
        app,
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        {
          variables: { e: someone.user.email, p: TEST_PASSWORD },
        },
      );
      const challenge = login.errors![0]!.extensions['challenge'] as string;
      return {
        query: 'mutation ($ch: String!, $c: String!) { completeMfaLogin(challenge: $ch, code: $c) { accessToken } }',
        variables: { ch: challenge, c: await codeAhead(secret) },
      };
    },
  },
  {
    name: 'mutation requestPasswordReset',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'mutation ($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: (await factory.patient()).user.email },
    }),
  },
  {
    name: 'mutation resetPassword',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => {
      const someone = await factory.patient();
      await gql(app, 'mutation ($e: String!) { requestPasswordReset(email: $e) }', {
        variables: { e: someone.user.email },
      });
      const [reset] = await app.orm.em
        .fork()
        .getConnection()
        .execute<{ id: string }[]>('select id from password_reset where user_id = ?', [someone.user.id]);
      return {
        query: 'mutation ($t: String!) { resetPassword(token: $t, newPassword: "a-new-password-123") }',
        variables: { t: passwordResetToken(app.settings.jwtSecret, reset!.id) },
      };
    },
  },
  {
    name: 'mutation changePassword',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    // Each caller's own password, changed once (the tokens here stay: this session is kept).
    prepare: async (caller) => ({
      query: 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      variables: { c: TEST_PASSWORD, n: `a changed password of ${caller}` },
    }),
  },
  {
    name: 'mutation resendEmailVerification',
    expected: [U, 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: 'mutation { resendEmailVerification }' }),
  },
  {
    name: 'mutation verifyEmail',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => {
      const someone = await factory.patient();
      const db = app.orm.em.fork().getConnection();
      await db.execute('update app_user set email_verified_at = null where id = ?', [someone.user.id]);
      await gql(app, 'mutation { resendEmailVerification }', { token: someone.token });
      const [link] = await db.execute<{ id: string }[]>('select id from email_verification where user_id = ?', [
        someone.user.id,
      ]);
      return {
        query: 'mutation ($t: String!) { verifyEmail(token: $t) }',
        variables: { t: emailVerificationToken(app.settings.jwtSecret, link!.id) },
      };
    },
  },
  // ---- text-message reminders (PATIENT, their own phone)
  {
    name: 'mutation startPhoneConfirmation',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async (caller) => {
      await givePhone(caller);
      return { query: 'mutation { startPhoneConfirmation }' };
    },
  },
  {
    name: 'mutation confirmPhone',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async (caller) => {
      const patientId = await givePhone(caller);
      if (!patientId) {
        return { query: 'mutation { confirmPhone(code: "000000") { id } }' };
      }
      const [row] = await app.orm.em
        .fork()
        .getConnection()
        .execute<{ id: string }[]>(
          `insert into phone_confirmation (patient_id, phone, expires_at)
           select id, phone, now() + interval '10 minutes' from patient where id = ? returning id`,
          [patientId],
        );
      return {
        query: 'mutation ($c: String!) { confirmPhone(code: $c) { id } }',
        variables: { c: phoneCode(app.settings.jwtSecret, row!.id) },
      };
    },
  },
  {
    name: 'mutation setSmsReminders',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: 'mutation { setSmsReminders(enabled: false) { id smsReminders } }' }),
  },
  // ---- partners: API clients (ADMIN) and consent (PATIENT)
  {
    name: 'query apiClients',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({ query: '{ apiClients { totalCount } }' }),
  },
  {
    name: 'query apiScopes',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ apiScopes { name description forPatient } }' }),
  },
  {
    name: 'query sharingPartners',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: '{ sharingPartners { id name scopes } }' }),
  },
  {
    name: 'query myConsents',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: '{ myConsents { id active } }' }),
  },
  {
    name: 'query erasureRequests',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async () => ({ query: '{ erasureRequests { totalCount edges { node { id status patient { id } } } } }' }),
  },
  {
    name: 'mutation requestErasure',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({ query: 'mutation { requestErasure(reason: "Moving abroad") { id status } }' }),
  },
  {
    name: 'mutation withdrawErasureRequest',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async (caller) => ({
      query: 'mutation ($id: ID!) { withdrawErasureRequest(id: $id) { id status } }',
      variables: { id: await openErasureRequest(caller) },
    }),
  },
  {
    name: 'mutation decideErasureRequest',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query:
        'mutation ($id: ID!, $input: DecideErasureRequestInput!) { decideErasureRequest(id: $id, input: $input) { id status } }',
      variables: {
        id: await openErasureRequest('admin'),
        input: { carryOut: false, answer: 'Your bills for this year are still being settled.' },
      },
    }),
  },
  {
    name: 'query accessAlerts',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({ query: '{ accessAlerts { totalCount edges { node { id rule status actorName } } } }' }),
  },
  {
    name: 'mutation reviewAccessAlert',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query:
        'mutation ($id: ID!, $input: ReviewAccessAlertInput!) { reviewAccessAlert(id: $id, input: $input) { id status } }',
      variables: {
        id: await openAccessAlert(),
        input: { breach: false, note: 'Covering a colleague’s ward this week.' },
      },
    }),
  },
  {
    name: 'mutation createApiClient',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation { createApiClient(input: { name: "Matrix Labs", scopes: ["doctors:read"] }) { clientSecret } }',
    }),
  },
  {
    name: 'query webhooks',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({ query: '{ webhooks { id url events active } }' }),
  },
  {
    name: 'query webhookDeliveries',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount } }',
      variables: { id: await keptAdminWebhook() },
    }),
  },
  {
    name: 'mutation createWebhook',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: `mutation { createWebhook(input: { url: "${WEBHOOK_URL}", events: [NO_SHOW] }) { secret } }`,
    }),
  },
  {
    name: 'mutation deleteWebhook',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { deleteWebhook(id: $id) }',
      variables: { id: await adminWebhook() },
    }),
  },
  {
    name: 'mutation reactivateWebhook',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { reactivateWebhook(id: $id) { active } }',
      variables: { id: await keptAdminWebhook() },
    }),
  },
  {
    name: 'mutation testWebhook',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { testWebhook(id: $id) { succeeded errorClass } }',
      variables: { id: await keptAdminWebhook() },
    }),
  },
  {
    name: 'mutation rotateApiClientSecret',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }',
      variables: { id: (await createPartner(app, admin.token, ['doctors:read'])).id },
    }),
  },
  {
    name: 'mutation revokeApiClient',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { revokeApiClient(id: $id) { active } }',
      variables: { id: (await createPartner(app, admin.token, ['doctors:read'])).id },
    }),
  },
  {
    name: 'mutation grantConsent',
    expected: [U, 'OK', 'OK', F, F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { active } }',
      variables: { id: (await createPartner(app, admin.token, ['doctors:read'])).id },
    }),
  },
  {
    // Patient A's consent: only patient A may withdraw it.
    name: 'mutation revokeConsent',
    expected: [U, 'OK', F, F, F, F],
    prepare: async () => {
      const em = app.orm.em.fork();
      const client = await em.findOneOrFail(ApiClient, (await createPartner(app, admin.token, ['doctors:read'])).id);
      const consent = em.create(Consent, {
        patient: patientA.profile.id,
        purpose: ConsentPurpose.DATA_SHARING,
        apiClient: client,
      });
      await em.flush();
      return { query: 'mutation ($id: ID!) { revokeConsent(id: $id) { active } }', variables: { id: consent.id } };
    },
  },
  // ---- clinical writes
  {
    name: 'mutation issuePrescription',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }',
      variables: {
        input: {
          patientId: patientA.profile.id,
          items: [{ medication: 'Ibuprofen', dosage: '400 mg', frequency: 'tid', durationDays: 5 }],
        },
      },
    }),
  },
  {
    name: 'mutation discontinuePrescription',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { discontinuePrescription(id: $id, reason: "Side effects") { id } }',
      variables: { id: (await factory.prescription(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'query repeatRequests',
    expected: [U, F, F, 'OK', 'OK', F],
    prepare: async () => ({ query: '{ repeatRequests { id prescription { id } } }' }),
  },
  {
    name: 'query repeatRequestCount',
    expected: [U, F, F, 'OK', 'OK', F],
    prepare: async () => ({ query: '{ repeatRequestCount }' }),
  },
  {
    name: 'mutation requestRepeatPrescription',
    expected: [U, 'OK', F, F, F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { requestRepeatPrescription(prescriptionId: $id) { id status } }',
      variables: { id: (await factory.prescription(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'mutation withdrawRepeatRequest',
    expected: [U, 'OK', F, F, F, F],
    prepare: async () => {
      const request = await waitingRepeatRequest();
      return {
        query: 'mutation ($id: ID!) { withdrawRepeatRequest(id: $id) { id status } }',
        variables: { id: request.id },
      };
    },
  },
  {
    name: 'mutation declineRepeatRequest',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => {
      const request = await waitingRepeatRequest();
      return {
        query: 'mutation ($id: ID!) { declineRepeatRequest(id: $id, reason: "Book a review first") { id status } }',
        variables: { id: request.id },
      };
    },
  },
  {
    name: 'mutation createMedicalRecord',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) { id } }',
      variables: {
        input: {
          patientId: patientA.profile.id,
          type: 'CONSULTATION',
          diagnoses: [{ code: 'J06.9', description: 'URI' }],
        },
      },
    }),
  },
  {
    name: 'mutation orderLabTests',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($input: OrderLabTestsInput!) { orderLabTests(input: $input) { id status } }',
      variables: { input: { patientId: patientA.profile.id, tests: [{ code: '58410-2' }] } },
    }),
  },
  {
    name: 'mutation recordLabResults',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query:
        'mutation ($id: ID!) { recordLabResults(orderId: $id, results: [{ code: "2823-3", value: "4.4" }]) { id status } }',
      variables: { id: (await factory.labOrder(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'mutation markLabSpecimenCollected',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { markLabSpecimenCollected(orderId: $id) { id status } }',
      variables: { id: (await factory.labOrder(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'mutation cancelLabOrder',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { cancelLabOrder(orderId: $id, reason: "Ordered twice") { id status } }',
      variables: { id: (await factory.labOrder(patientA.profile, caring.profile)).id },
    }),
  },
  {
    name: 'mutation markLabResultsReviewed',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { markLabResultsReviewed(orderId: $id) { id reviewedAt } }',
      variables: { id: (await factory.labOrder(patientA.profile, caring.profile, 4.2)).id },
    }),
  },
  {
    name: 'mutation createAttachmentUpload',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query:
        'mutation ($input: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $input) { uploadUrl attachment { id } } }',
      variables: {
        input: {
          patientId: patientA.profile.id,
          medicalRecordId: (await factory.record(patientA.profile, caring.profile)).id,
          fileName: 'report.pdf',
          contentType: 'application/pdf',
          sizeBytes: 2048,
        },
      },
    }),
  },
  {
    name: 'mutation amendMedicalRecord',
    expected: [U, F, F, 'OK', F, F],
    prepare: async () => ({
      query:
        'mutation ($id: ID!) { amendMedicalRecord(id: $id, input: { notes: "Reviewed again" }, reason: "Second review") { version } }',
      variables: { id: (await factory.record(patientA.profile, caring.profile)).id },
    }),
  },

  // ---- hospitals, beds and admissions
  {
    name: 'query hospitals',
    expected: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    prepare: async () => ({ query: '{ hospitals { id departments { id } } }' }),
  },
  {
    name: 'query bedAvailability',
    expected: [U, F, F, 'OK', 'OK', 'OK'],
    prepare: async () => ({
      query: 'query ($h: ID!) { bedAvailability(hospitalId: $h) { total } }',
      variables: { h: (await factory.hospital({ beds: 1 })).hospital.id },
    }),
  },
  {
    name: 'query admissions',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({ query: '{ admissions(current: true) { totalCount } }' }),
  },
  {
    name: 'query bedOccupancy',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($h: ID!) { bedOccupancy(hospitalId: $h, from: "2026-01-01", to: "2026-01-07") { rate } }',
      variables: { h: (await factory.hospital({ beds: 1 })).hospital.id },
    }),
  },
  {
    name: 'mutation createHospital',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($n: String!) { createHospital(input: { name: $n, timezone: "Europe/Paris" }) { id } }',
      variables: { n: `Hospital ${randomUUID()}` },
    }),
  },
  {
    name: 'mutation createDepartment',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($h: ID!) { createDepartment(input: { hospitalId: $h, name: "Cardiology" }) { id } }',
      variables: { h: (await factory.hospital()).hospital.id },
    }),
  },
  {
    name: 'mutation updateHospital',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($h: ID!, $n: String!) { updateHospital(id: $h, input: { name: $n }) { id } }',
      variables: { h: (await factory.hospital()).hospital.id, n: `Hospital ${randomUUID()}` },
    }),
  },
  {
    name: 'mutation updateDepartment',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($d: ID!) { updateDepartment(id: $d, input: { name: "Cardiology West" }) { id } }',
      variables: { d: (await factory.hospital()).department.id },
    }),
  },
  {
    name: 'mutation createBed',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($d: ID!) { createBed(input: { departmentId: $d, ward: "W", label: "1" }) { id } }',
      variables: { d: (await factory.hospital()).department.id },
    }),
  },
  {
    name: 'mutation setBedStatus',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { setBedStatus(id: $id, status: CLEANING) { status } }',
      variables: { id: (await factory.hospital({ beds: 1 })).beds[0]!.id },
    }),
  },
  {
    // A fresh patient under the caring doctor's care, a fresh bed for each caller.
    name: 'mutation admitPatient',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => {
      const patient = await factory.patient();
      await factory.appointment(patient.profile, caring.profile, { startsAt: uniqueTime() });
      return {
        query: 'mutation ($input: AdmitPatientInput!) { admitPatient(input: $input) { id } }',
        variables: {
          input: { patientId: patient.profile.id, bedId: (await factory.hospital({ beds: 1 })).beds[0]!.id },
        },
      };
    },
  },
  {
    name: 'mutation dischargePatient',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => {
      const patient = await factory.patient();
      await factory.appointment(patient.profile, caring.profile, { startsAt: uniqueTime() });
      const admitted = await gql<{ admitPatient: { id: string } }>(
        app,
        'mutation ($input: AdmitPatientInput!) { admitPatient(input: $input) { id } }',
        {
          token: admin.token,
          variables: {
            input: { patientId: patient.profile.id, bedId: (await factory.hospital({ beds: 1 })).beds[0]!.id },
          },
        },
      );
      return {
        query: 'mutation ($id: ID!) { dischargePatient(admissionId: $id) { dischargedAt } }',
        variables: { id: admitted.data!.admitPatient.id },
      };
    },
  },
  {
    name: 'mutation transferPatient',
    expected: [U, F, F, 'OK', F, 'OK'],
    prepare: async () => {
      const patient = await factory.patient();
      await factory.appointment(patient.profile, caring.profile, { startsAt: uniqueTime() });
      const { beds } = await factory.hospital({ beds: 2 });
      const admitted = await gql<{ admitPatient: { id: string } }>(
        app,
        'mutation ($input: AdmitPatientInput!) { admitPatient(input: $input) { id } }',
        { token: admin.token, variables: { input: { patientId: patient.profile.id, bedId: beds[0]!.id } } },
      );
      return {
        query: 'mutation ($a: ID!, $b: ID!) { transferPatient(admissionId: $a, bedId: $b) { id } }',
        variables: { a: admitted.data!.admitPatient.id, b: beds[1]!.id },
      };
    },
  },
  // ---- billing and insurance: patients their own, administrators all, doctors none
  {
    name: 'query invoices',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async () => ({ query: '{ invoices(first: 5) { totalCount edges { node { id } } } }' }),
  },
  {
    name: 'query invoice',
    expected: [U, 'OK', F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($id: ID!) { invoice(id: $id) { number total { amount } } }',
      variables: { id: (await factory.invoice(patientA.profile)).id },
    }),
  },
  {
    name: 'query insurancePolicies',
    expected: [U, 'OK', F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($p: ID) { insurancePolicies(patientId: $p) { id } }',
      variables: { p: patientA.profile.id },
    }),
  },
  {
    name: 'query balanceDue',
    expected: [U, 'OK', F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($p: ID) { balanceDue(patientId: $p) { currency } }',
      variables: { p: patientA.profile.id },
    }),
  },
  {
    name: 'query claims',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async () => ({ query: '{ claims(first: 5) { totalCount } }' }),
  },
  {
    name: 'query claimTotals',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async () => ({ query: '{ claimTotals { currency count } }' }),
  },
  {
    name: 'query claimChanges',
    expected: [U, 'OK', 'OK', F, F, 'OK'],
    prepare: async () => ({ query: '{ claimChanges(first: 5) { totalCount pageInfo { endCursor } } }' }),
  },
  {
    name: 'query receivables',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({ query: '{ receivables { currency } }' }),
  },
  {
    name: 'query revenue',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'query ($f: DateTime!, $t: DateTime!) { revenue(from: $f, to: $t) { currency } }',
      variables: { f: '2026-01-01T00:00:00Z', t: '2026-02-01T00:00:00Z' },
    }),
  },
  {
    name: 'mutation issueInvoice',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { issueInvoice(id: $id) { status } }',
      variables: { id: (await factory.invoice(patientA.profile)).id },
    }),
  },
  {
    name: 'mutation issueInvoices',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($ids: [ID!]!) { issueInvoices(ids: $ids) { status } }',
      variables: { ids: [(await factory.invoice(patientA.profile)).id] },
    }),
  },
  {
    name: 'mutation recordPayment',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { recordPayment(invoiceId: $id, input: { amount: "10", method: CASH }) { status } }',
      variables: { id: (await factory.invoice(patientA.profile, { issued: true })).id },
    }),
  },
  {
    name: 'mutation voidInvoice',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($id: ID!) { voidInvoice(id: $id, reason: "Entered twice") { status } }',
      variables: { id: (await factory.invoice(patientA.profile)).id },
    }),
  },
  {
    name: 'mutation addInsurancePolicy',
    expected: [U, 'OK', F, F, F, 'OK'],
    prepare: async () => ({
      query:
        'mutation ($p: ID) { addInsurancePolicy(input: { patientId: $p, provider: "AOK", policyNumber: "X-1", validFrom: "2024-01-01" }) { id } }',
      variables: { p: patientA.profile.id },
    }),
  },
  {
    name: 'mutation submitClaim',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => ({
      query: 'mutation ($i: ID!, $p: ID!) { submitClaim(invoiceId: $i, policyId: $p) { status } }',
      variables: {
        i: (await factory.invoice(patientA.profile, { issued: true })).id,
        p: (await factory.policy(patientA.profile)).id,
      },
    }),
  },
  {
    name: 'mutation decideClaim',
    expected: [U, F, F, F, F, 'OK'],
    prepare: async () => {
      const submitted = await gql<{ submitClaim: { id: string } }>(
        app,
        'mutation ($i: ID!, $p: ID!) { submitClaim(invoiceId: $i, policyId: $p) { id } }',
        {
          token: admin.token,
          variables: {
            i: (await factory.invoice(patientA.profile, { issued: true })).id,
            p: (await factory.policy(patientA.profile)).id,
          },
        },
      );
      return {
        query: 'mutation ($id: ID!) { decideClaim(id: $id, input: { status: APPROVED }) { status } }',
        variables: { id: submitted.data!.submitClaim.id },
      };
    },
  },
];

function lifecycle(mutation: string, from: AppointmentStatus, expected: Row, pastHours = 0): Operation {
  return {
    name: `mutation ${mutation}`,
    expected,
    prepare: async () => ({
      query: `mutation ($id: ID!) { ${mutation}(id: $id) { status } }`,
      variables: { id: (await appointmentOfA(from, pastHours ? uniqueTime(pastHours) : uniqueTime())).id },
    }),
  };
}

async function freshRefreshToken(): Promise<string> {
  const { user } = await factory.patient();
  const response = await gql<{ login: { refreshToken: string } }>(
    app,
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }',
    {
      variables: { e: user.email, p: TEST_PASSWORD },
      clientAddress: `192.0.2.${(clock % 250) + 1}`,
    },
  );
  return response.data!.login.refreshToken;
}

/** Subscriptions have their own cases below (they are heard, not answered). */
const SUBSCRIPTION_CASES = ['appointmentUpdated', 'messageReceived', 'notificationReceived', 'bedAvailabilityChanged'];

describe('the role table, operation by operation', () => {
  it.each(operations.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [index, caller] of CALLERS.entries()) {
      const { query, variables } = await operation.prepare(caller);
      const response = await gql(app, query, { variables, token: tokens[caller] });
      got.push(`${caller}: ${response.errors ? response.errors[0]!.extensions.code : 'OK'}`);
      want.push(`${caller}: ${operation.expected[index]}`);
    }
    expect(got).toEqual(want);
  });

  it('has a case for every query, mutation and subscription of the built schema', async () => {
    const schema = await buildAppSchema();
    const inSchema = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    const covered = new Set([...operations.map((operation) => operation.name.split(' ')[1]!), ...SUBSCRIPTION_CASES]);
    expect(inSchema.filter((name) => !covered.has(name))).toEqual([]);
    expect(inSchema.length).toBeGreaterThan(30);
  });

  it('subscription appointmentUpdated: each caller hears exactly what the table allows', async () => {
    interface Event {
      appointmentUpdated: { appointment: { id: string } };
    }
    const query = 'subscription { appointmentUpdated { kind appointment { id } } }';
    const listeners = Object.fromEntries(
      CALLERS.map((caller) => [caller, subscribe<Event>(wsClient(app, tokens[caller]), query)]),
    );
    await expect.poll(() => app.dependencies.events.size, { timeout: 5_000 }).toBe(CALLERS.length - 1);
    const appointment = await appointmentOfA(AppointmentStatus.REQUESTED);
    await gql(app, 'mutation ($id: ID!) { confirmAppointment(id: $id) { id } }', {
      variables: { id: appointment.id },
      token: caring.token,
    });
    await expect.poll(() => listeners['admin']!.received.length, { timeout: 2_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heard = Object.fromEntries(CALLERS.map((caller) => [caller, listeners[caller]!.received.length]));
    expect(heard).toEqual({ anonymous: 0, patientA: 1, patientB: 0, caringDoctor: 1, otherDoctor: 0, admin: 1 });
    expect(listeners['anonymous']!.errors.length).toBeGreaterThan(0);
  });

  it('subscription messageReceived: only the thread’s patient and doctor hear a message', async () => {
    interface Received {
      messageReceived: { id: string };
    }
    const query = 'subscription { messageReceived { id body } }';
    const listeners = Object.fromEntries(
      CALLERS.map((caller) => [caller, subscribe<Received>(wsClient(app, tokens[caller]), query)]),
    );
    // Anonymous and the administrator are refused; the other four listen.
    await expect.poll(() => app.dependencies.messages.size, { timeout: 5_000 }).toBe(CALLERS.length - 2);
    await threadOfA();
    await expect.poll(() => listeners['caringDoctor']!.received.length, { timeout: 2_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heard = Object.fromEntries(CALLERS.map((caller) => [caller, listeners[caller]!.received.length]));
    expect(heard).toEqual({ anonymous: 0, patientA: 1, patientB: 0, caringDoctor: 1, otherDoctor: 0, admin: 0 });
    expect(listeners['anonymous']!.errors.length).toBeGreaterThan(0);
    expect(listeners['admin']!.errors.length).toBeGreaterThan(0);
  });

  it('subscription notificationReceived: each person hears only their own notifications', async () => {
    interface Received {
      notificationReceived: { id: string; kind: string };
    }
    const query = 'subscription { notificationReceived { id kind } }';
    const listeners = Object.fromEntries(
      CALLERS.map((caller) => [caller, subscribe<Received>(wsClient(app, tokens[caller]), query)]),
    );
    // Every signed-in person listens (an administrator has notifications too); anonymous is refused.
    await expect.poll(() => app.dependencies.notifications.size, { timeout: 5_000 }).toBe(CALLERS.length - 1);
    const appointment = await appointmentOfA(AppointmentStatus.REQUESTED);
    // A cancellation tells the patient and the doctor.
    await gql(app, 'mutation ($id: ID!) { cancelAppointment(id: $id) { id } }', {
      variables: { id: appointment.id },
      token: caring.token,
    });
    await expect.poll(() => listeners['caringDoctor']!.received.length, { timeout: 2_000 }).toBe(1);
    await expect.poll(() => listeners['patientA']!.received.length, { timeout: 2_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heard = Object.fromEntries(CALLERS.map((caller) => [caller, listeners[caller]!.received.length]));
    expect(heard).toEqual({ anonymous: 0, patientA: 1, patientB: 0, caringDoctor: 1, otherDoctor: 0, admin: 0 });
    expect(listeners['patientA']!.received[0]!.notificationReceived.kind).toBe('APPOINTMENT_CANCELLED');
    expect(listeners['anonymous']!.errors.length).toBeGreaterThan(0);
    expect(listeners['admin']!.errors).toEqual([]);
  });

  it('subscription bedAvailabilityChanged: staff only', async () => {
    const { hospital } = await factory.hospital({ beds: 2 });
    const query = 'subscription ($h: ID!) { bedAvailabilityChanged(hospitalId: $h) { total available } }';
    const listeners = Object.fromEntries(
      CALLERS.map((caller) => [caller, subscribe<unknown>(wsClient(app, tokens[caller]), query, { h: hospital.id })]),
    );
    await expect.poll(() => listeners['admin']!.received.length, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => listeners['caringDoctor']!.received.length, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => listeners['otherDoctor']!.received.length, { timeout: 5_000 }).toBe(1);
    for (const caller of ['anonymous', 'patientA', 'patientB'] as const) {
      await expect.poll(() => listeners[caller]!.errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(listeners[caller]!.received).toEqual([]);
    }
  });
});
