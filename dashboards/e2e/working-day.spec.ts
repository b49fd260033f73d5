import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, specialtyChoice } from './browser.js';
import { graphql } from './api.js';

/**
 * A clinic's working day as its staff meet it: the front desk books a patient who phoned in,
 * confirms and moves the visit; the doctor's day list shows the visit, the patient's allergy and
 * the next step; the calendar grid shows working hours and free slots, on a desk and on a phone.
 */

const baseUrl = inject('baseUrl');
const UI = 15_000;
const run = Date.now().toString(36);
const DAY = 86_400_000;
const DOCTOR = ['doctor@clinic.test', 'doctor-password-1'] as const;
const ADMIN = ['admin@clinic.test', 'admin-password-1'] as const;
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser.close();
});

const api = <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
  graphql<T>(baseUrl, query, variables, token);

async function token([email, password]: readonly [string, string]): Promise<string> {
  const data = await api<{ login: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return data.login.accessToken;
}

/** A patient who registered themself, with their allergies recorded. */
async function newPatient(lastName: string, allergies: string[]): Promise<{ id: string; firstName: string }> {
  const firstName = `Robin${run}`;
  const data = await api<{ registerPatient: { accessToken: string; user: { patient: { id: string } } } }>(
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken user { patient { id } } } }`,
    {
      input: {
        email: `desk-${run}-${lastName.toLowerCase()}@example.com`,
        password: 'a sturdy passphrase 1',
        firstName,
        lastName,
        dateOfBirth: '1979-03-14',
      },
    },
  );
  await api(
    `mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { id } }`,
    { id: data.registerPatient.user.patient.id, input: { allergies } },
    data.registerPatient.accessToken,
  );
  return { id: data.registerPatient.user.patient.id, firstName };
}

async function demoDoctor(): Promise<{ id: string; name: string; specialization: string }> {
  const data = await api<{
    me: { doctor: { id: string; firstName: string; lastName: string; specialization: string } };
  }>('{ me { doctor { id firstName lastName specialization } } }', {}, await token(DOCTOR));
  const { id, firstName, lastName, specialization } = data.me.doctor;
  return { id, name: `Dr ${firstName} ${lastName}`, specialization };
}

async function personAt([email, password]: readonly [string, string], viewport = DESK): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    ...(viewport === PHONE ? { isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** How wide the page's content is (wider than the screen means sideways scrolling). */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/** Picks a choice card by clicking its label, as a person would (the radio itself is hidden). */
async function choose(radio: Locator): Promise<void> {
  await radio.locator('xpath=ancestor::label[1]').click({ timeout: UI });
  await expect.poll(() => radio.isChecked(), { timeout: UI }).toBe(true);
}

/** The first day with free times in the slot picker (a later week when this one is full), then its first time. */
async function chooseFirstFreeTime(scope: Locator | Page): Promise<void> {
  const days = scope.getByRole('group', { name: 'Choose a day' });
  await days.waitFor({ timeout: UI });
  for (let week = 0; week < 4; week += 1) {
    const open = days.getByRole('radio', { disabled: false });
    if ((await open.count()) > 0) {
      await choose(open.first());
      const times = scope.getByRole('group', { name: 'Choose a time' }).getByRole('radio');
      await times.first().waitFor({ timeout: UI });
      await choose(times.first());
      return;
    }
    await scope.getByRole('button', { name: 'Later week →' }).click();
    await scope.getByText('Loading free times…').waitFor({ state: 'detached', timeout: UI });
  }
  throw new Error('no free time in four weeks');
}

describe("a clinic's working day", () => {
  it('the front desk finds a patient, books and confirms a visit, then moves it to another time', async () => {
    const doctor = await demoDoctor();
    const patient = await newPatient(`Desk${run}`, ['Latex']);
    const page = await personAt(ADMIN);

    await page.goto('/admin/appointments');
    await page.getByRole('link', { name: 'Book appointment' }).click();
    await page.getByRole('searchbox', { name: /Find the patient/ }).fill(`Desk${run}`);
    await page.getByRole('button', { name: `Choose ${patient.firstName} Desk${run}` }).click({ timeout: UI });
    await page.getByTestId('picked-patient').waitFor({ timeout: UI });

    await choose(specialtyChoice(page, doctor.specialization));
    await choose(page.getByRole('radio', { name: new RegExp(doctor.name) }));
    await chooseFirstFreeTime(page);
    // Held for the patient by the API while the desk fills in the rest, and booked with the hold.
    await page.getByText(/We are holding this time for the patient/).waitFor({ timeout: UI });
    await page.getByLabel('Kind of visit').selectOption('FOLLOW_UP');
    await screenshot(page, 'desk-1-booking');
    await page.getByRole('button', { name: 'Book appointment' }).click();

    await page.waitForURL(`**/admin/patients/${patient.id}`, { timeout: UI });
    await page.getByText(/^Booked and confirmed: /).waitFor({ timeout: UI });
    const upcoming = page.getByRole('region', { name: 'Upcoming appointments' });
    await upcoming.getByText('Confirmed').waitFor({ timeout: UI });
    await upcoming.getByText(doctor.name).waitFor();
    await screenshot(page, 'desk-2-patient-page');

    const before = await api<{ appointments: { edges: { node: { id: string; startsAt: string; status: string } }[] } }>(
      'query ($p: ID!) { appointments(filter: { patientId: $p }) { edges { node { id startsAt status } } } }',
      { p: patient.id },
      await token(ADMIN),
    );
    const booked = before.appointments.edges[0]?.node;
    expect(booked?.status).toBe('CONFIRMED');

    // The patient calls back: another time suits them better.
    await upcoming.getByRole('button', { name: /^Reschedule / }).click();
    const dialog = page.getByRole('dialog', { name: /Reschedule with Dr / });
    await dialog.getByRole('button', { name: 'Later week →' }).click({ timeout: UI });
    await chooseFirstFreeTime(dialog);
    await dialog.getByRole('button', { name: 'Move appointment' }).click();
    await page.getByText('The appointment has been moved and the patient is told.').waitFor({ timeout: UI });

    const after = await api<{ appointment: { startsAt: string } }>(
      'query ($id: ID!) { appointment(id: $id) { startsAt } }',
      { id: booked!.id },
      await token(ADMIN),
    );
    expect(Date.parse(after.appointment.startsAt)).toBeGreaterThan(Date.parse(booked!.startsAt));

    // The same page on a phone: nothing runs off the side.
    const phone = await personAt(ADMIN, PHONE);
    await phone.goto(`/admin/patients/${patient.id}`);
    await phone.getByRole('region', { name: 'Upcoming appointments' }).getByText(doctor.name).waitFor({ timeout: UI });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'desk-3-patient-page-phone');
    await phone.goto('/admin/appointments');
    await phone.getByRole('list', { name: 'Appointments' }).waitFor({ timeout: UI });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
  });

  it("the doctor's day list shows a new visit with the patient's allergy and its next step, and the calendar its slot", async () => {
    const doctor = await demoDoctor();
    const patient = await newPatient(`Worklist${run}`, ['Penicillin']);
    // The first free slot a day or more ahead (a day list of another day works as today's does).
    const from = new Date(Date.now() + DAY);
    const slots = await api<{ availableSlots: { startsAt: string }[] }>(
      'query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt } }',
      { d: doctor.id, f: from.toISOString(), t: new Date(from.getTime() + 21 * DAY).toISOString() },
    );
    const startsAt = slots.availableSlots[0]!.startsAt;
    await api(
      'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
      { input: { patientId: patient.id, doctorId: doctor.id, startsAt, reason: 'Sore throat' } },
      await token(ADMIN),
    );

    const page = await personAt(DOCTOR);
    // The request waits in the highlighted list above the calendar.
    await page.goto('/doctor');
    const requests = page.getByRole('region', { name: 'New booking requests' });
    await requests.waitFor({ timeout: UI });
    await page.getByTestId('schedule-grid').waitFor({ timeout: UI });
    await screenshot(page, 'day-1-calendar-week');

    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    }, startsAt);
    await page.goto(`/doctor/today?date=${local}`);
    const row = page.getByRole('listitem', { name: new RegExp(`${patient.firstName} Worklist${run}`) });
    await row.waitFor({ timeout: UI });
    await row.getByText('Allergy: Penicillin').waitFor();
    await row.getByText('Requested').waitFor();
    await row.getByRole('button', { name: 'Confirm' }).click();
    await row.getByText('Confirmed').waitFor({ timeout: UI });
    // Still ahead: check-in opens an hour before the start.
    await row.getByText(/^Check-in opens at \d\d:\d\d$/).waitFor({ timeout: UI });
    await screenshot(page, 'day-2-worklist');

    // The calendar's day view shows the confirmed visit where it belongs, as a button that opens it.
    await page.goto(`/doctor?view=day&date=${local}`);
    const visit = page.getByRole('button', {
      name: new RegExp(`${patient.firstName} Worklist${run}, until \\d\\d:\\d\\d, Confirmed`),
    });
    await visit.focus({ timeout: UI });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: `${patient.firstName} Worklist${run}` }).waitFor({ timeout: UI });
    await page.keyboard.press('Escape');

    // On a phone, the calendar is the day as a list and today's list fits the width.
    const phone = await personAt(DOCTOR, PHONE);
    await phone.goto('/doctor');
    await phone.getByTestId('schedule-list').waitFor({ timeout: UI });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'day-3-calendar-phone');
    await phone.goto('/doctor/today');
    await phone.getByTestId('today-summary').or(phone.getByText('No visits today')).waitFor({ timeout: UI });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'day-4-today-phone');
  });

  it('the doctor plans time off over a booked visit, moves the visit to another of their free times, and is away', async () => {
    const doctor = await demoDoctor();
    const patient = await newPatient(`Away${run}`, []);
    // A visit far ahead, clear of the slots the other tests book first.
    const from = new Date(Date.now() + 70 * DAY);
    const slots = await api<{ availableSlots: { startsAt: string; endsAt: string }[] }>(
      'query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt endsAt } }',
      { d: doctor.id, f: from.toISOString(), t: new Date(from.getTime() + 14 * DAY).toISOString() },
    );
    const slot = slots.availableSlots[0]!;
    const admin = await token(ADMIN);
    const booked = await api<{ bookAppointment: { id: string } }>(
      'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
      { input: { patientId: patient.id, doctorId: doctor.id, startsAt: slot.startsAt, reason: 'Check-up' } },
      admin,
    );

    const page = await personAt(DOCTOR);
    await page.getByRole('link', { name: 'Hours' }).click();
    await page.getByRole('heading', { name: 'Your hours' }).waitFor({ timeout: UI });
    // Away from half an hour before the visit to an hour after it, entered in the browser's own zone.
    const local = (iso: string, minutes: number) =>
      page.evaluate(
        ([at, shift]) => {
          const d = new Date(new Date(at).getTime() + shift * 60_000);
          const pad = (n: number) => String(n).padStart(2, '0');
          return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
        },
        [iso, minutes] as const,
      );
    const section = page.getByRole('region', { name: 'Time off' });
    await section.getByLabel('Starts').fill(await local(slot.startsAt, -30));
    await section.getByLabel('Ends').fill(await local(slot.startsAt, 60));
    await section.getByLabel('Reason', { exact: true }).fill(`Course ${run}`);
    await section.getByRole('button', { name: 'Add time off' }).click();

    const affected = page.getByRole('region', { name: '1 booked appointment is affected' });
    await affected.getByText(`${patient.firstName} Away${run}`, { exact: false }).waitFor({ timeout: UI });
    await affected.getByText('Move', { exact: true }).click();
    // Only the doctor's own times are offered, none inside the time off being planned.
    expect(await affected.getByRole('combobox', { name: 'Doctor' }).count()).toBe(0);
    const time = affected.getByRole('combobox', { name: /New time/ });
    await expect.poll(() => time.locator('option').count(), { timeout: UI }).toBeGreaterThan(1);
    const values = await Promise.all(
      (await time.locator('option').all()).map((option) => option.getAttribute('value')),
    );
    const offered = values.filter((value): value is string => Boolean(value));
    const newTime = offered[0]!;
    const awayFrom = new Date(slot.startsAt).getTime() - 30 * 60_000;
    const awayTo = new Date(slot.startsAt).getTime() + 60 * 60_000;
    expect(offered.filter((at) => new Date(at).getTime() >= awayFrom && new Date(at).getTime() < awayTo)).toEqual([]);
    await time.selectOption(newTime);
    await screenshot(page, 'day-5-time-off-move');
    await affected.getByRole('button', { name: 'Resolve and continue' }).click();

    await section.getByText(`Course ${run}`).waitFor({ timeout: UI });
    expect(await affected.count()).toBe(0);
    const moved = await api<{ appointment: { startsAt: string; status: string } }>(
      'query ($id: ID!) { appointment(id: $id) { startsAt status } }',
      { id: booked.bookAppointment.id },
      admin,
    );
    expect(moved.appointment).toEqual({ startsAt: newTime, status: 'REQUESTED' });

    // On a phone the page fits the width.
    const phone = await personAt(DOCTOR, PHONE);
    await phone.goto('/doctor/hours');
    await phone.getByRole('heading', { name: 'Weekly hours' }).waitFor({ timeout: UI });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'day-6-hours-phone');
  });
});
