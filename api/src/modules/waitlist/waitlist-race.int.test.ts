import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const JOIN = `mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { id status } }`;
const ACCEPT = `mutation ($id: ID!) { acceptWaitlistOffer(id: $id) { id patient { id } } }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelAppointment(id: $id) { id } }`;

let database: TestDatabase;
/** Two API processes (own pools, own job runners) on one database. */
let processA: Application;
let processB: Application;
let factory: Factory;
let doctor: Account<Doctor>;

beforeAll(async () => {
  database = await createTestDatabase();
  [processA, processB] = await Promise.all([startTestApp(database.url), startTestApp(database.url)]);
  factory = new Factory(processA);
  doctor = await factory.doctor();
});

const on = (index: number) => (index % 2 === 0 ? processA : processB);

describe('fifty patients, one freed slot, two API processes', () => {
  it('offers it to exactly one (the first in line) and books it once; the others keep waiting', async () => {
    const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 96 * 3_600_000);
    const window = { from: startsAt.toISOString(), to: new Date(startsAt.getTime() + 30 * 60_000).toISOString() };
    const holder = await factory.patient();
    const appointment = await factory.appointment(holder.profile, doctor.profile, {
      startsAt,
      status: AppointmentStatus.CONFIRMED,
    });
    const patients: Account<Patient>[] = await Promise.all(Array.from({ length: 50 }, () => factory.patient()));

    // Half join first; the rest join on both processes while the slot is being cancelled.
    const joinAs = (patient: Account<Patient>, index: number) =>
      gql<{ joinWaitlist: { id: string } }>(on(index), JOIN, {
        token: patient.token,
        variables: { input: { doctorId: doctor.profile.id, ...window } },
      });
    const early = await Promise.all(patients.slice(0, 25).map(joinAs));
    const [late, cancelled] = await Promise.all([
      Promise.all(patients.slice(25).map((patient, index) => joinAs(patient, index + 25))),
      gql(processB, CANCEL, { token: holder.token, variables: { id: appointment.id } }),
    ]);
    expectData(cancelled);
    const entryIds = [...early, ...late].map((response) => expectData(response).joinWaitlist.id);

    const entries = await database.query<{ id: string; status: string; created_at: Date }>(
      `select id, status, created_at from waitlist_entry where doctor_id = $1 order by created_at, id`,
      [doctor.profile.id],
    );
    expect(entries).toHaveLength(50);
    const offered = entries.filter((entry) => entry.status === 'OFFERED');
    expect(offered).toHaveLength(1);
    // First come, first served: the earliest place got it.
    expect(offered[0]!.id).toBe(entries[0]!.id);
    const holds = await database.query(
      `select id from slot_hold where doctor_id = $1 and released_at is null and expires_at > now()`,
      [doctor.profile.id],
    );
    expect(holds).toHaveLength(1);

    // Everyone tries at once: accept "their" offer and book the slot directly, on both processes.
    const attempts = await Promise.all(
      patients.flatMap((patient, index) => [
        gql<{ acceptWaitlistOffer: { id: string; patient: { id: string } } }>(on(index), ACCEPT, {
          token: patient.token,
          variables: { id: entryIds[index] },
        }),
        gql(on(index + 1), BOOK, {
          token: patient.token,
          variables: { input: { doctorId: doctor.profile.id, startsAt: startsAt.toISOString() } },
        }),
      ]),
    );
    const codes = attempts.map((result) => result.errors?.[0]?.extensions.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK' && code !== 'CONFLICT')).toEqual([]);

    const booked = await database.query<{ patient_id: string }>(
      `select patient_id from appointment where doctor_id = $1 and starts_at = $2 and status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN')`,
      [doctor.profile.id, startsAt],
    );
    expect(booked).toHaveLength(1);
    const winner = patients[entryIds.indexOf(offered[0]!.id)]!;
    expect(booked[0]!.patient_id).toBe(winner.profile.id);

    const after = await database.query<{ status: string; count: number }>(
      `select status, count(*)::int as count from waitlist_entry where doctor_id = $1 group by status order by status`,
      [doctor.profile.id],
    );
    expect(after).toEqual([
      { status: 'BOOKED', count: 1 },
      { status: 'WAITING', count: 49 },
    ]);
  }, 120_000);
});
