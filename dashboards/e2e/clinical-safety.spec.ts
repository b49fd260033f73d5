import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, signIn } from './browser.js';
import { graphql } from './api.js';

/**
 * Clinical safety and the working day, as the people involved would meet them: a doctor warned
 * of a penicillin allergy, an admin whose time off would strand a booking, a patient booking a
 * month ahead on a phone, and a doctor breaking the glass from the patient search.
 */

const baseUrl = inject('baseUrl');
const UI = 15_000;
const run = Date.now().toString(36);
const DAY = 86_400_000;

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

async function token(email: string, password: string): Promise<string> {
  const data = await api<{ login: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return data.login.accessToken;
}

interface NewPatient {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  token: string;
}

let registered = 0;
/** A new patient who signed up themself, with the given allergies recorded in their history. */
async function newPatient(lastName: string, allergies: string[] = []): Promise<NewPatient> {
  registered += 1;
  const email = `e2e-${run}-${registered}@example.com`;
  const password = 'a sturdy passphrase 1';
  const firstName = `Ellis${registered}`;
  const data = await api<{ registerPatient: { accessToken: string; user: { patient: { id: string } } } }>(
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken user { patient { id } } } }`,
    { input: { email, password, firstName, lastName, dateOfBirth: '1984-06-02' } },
  );
  const id = data.registerPatient.user.patient.id;
  if (allergies.length > 0) {
    await api(
      `mutation ($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { id } }`,
      { id, input: { allergies } },
      data.registerPatient.accessToken,
    );
  }
  return { id, email, password, firstName, lastName, token: data.registerPatient.accessToken };
}

/** The demo doctor's profile id. */
async function demoDoctorId(): Promise<string> {
  const data = await api<{ me: { doctor: { id: string } } }>(
    '{ me { doctor { id } } }',
    {},
    await token('doctor@clinic.test', 'doctor-password-1'),
  );
  return data.me.doctor.id;
}

/** The first free slot of a doctor from `daysAhead` days on. */
async function freeSlot(doctorId: string, daysAhead: number): Promise<{ startsAt: string; endsAt: string }> {
  const from = new Date(Date.now() + daysAhead * DAY);
  const data = await api<{ availableSlots: { startsAt: string; endsAt: string }[] }>(
    'query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt endsAt } }',
    { d: doctorId, f: from.toISOString(), t: new Date(from.getTime() + 14 * DAY).toISOString() },
  );
  const slot = data.availableSlots[0];
  if (!slot) {
    throw new Error('no free slot to book');
  }
  return slot;
}

/** An administrator books the patient into the doctor's slot (the front desk). */
async function bookAsAdmin(patientId: string, doctorId: string, startsAt: string): Promise<string> {
  const data = await api<{ bookAppointment: { id: string } }>(
    'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
    { input: { patientId, doctorId, startsAt, reason: 'Follow-up' } },
    await token('admin@clinic.test', 'admin-password-1'),
  );
  return data.bookAppointment.id;
}

async function personAt(email: string, password: string, viewport?: { width: number; height: number }): Promise<Page> {
  if (!viewport) {
    const { context, page } = await signIn(browser, baseUrl, email, password);
    contexts.push(context);
    return page;
  }
  const context = await browser.newContext({ baseURL: baseUrl, viewport, isMobile: true, hasTouch: true });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Picks a choice card by clicking its label, as a person would (the radio itself is hidden). */
async function choose(radio: Locator): Promise<void> {
  await radio.locator('xpath=ancestor::label[1]').click({ timeout: UI });
  await expect.poll(() => radio.isChecked(), { timeout: UI }).toBe(true);
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone (the page runs in this machine's zone), for datetime-local. */
function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Whether the element's top is inside the visible part of the page. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  return Boolean(box && viewport && box.y >= -1 && box.y < viewport.height);
}

describe('clinical safety and the working day', () => {
  it('a doctor records the penicillin allergy a patient mentions; amoxicillin then warns and needs a reason', async () => {
    const patient = await newPatient(`Allergic${run}`);
    const doctorId = await demoDoctorId();
    await bookAsAdmin(patient.id, doctorId, (await freeSlot(doctorId, 10)).startsAt);

    const page = await personAt('doctor@clinic.test', 'doctor-password-1');
    await page.goto(`/doctor/patients/${patient.id}`);
    // Recorded in the chart, where every prescription is checked against it.
    await page.getByText('No known allergies').waitFor({ timeout: UI });
    await page.getByRole('button', { name: 'Allergies and conditions' }).click();
    const history = page.getByRole('form', { name: 'Allergies and conditions' });
    await history.getByLabel('Allergies').fill('Penicillin');
    await history.getByRole('button', { name: 'Save allergies and conditions' }).click();
    await page.getByText('The allergies and conditions were saved.').waitFor({ timeout: UI });
    expect(await page.getByText('No known allergies').count()).toBe(0);
    // The history's change log says who added it, and when.
    await page.getByRole('button', { name: 'Show changes' }).click();
    const changes = page.getByRole('list', { name: 'Changes' }).locator(':scope > li');
    await expect.poll(() => changes.count(), { timeout: UI }).toBe(1);
    const change = (await changes.first().innerText()).replace(/\s+/g, ' ');
    expect(change).toContain('Allergies');
    expect(change).toMatch(/Dr \S+ \S+/);
    expect(change).toContain('Penicillin');
    await screenshot(page, 'safety-0-history-change');

    await page.getByRole('button', { name: 'Issue prescription', exact: true }).click({ timeout: UI });
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Issue prescription' }) });
    await form.getByLabel('Medication', { exact: true }).fill('Amoxicillin 500 mg');
    await form.getByLabel('Dosage').fill('500 mg');
    await form.getByLabel('Frequency').fill('three times daily');
    await form.getByLabel('Duration (days)').fill('7');
    await form.getByRole('button', { name: 'Issue prescription' }).click();

    const warning = form.getByRole('alert').filter({ hasText: 'Allergy warning' });
    await warning.waitFor({ timeout: UI });
    expect(await warning.textContent()).toContain('allergic to Penicillin (Penicillins)');
    await screenshot(page, 'safety-1-allergy-warning');

    // Going on without a reason is not possible.
    await form.getByRole('button', { name: 'Prescribe anyway' }).click();
    await form.getByText('Say why you prescribe despite this').waitFor({ timeout: UI });
    await form
      .getByLabel('Reason for prescribing despite the warning')
      .fill('Tolerated amoxicillin in 2024 without reaction; allergist cleared');
    await form.getByRole('button', { name: 'Prescribe anyway' }).click();
    await page.getByText('The prescription was issued.').waitFor({ timeout: UI });

    const stored = await api<{
      patient: { prescriptions: { edges: { node: { allergyOverrideReason: string | null } }[] } };
    }>(
      'query ($id: ID!) { patient(id: $id) { prescriptions { edges { node { allergyOverrideReason } } } } }',
      { id: patient.id },
      patient.token,
    );
    expect(stored.patient.prescriptions.edges.map((e) => e.node.allergyOverrideReason)).toEqual([
      'Tolerated amoxicillin in 2024 without reaction; allergist cleared',
    ]);
  });

  // Once failed in CI (the time off never appeared after "Resolve and continue"; never reproduced
  // alone): a second attempt, with a patient, slot and label of its own, before it counts as failed.
  it(
    'an admin adding time off over a booked visit sees it listed and resolves it by cancelling with a reason',
    { retry: 1 },
    async () => {
      const attempt = `${run}${Math.random().toString(36).slice(2, 6)}`;
      const patient = await newPatient(`Booked${attempt}`);
      const doctorId = await demoDoctorId();
      const slot = await freeSlot(doctorId, 20);
      const appointmentId = await bookAsAdmin(patient.id, doctorId, slot.startsAt);

      const page = await personAt('admin@clinic.test', 'admin-password-1');
      await page.goto(`/admin/doctors/${doctorId}`);
      const timeOff = page.getByRole('region', { name: 'Time off' });
      await timeOff.waitFor({ timeout: UI });
      await timeOff.getByLabel('Starts').fill(localInput(slot.startsAt));
      await timeOff.getByLabel('Ends').fill(localInput(slot.endsAt));
      await timeOff.getByLabel('Reason', { exact: true }).fill(`Training day ${attempt}`);
      await timeOff.getByRole('button', { name: 'Add time off' }).click();

      const affected = page.getByRole('region', { name: '1 booked appointment is affected' });
      await affected.waitFor({ timeout: UI });
      await affected.getByText(`${patient.firstName} ${patient.lastName}`).waitFor({ timeout: UI });
      await screenshot(page, 'safety-2-time-off-affected');
      await affected.getByLabel('Reason the patients are told').fill('The doctor is at a training day');
      await affected.getByRole('button', { name: 'Resolve and continue' }).click();
      await timeOff.getByText(`Training day ${attempt}`).waitFor({ timeout: UI });

      const after = await api<{ appointment: { status: string; cancellationReason: string } }>(
        'query ($id: ID!) { appointment(id: $id) { status cancellationReason } }',
        { id: appointmentId },
        patient.token,
      );
      expect(after.appointment).toEqual({ status: 'CANCELLED', cancellationReason: 'The doctor is at a training day' });
      const inbox = await api<{ notifications: { edges: { node: { kind: string } }[] } }>(
        '{ notifications(first: 5) { edges { node { kind } } } }',
        {},
        patient.token,
      );
      expect(inbox.notifications.edges.map((e) => e.node.kind)).toContain('APPOINTMENT_CANCELLED');
    },
  );

  it('a patient books four weeks ahead on a phone-sized screen, each step scrolling into view', async () => {
    const patient = await newPatient(`Phone${run}`);
    const page = await personAt(patient.email, patient.password, { width: 390, height: 844 });
    await page.goto('/patient/book');
    await page.getByRole('heading', { name: 'Book an appointment' }).waitFor({ timeout: UI });
    await choose(page.getByRole('radio', { name: 'General Practice' }));
    const doctors = page.getByRole('group', { name: '2. Choose a doctor' }).getByRole('radio');
    await doctors.first().waitFor({ state: 'attached', timeout: UI });
    await choose(doctors.first());

    const fourWeeks = new Date(Date.now() + 28 * DAY);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page
      .getByLabel('Go to date')
      .fill(`${fourWeeks.getFullYear()}-${pad(fourWeeks.getMonth() + 1)}-${pad(fourWeeks.getDate())}`);
    const days = page.getByRole('group', { name: 'Choose a day' }).getByRole('radio', { disabled: false });
    await days.first().waitFor({ state: 'attached', timeout: UI });
    await choose(days.first());
    const slot = page.getByRole('group', { name: 'Choose a time' }).getByRole('radio').first();
    await slot.waitFor({ state: 'attached', timeout: UI });
    const startsAt = (await slot.getAttribute('value')) ?? '';
    expect(Date.parse(startsAt) - Date.now()).toBeGreaterThan(27 * DAY);
    await choose(slot);

    const reason = page.getByLabel('Reason for the visit');
    await reason.waitFor({ timeout: UI });
    await expect.poll(() => inView(page, page.getByText('4. Confirm')), { timeout: UI }).toBe(true);
    await reason.fill('Annual check-up');
    await screenshot(page, 'safety-3-phone-booking');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL((url) => url.pathname === '/patient', { timeout: UI });

    const mine = await api<{ appointments: { edges: { node: { startsAt: string; status: string } }[] } }>(
      '{ appointments { edges { node { startsAt status } } } }',
      {},
      patient.token,
    );
    expect(mine.appointments.edges.map((e) => e.node)).toEqual([{ startsAt, status: 'REQUESTED' }]);
  });

  it('a doctor outside the care relationship finds the patient as restricted and requests emergency access from the search', async () => {
    const patient = await newPatient(`Glassbreak${run}`, ['Latex']);
    const page = await personAt('doctor@clinic.test', 'doctor-password-1');
    await page.goto('/doctor/patients');
    await page.getByLabel('Search by name').fill(patient.lastName);
    const others = page.getByRole('region', { name: 'Other patients with this name' });
    const row = others.getByRole('listitem').filter({ hasText: `${patient.firstName} ${patient.lastName}` });
    await row.waitFor({ timeout: UI });
    expect(await row.textContent()).toContain('Restricted');
    // Identity only: nothing from the chart shows in the search.
    expect(await page.locator('main').textContent()).not.toContain('Latex');
    await screenshot(page, 'safety-4-restricted-search');

    await row.getByRole('button', { name: /Request emergency access/ }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByLabel('Reason').fill('Unconscious in A&E, need the allergy history');
    await dialog.getByRole('button', { name: 'Open the chart' }).click();
    await page.waitForURL((url) => url.pathname === `/doctor/patients/${patient.id}`, { timeout: UI });
    await page.getByText('Latex').first().waitFor({ timeout: UI });

    const log = await api<{ myAccessLog: { edges: { node: { emergency: boolean; reason: string | null } }[] } }>(
      '{ myAccessLog { edges { node { emergency reason } } } }',
      {},
      patient.token,
    );
    expect(log.myAccessLog.edges.map((e) => e.node)).toContainEqual({
      emergency: true,
      reason: 'Unconscious in A&E, need the allergy history',
    });
  });
  it('a critical result of a doctor on leave reaches a colleague of their department, who opens the chart from the alert and reviews it', async () => {
    const admin = await token('admin@clinic.test', 'admin-password-1');
    const demo = await api<{ me: { doctor: { department: { id: string } } } }>(
      '{ me { doctor { department { id } } } }',
      {},
      await token('doctor@clinic.test', 'doctor-password-1'),
    );
    // A colleague in the demo doctor's department, the patient's only doctor.
    const email = `e2e-${run}-leave@example.com`;
    const password = 'a sturdy passphrase 2';
    const created = await api<{ createDoctor: { id: string } }>(
      'mutation ($input: CreateDoctorInput!) { createDoctor(input: $input) { id } }',
      {
        input: {
          email,
          password,
          firstName: 'Noor',
          lastName: `Leave${run}`,
          specialization: 'General Practice',
          licenseNumber: `LIC-${run}`,
          timezone: 'Europe/London',
          departmentId: demo.me.doctor.department.id,
        },
      },
      admin,
    );
    const colleagueId = created.createDoctor.id;
    await api(
      'mutation ($d: ID!, $input: [AvailabilityRuleInput!]!) { setDoctorAvailability(doctorId: $d, rules: $input) { id } }',
      {
        d: colleagueId,
        input: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00', slotMinutes: 30 })),
      },
      admin,
    );
    const patient = await newPatient(`Potassium${run}`);
    const slot = await freeSlot(colleagueId, 14);
    await bookAsAdmin(patient.id, colleagueId, slot.startsAt);
    const orderer = await token(email, password);
    const placed = await api<{ orderLabTests: { id: string } }>(
      'mutation ($input: OrderLabTestsInput!) { orderLabTests(input: $input) { id } }',
      { input: { patientId: patient.id, tests: [{ code: '2823-3' }] } },
      orderer,
    );
    // On leave from now until the day before the visit.
    await api(
      'mutation ($d: ID!, $s: DateTime!, $e: DateTime!) { addTimeOff(doctorId: $d, startsAt: $s, endsAt: $e, reason: "Leave") { id } }',
      {
        d: colleagueId,
        s: new Date(Date.now() - 60_000).toISOString(),
        e: new Date(Date.now() + 7 * DAY).toISOString(),
      },
      admin,
    );
    await api(
      'mutation ($id: ID!, $r: [LabResultInput!]!) { recordLabResults(orderId: $id, results: $r) { id } }',
      { id: placed.orderLabTests.id, r: [{ code: '2823-3', value: '6.9', unit: 'mmol/L' }] },
      orderer,
    );

    const page = await personAt('doctor@clinic.test', 'doctor-password-1');
    await page.getByRole('button', { name: /Notifications/ }).click();
    const alert = page.getByRole('listitem').filter({ hasText: `${patient.firstName} ${patient.lastName}` });
    await alert.getByText(/none of the patient’s doctors is at work/).waitFor({ timeout: UI });
    await alert.getByRole('link', { name: 'Open chart' }).click();
    await page.waitForURL((url) => url.pathname === `/doctor/patients/${patient.id}`, { timeout: UI });
    await page.getByText('This patient is not under your care').waitFor({ timeout: UI });
    await page.getByRole('button', { name: 'Emergency access' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByLabel('Reason').fill('Critical potassium, their doctor is on leave');
    await dialog.getByRole('button', { name: 'Open the chart' }).click();

    const card = page.getByTestId('lab-order').filter({ hasText: `Dr Noor Leave${run}` });
    await card.getByText(/\(away until /).waitFor({ timeout: UI });
    await screenshot(page, 'safety-5-covering-critical-result');
    await card.getByRole('button', { name: 'Mark reviewed' }).click();
    await card.getByText(/· reviewed /).waitFor({ timeout: UI });
    const order = await api<{
      patient: { labOrders: { edges: { node: { id: string; reviewedAt: string | null } }[] } };
    }>(
      'query ($p: ID!) { patient(id: $p) { labOrders(first: 5) { edges { node { id reviewedAt } } } } }',
      { p: patient.id },
      orderer,
    );
    expect(order.patient.labOrders.edges.map((edge) => edge.node)).toEqual([
      { id: placed.orderLabTests.id, reviewedAt: expect.any(String) as unknown },
    ]);
  });
});

describe('long lists: everything is reachable', () => {
  it('a patient with more than a page of prescriptions sees the oldest still-active one as current, and loads the past ones', async () => {
    const patient = await newPatient(`Longlist${run}`);
    const doctorId = await demoDoctorId();
    const appointmentId = await bookAsAdmin(patient.id, doctorId, (await freeSlot(doctorId, 12)).startsAt);
    const doctorToken = await token('doctor@clinic.test', 'doctor-password-1');
    const issue = async (medication: string, durationDays: number) =>
      (
        await api<{ issuePrescription: { id: string } }>(
          'mutation ($input: IssuePrescriptionInput!) { issuePrescription(input: $input) { id } }',
          {
            input: {
              patientId: patient.id,
              appointmentId,
              items: [{ medication, dosage: '1 tablet', frequency: 'once daily', durationDays }],
            },
          },
          doctorToken,
        )
      ).issuePrescription.id;
    // The oldest is a long course, still active; 22 newer ones were stopped.
    await issue(`Metformin 500 mg ${run}`, 180);
    for (let index = 0; index < 22; index += 1) {
      const id = await issue(`Vitamin D ${index} ${run}`, 30);
      await api(
        'mutation ($id: ID!, $reason: String!) { discontinuePrescription(id: $id, reason: $reason) { id } }',
        { id, reason: 'Level back in range' },
        doctorToken,
      );
    }

    const page = await personAt(patient.email, patient.password);
    await page.goto('/patient/prescriptions');
    await page.getByText(`Metformin 500 mg ${run}`).waitFor({ timeout: UI });
    await page.getByText('Showing 20 of 22 prescriptions').waitFor({ timeout: UI });
    expect(await page.getByText(/^Vitamin D \d+ /).count()).toBe(20);
    await screenshot(page, 'lists-1-prescriptions-first-page');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Showing 22 prescriptions').waitFor({ timeout: UI });
    expect(await page.getByText(/^Vitamin D \d+ /).count()).toBe(22);
    await page.getByText(`Vitamin D 0 ${run}`).waitFor({ timeout: UI });
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    const doctor = await personAt('doctor@clinic.test', 'doctor-password-1');
    await doctor.goto(`/doctor/patients/${patient.id}`);
    const current = doctor.locator('div', { has: doctor.getByRole('heading', { name: 'Current medications' }) }).last();
    await current.getByText(`Metformin 500 mg ${run} 1 tablet, once daily`, { exact: false }).waitFor({ timeout: UI });
    expect(await current.getByText(/Vitamin D/).count()).toBe(0);
    await screenshot(doctor, 'lists-2-chart-current-medications');
  });

  it('a long conversation opens on its newest messages and loads the older ones on demand', async () => {
    const patient = await newPatient(`Chatty${run}`);
    const doctorId = await demoDoctorId();
    await bookAsAdmin(patient.id, doctorId, (await freeSlot(doctorId, 14)).startsAt);
    const thread = await api<{ startThread: { id: string } }>(
      'mutation ($input: StartThreadInput!) { startThread(input: $input) { id } }',
      { input: { doctorId, subject: `Blood pressure diary ${run}`, body: `Reading 1 of 36 (${run})` } },
      patient.token,
    );
    for (let index = 2; index <= 36; index += 1) {
      await api(
        'mutation ($threadId: ID!, $body: String!) { sendMessage(threadId: $threadId, body: $body) { id } }',
        { threadId: thread.startThread.id, body: `Reading ${index} of 36 (${run})` },
        patient.token,
      );
    }

    const page = await personAt(patient.email, patient.password, { width: 390, height: 844 });
    await page.goto(`/patient/messages/${thread.startThread.id}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText(`Reading 36 of 36 (${run})`).waitFor({ timeout: UI });
    await page.getByText('Showing the latest 30 of 36 messages').waitFor({ timeout: UI });
    expect(await messages.getByTestId('message-body').count()).toBe(30);
    expect(await messages.getByText(`Reading 1 of 36 (${run})`).count()).toBe(0);
    await screenshot(page, 'lists-3-conversation-phone');

    await page.getByRole('button', { name: 'Load older messages' }).click();
    await messages.getByText(`Reading 1 of 36 (${run})`).waitFor({ timeout: UI });
    expect(await messages.getByTestId('message-body').count()).toBe(36);
    expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
    // Oldest at the top, newest at the bottom.
    const bodies = await messages.getByTestId('message-body').allTextContents();
    expect(bodies[0]).toBe(`Reading 1 of 36 (${run})`);
    expect(bodies.at(-1)).toBe(`Reading 36 of 36 (${run})`);

    // A reply keeps the older messages loaded.
    await page.getByLabel('Your reply', { exact: false }).fill(`Reading 37 (${run})`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await messages.getByText(`Reading 37 (${run})`).waitFor({ timeout: UI });
    await expect.poll(() => messages.getByTestId('message-body').count(), { timeout: UI }).toBe(37);
    expect(await messages.getByText(`Reading 1 of 36 (${run})`).count()).toBe(1);
  });
});
