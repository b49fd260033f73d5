import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { Factory, type Account } from '../../../test/factories.js';
import { expectData, expectGraphQLError, gql } from '../../../test/graphql.js';
import type { Application } from '../../server/bootstrap.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';

const HOLD = `mutation ($d: ID!, $s: DateTime!, $p: ID) { holdSlot(doctorId: $d, startsAt: $s, patientId: $p) { id doctorId startsAt endsAt expiresAt } }`;
const RELEASE = `mutation ($id: ID!) { releaseSlotHold(id: $id) }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id startsAt status } }`;
const SLOTS = `query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt } }`;

interface HoldData {
  holdSlot: { id: string; doctorId: string; startsAt: string; endsAt: string; expiresAt: string };
}

let database: TestDatabase;
let app: Application;
let factory: Factory;
let doctor: Account<Doctor>;
let hour = 0;

/** A distinct future slot (on the hour, days ahead) for each use. */
const nextSlot = () => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (72 + ++hour) * 3_600_000);

const hold = (patient: Account<Patient>, startsAt: Date, doctorId = doctor.profile.id) =>
  gql<HoldData>(app, HOLD, { token: patient.token, variables: { d: doctorId, s: startsAt.toISOString() } });

const book = (patient: Account<Patient>, startsAt: Date, holdId?: string) =>
  gql<{ bookAppointment: { id: string; status: string } }>(app, BOOK, {
    token: patient.token,
    variables: { input: { doctorId: doctor.profile.id, startsAt: startsAt.toISOString(), holdId } },
  });

/** Whether `patient` is offered the slot starting at `startsAt`. */
async function offered(patient: Account<Patient>, startsAt: Date): Promise<boolean> {
  const data = expectData(
    await gql<{ availableSlots: { startsAt: string }[] }>(app, SLOTS, {
      token: patient.token,
      variables: {
        d: doctor.profile.id,
        f: new Date(startsAt.getTime() - 3_600_000).toISOString(),
        t: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      },
    }),
  );
  return data.availableSlots.some((slot) => slot.startsAt === startsAt.toISOString());
}

/** Time passes for a hold: its expiry moved into the past, as the database's clock would see it later. */
const runOut = (holdId: string) =>
  database.query(`update slot_hold set expires_at = now() - interval '1 second' where id = $1`, [holdId]);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  factory = new Factory(app);
  doctor = await factory.doctor();
});

describe('holdSlot', () => {
  it('keeps the slot from everyone else for SLOT_HOLD_MINUTES, and the holder books it', async () => {
    const [holder, other] = await Promise.all([factory.patient(), factory.patient()]);
    const startsAt = nextSlot();
    const before = Date.now();
    const held = expectData(await hold(holder, startsAt)).holdSlot;
    expect(held).toMatchObject({ doctorId: doctor.profile.id, startsAt: startsAt.toISOString() });
    const minutes = (new Date(held.expiresAt).getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(4.9);
    expect(minutes).toBeLessThan(5.1);

    expect(await offered(other, startsAt)).toBe(false);
    expect(await offered(holder, startsAt)).toBe(true);
    expect(expectGraphQLError(await book(other, startsAt), 'CONFLICT').extensions['reason']).toBe('SLOT_HELD');
    expect(expectGraphQLError(await hold(other, startsAt), 'CONFLICT').extensions['reason']).toBe('SLOT_HELD');

    const booked = expectData(await book(holder, startsAt, held.id)).bookAppointment;
    expect(booked.status).toBe('REQUESTED');
    const [row] = await database.query<{ appointment_id: string; released_at: Date | null }>(
      `select appointment_id, released_at from slot_hold where id = $1`,
      [held.id],
    );
    expect(row).toMatchObject({ appointment_id: booked.id });
    expect(row!.released_at).not.toBeNull();
    // Used: booking with it again is refused, and the slot is now simply taken.
    expect(expectGraphQLError(await book(other, startsAt), 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
  });

  it('also covers a booking by the holder without the hold id, and refuses to hold a booked slot', async () => {
    const [holder, other] = await Promise.all([factory.patient(), factory.patient()]);
    const startsAt = nextSlot();
    const held = expectData(await hold(holder, startsAt)).holdSlot;
    expectData(await book(holder, startsAt));
    const [row] = await database.query<{ released_at: Date | null }>(
      `select released_at from slot_hold where id = $1`,
      [held.id],
    );
    expect(row!.released_at).not.toBeNull();
    expect(expectGraphQLError(await hold(other, startsAt), 'CONFLICT').extensions['reason']).toBe('SLOT_TAKEN');
  });

  it('runs out by the database clock alone: others see and book the slot, the holder gets HOLD_EXPIRED', async () => {
    const [holder, other] = await Promise.all([factory.patient(), factory.patient()]);
    const startsAt = nextSlot();
    const held = expectData(await hold(holder, startsAt)).holdSlot;
    expect(await offered(other, startsAt)).toBe(false);
    await runOut(held.id);
    expect(await offered(other, startsAt)).toBe(true);
    expect(expectGraphQLError(await book(holder, startsAt, held.id), 'CONFLICT').extensions['reason']).toBe(
      'HOLD_EXPIRED',
    );
    // Another patient can hold it again (the expired hold no longer trips the constraint), then book it.
    const again = expectData(await hold(other, startsAt)).holdSlot;
    expectData(await book(other, startsAt, again.id));
  });

  it('keeps one hold per doctor (a new pick lets the old one go) and a few at most', async () => {
    const [holder, other] = await Promise.all([factory.patient(), factory.patient()]);
    const [first, second] = [nextSlot(), nextSlot()];
    expectData(await hold(holder, first));
    expectData(await hold(holder, second));
    expect(await offered(other, first)).toBe(true);
    expect(await offered(other, second)).toBe(false);

    const doctors = await Promise.all([factory.doctor(), factory.doctor(), factory.doctor()]);
    expectData(await hold(holder, nextSlot(), doctors[0].profile.id));
    expectData(await hold(holder, nextSlot(), doctors[1].profile.id));
    const refused = expectGraphQLError(await hold(holder, nextSlot(), doctors[2].profile.id), 'CONFLICT');
    expect(refused.extensions['reason']).toBe('HOLD_LIMIT');
  });

  it('is released by its holder only; a released slot is free again', async () => {
    const [holder, other] = await Promise.all([factory.patient(), factory.patient()]);
    const startsAt = nextSlot();
    const held = expectData(await hold(holder, startsAt)).holdSlot;
    expectGraphQLError(await gql(app, RELEASE, { token: other.token, variables: { id: held.id } }), 'NOT_FOUND');
    expect(expectData(await gql(app, RELEASE, { token: holder.token, variables: { id: held.id } }))).toEqual({
      releaseSlotHold: true,
    });
    expect(expectData(await gql(app, RELEASE, { token: holder.token, variables: { id: held.id } }))).toEqual({
      releaseSlotHold: false,
    });
    expectData(await book(other, startsAt));
  });

  it('refuses a hold id of another slot, and a slot outside the hours or in the past', async () => {
    const holder = await factory.patient();
    const held = expectData(await hold(holder, nextSlot())).holdSlot;
    const error = expectGraphQLError(await book(holder, nextSlot(), held.id), 'BAD_USER_INPUT');
    expect(error.extensions.fields?.[0]?.field).toBe('input.holdId');
    expectGraphQLError(await hold(holder, new Date(Date.now() - 3_600_000)), 'BAD_USER_INPUT');
    expectGraphQLError(await hold(holder, new Date(nextSlot().getTime() + 7 * 60_000)), 'BAD_USER_INPUT');
  });

  it('lets an administrator hold for a named patient only', async () => {
    const [admin, patient] = await Promise.all([factory.admin(), factory.patient()]);
    const startsAt = nextSlot();
    expectGraphQLError(
      await gql(app, HOLD, { token: admin.token, variables: { d: doctor.profile.id, s: startsAt.toISOString() } }),
      'BAD_USER_INPUT',
    );
    const held = expectData(
      await gql<HoldData>(app, HOLD, {
        token: admin.token,
        variables: { d: doctor.profile.id, s: startsAt.toISOString(), p: patient.profile.id },
      }),
    ).holdSlot;
    expect(await offered(patient, startsAt)).toBe(true);
    expectData(await book(patient, startsAt, held.id));
  });
});
