import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { descriptionOf, launchBrowser, screenshot, signIn } from './browser.js';

/**
 * The clinic's main flow across three people's browsers, in order: a patient books, the doctor
 * sees it live and confirms, the patient sees the confirmation live, the doctor writes a record and
 * a prescription, the patient reads both and downloads the PDF, the admin creates a doctor, changes
 * their profile and looks at the analytics and the audit trail. Each step builds on the one before.
 */

const baseUrl = inject('baseUrl');
const LIVE = 15_000;
const UI = 15_000;
const run = Date.now().toString(36);
const reason = `Sore throat and a cough for three days (e2e ${run})`;
const recordNotes = `Viral URTI, rest and fluids; come back if worse (e2e ${run})`;
const medication = 'Pseudoephedrine';

let browser: Browser;
const contexts: BrowserContext[] = [];

interface Person {
  page: Page;
  /** How many `subscribe` frames this page has sent over graphql-ws for `operation`. */
  subscribed: (operation: string) => number;
}

/** Counts graphql-ws subscriptions a page starts, so a step can wait until it listens live. */
function trackSubscriptions(page: Page): (operation: string) => number {
  const counts = new Map<string, number>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      let message: { type?: string; payload?: { operationName?: string; query?: string } };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        return;
      }
      if (message.type !== 'subscribe') {
        return;
      }
      const name =
        message.payload?.operationName ?? /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1] ?? '';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    });
  });
  return (operation) => counts.get(operation) ?? 0;
}

async function person(email: string, password: string): Promise<Person> {
  const { context, page } = await signIn(browser, baseUrl, email, password);
  contexts.push(context);
  return { page, subscribed: trackSubscriptions(page) };
}

/** Waits until the page has sent one more subscription for `operation` than `before`. */
async function waitForSubscription(who: Person, operation: string, before: number): Promise<void> {
  await expect.poll(() => who.subscribed(operation), { timeout: UI, interval: 100 }).toBeGreaterThan(before);
  // The server registers the listener as it handles the frame; give it a moment to do so.
  await who.page.waitForTimeout(500);
}

/**
 * Picks a choice card: its radio is visually hidden inside the card's label, so click the card as a
 * person would, then make sure the radio took it.
 */
async function choose(radio: Locator): Promise<void> {
  await radio.locator('xpath=ancestor::label[1]').click({ timeout: UI });
  await expect.poll(() => radio.isChecked(), { timeout: UI }).toBe(true);
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

let patient: Person;
let doctor: Person;
let doctorName = '';
let slotStartsAt = '';
let patientId = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser.close();
});

describe('the clinic flow', () => {
  it('a patient books with the doctor, who sees it appear live on the schedule', async () => {
    patient = await person('patient@clinic.test', 'patient-password-1');
    doctor = await person('doctor@clinic.test', 'doctor-password-1');

    const signedInAs = doctor.page.getByText(/^Signed in as Dr /);
    await signedInAs.waitFor({ timeout: UI });
    doctorName = (await textOf(signedInAs)).replace(/^Signed in as /, '');
    expect(doctorName).toMatch(/^Dr \S+ \S+/);

    const book = patient.page;
    await book.goto('/patient/book');
    await book.getByRole('heading', { name: 'Book an appointment' }).waitFor({ timeout: UI });
    await choose(book.getByRole('radio', { name: 'General Practice' }));
    await choose(book.getByRole('group', { name: '2. Choose a doctor' }).getByRole('radio', { name: doctorName }));

    // A day with free times, preferably not today (its slots may be running out as we go).
    const days = book.getByRole('group', { name: 'Choose a day' }).getByRole('radio', { disabled: false });
    await days.first().waitFor({ timeout: UI });
    const freeDays = await days.count();
    expect(freeDays).toBeGreaterThan(0);
    await choose(days.nth(freeDays > 1 ? 1 : 0));
    const slot = book.getByRole('group', { name: 'Choose a time' }).getByRole('radio').first();
    await slot.waitFor({ state: 'attached', timeout: UI });
    slotStartsAt = (await slot.getAttribute('value')) ?? '';
    expect(Date.parse(slotStartsAt)).toBeGreaterThan(Date.now());
    await choose(slot);

    // The doctor's schedule, open on that day before the booking is made.
    const { dayKey, time } = await doctor.page.evaluate((iso) => {
      const at = new Date(iso);
      const mm = String(at.getMonth() + 1).padStart(2, '0');
      const dd = String(at.getDate()).padStart(2, '0');
      return {
        dayKey: `${at.getFullYear()}-${mm}-${dd}`,
        time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at),
      };
    }, slotStartsAt);
    const scheduleSubscriptions = doctor.subscribed('ScheduleAppointmentUpdated');
    await doctor.page.goto(`/doctor?view=day&date=${dayKey}`);
    await doctor.page
      .locator(`section[data-day="${dayKey}"]`)
      .or(doctor.page.getByText('No appointments this day'))
      .waitFor({ timeout: UI });
    await waitForSubscription(doctor, 'ScheduleAppointmentUpdated', scheduleSubscriptions);
    const chip = doctor.page.getByRole('button', { name: new RegExp(`^${time} .+, until \\d\\d:\\d\\d, Requested$`) });
    expect(await chip.count()).toBe(0);

    const appointmentSubscriptions = patient.subscribed('MyAppointmentUpdated');
    await book.getByLabel('Reason for the visit').fill(reason);
    await book.getByRole('button', { name: 'Book appointment' }).click();
    await book.waitForURL((url) => url.pathname === '/patient', { timeout: UI });
    await book.getByText('Your appointment is requested. The doctor will confirm it.').waitFor({ timeout: UI });
    const card = book.locator('li', { hasText: reason });
    await card.getByTestId('appointment-status').getByText('Requested', { exact: true }).waitFor({ timeout: UI });
    expect(await textOf(card)).toContain(doctorName);
    await screenshot(book, 'flow-1-patient-booked');

    // Live: no reload on the doctor's page.
    await chip.waitFor({ timeout: LIVE });
    await waitForSubscription(patient, 'MyAppointmentUpdated', appointmentSubscriptions);
    await chip.click();
    const dialog = doctor.page.getByRole('dialog');
    await dialog.getByText(reason).waitFor({ timeout: UI });
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await dialog.getByText('Confirmed', { exact: true }).waitFor({ timeout: UI });
    await screenshot(doctor.page, 'flow-2-doctor-confirmed');
  });

  it("the patient's page shows the confirmation without a reload", async () => {
    const card = patient.page.locator('li', { hasText: reason });
    await card.getByTestId('appointment-status').getByText('Confirmed', { exact: true }).waitFor({ timeout: LIVE });
    expect(new URL(patient.page.url()).pathname).toBe('/patient');
    await screenshot(patient.page, 'flow-3-patient-sees-confirmed');
  });

  it('the doctor writes a record and issues a prescription from the chart', async () => {
    const page = doctor.page;
    await page.getByRole('dialog').getByRole('link', { name: 'Open chart' }).click();
    await page.waitForURL(/\/doctor\/patients\/[^/?]+/, { timeout: UI });
    patientId = /\/doctor\/patients\/([^/?]+)/.exec(page.url())?.[1] ?? '';
    expect(patientId).not.toBe('');
    await page.getByRole('button', { name: 'Write record', exact: true }).waitFor({ timeout: UI });

    await page.getByRole('button', { name: 'Write record', exact: true }).click();
    await page.getByRole('combobox', { name: 'Look up an ICD-10 code' }).fill('J06.9');
    await page
      .getByRole('list', { name: 'ICD-10 suggestions' })
      .getByRole('button', { name: /^J06\.9/ })
      .click();
    expect(await page.getByLabel('Code 1').inputValue()).toBe('J06.9');
    expect(await page.getByLabel('Description 1').inputValue()).toMatch(/upper respiratory infection/i);
    await page.getByLabel('Temperature (°C)').fill('37.9');
    await page.getByLabel('Systolic (mmHg)').fill('124');
    await page.getByLabel('Diastolic (mmHg)').fill('79');
    await page.getByLabel('Heart rate (bpm)').fill('84');
    await page.getByLabel('Respiratory rate (/min)').fill('16');
    await page.getByLabel('SpO₂ (%)').fill('97');
    await page.getByLabel('Weight (kg)').fill('72.5');
    await page.getByLabel('Symptoms').fill('Sore throat, cough');
    await page.getByLabel('Notes', { exact: true }).fill(recordNotes);
    await page.getByRole('button', { name: 'Save record' }).click();
    await page.getByText('The record was saved.').waitFor({ timeout: UI });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(recordNotes).waitFor({ timeout: UI });
    await timeline.getByText('J06.9', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Issue prescription', exact: true }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Issue prescription' }) });
    await form.getByLabel('Medication', { exact: true }).fill(medication);
    await form.getByLabel('Dosage').fill('60 mg');
    await form.getByLabel('Frequency').fill('every 6 hours');
    await form.getByLabel('Duration (days)').fill('5');
    await form.getByLabel('Instructions').fill('Not at bedtime');
    await form.getByRole('button', { name: 'Issue prescription' }).click();
    await page.getByText('The prescription was issued.').waitFor({ timeout: UI });
    // One presentation of a prescription item, the same as on the patient's page.
    await timeline.getByText(`${medication} — 60 mg`, { exact: true }).waitFor({ timeout: UI });
    expect(await textOf(timeline)).toContain('every 6 hours, for 5 days. Not at bedtime');
    await screenshot(page, 'flow-4-doctor-chart');
  });

  it('the patient is told, follows the notification to the prescription and the record, and downloads the PDF', async () => {
    const page = patient.page;
    // The bell heard of it live: who issued it, never what; it leads to the prescriptions.
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    const note = page.getByRole('listitem').filter({ hasText: 'New prescription' });
    await note.waitFor({ timeout: UI });
    expect(await textOf(note)).toContain(`${doctorName} issued a prescription for you`);
    expect(await textOf(note)).not.toContain(medication);
    await note.getByRole('link', { name: 'See your prescriptions' }).click();
    await page.waitForURL('**/patient/prescriptions', { timeout: UI });
    const card = page.locator('li', { has: page.getByRole('button', { name: 'Download PDF' }) }).filter({
      hasText: `${medication} — 60 mg`,
    });
    await card.waitFor({ timeout: UI });
    expect(await textOf(card)).toContain(doctorName);
    // Every card has this button: it is described by its own prescription's date and doctor.
    expect(await descriptionOf(card.getByRole('button', { name: 'Download PDF' }))).toMatch(
      new RegExp(`^Issued .*${doctorName}$`),
    );

    const [download, response] = await Promise.all([
      page.waitForEvent('download', { timeout: UI }),
      page.waitForResponse((r) => /\/prescriptions\/[^/]+\.pdf$/.test(new URL(r.url()).pathname), { timeout: UI }),
      card.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(page, 'flow-5-patient-prescriptions');

    await page.getByRole('navigation', { name: 'Patient portal' }).getByRole('link', { name: 'Records' }).click();
    await page.getByRole('heading', { name: 'My records' }).waitFor({ timeout: UI });
    await page.getByText(recordNotes).waitFor({ timeout: UI });
    // One presentation of a diagnosis, the same as in the doctor's chart.
    await page.getByText('J06.9 Acute upper respiratory infection, unspecified').first().waitFor();
    await page.getByText(`Prescription: ${medication}`).waitFor();
    await screenshot(page, 'flow-5-patient-records');
  });

  it('the patient asks for a repeat, and the doctor issues it from the Today page', async () => {
    const page = patient.page;
    await page.getByRole('navigation', { name: 'Patient portal' }).getByRole('link', { name: 'Prescriptions' }).click();
    const card = page.locator('li', { has: page.getByRole('button', { name: 'Download PDF' }) }).filter({
      hasText: `${medication} — 60 mg`,
    });
    await card.getByRole('button', { name: 'Ask for a repeat' }).click({ timeout: UI });
    await card.getByLabel(/should know/).fill(`Running out on Friday (e2e ${run})`);
    await card.getByRole('button', { name: 'Send request' }).click();
    await card.getByText(`waiting for ${doctorName}.`, { exact: false }).waitFor({ timeout: UI });
    await screenshot(page, 'flow-6-patient-repeat-asked');

    const desk = doctor.page;
    await desk.goto('/doctor/today');
    const requests = desk.getByRole('region', { name: /^Repeat requests/ });
    const row = requests
      .getByRole('listitem')
      .filter({ has: desk.locator(`a[href="/doctor/patients/${patientId}"]`) })
      .filter({ hasText: `Running out on Friday (e2e ${run})` });
    await row.waitFor({ timeout: UI });
    expect(await textOf(row)).toContain(`${medication} — 60 mg`);
    await screenshot(desk, 'flow-7-doctor-repeat-requests');
    await row.getByRole('link', { name: 'Issue repeat' }).click();
    await desk.getByText('Answering the patient’s request for a repeat').waitFor({ timeout: UI });
    const form = desk.locator('form', { has: desk.getByRole('heading', { name: 'Issue prescription' }) });
    expect(await form.getByLabel('Medication', { exact: true }).inputValue()).toBe(medication);
    await form.getByRole('button', { name: 'Issue prescription' }).click();
    await desk.getByText('The repeat prescription was issued; the patient is told.').waitFor({ timeout: UI });

    // The patient's card says it was repeated (read again on the way back to the page).
    await page.reload();
    await card.getByText(/^Repeated on /).waitFor({ timeout: UI });
  });

  it('the admin creates a doctor, changes their profile, and sees the analytics and the audit trail', async () => {
    const admin = await person('admin@clinic.test', 'admin-password-1');
    const page = admin.page;
    const nav = page.getByRole('navigation', { name: 'Admin console' });

    await nav.getByRole('link', { name: 'Doctors' }).click();
    await page.getByRole('link', { name: 'New doctor' }).click();
    const form = page.getByRole('form', { name: 'New doctor' });
    await form.waitFor({ timeout: UI });
    await form.getByLabel('First name').fill('Greta');
    await form.getByLabel('Last name').fill(`Testmann ${run}`);
    await form.getByLabel('Email').fill(`greta.${run}@clinic.test`);
    await form.getByLabel('Initial password').fill('a-long-password-1');
    // A specialty no demo doctor has: the new doctor has no hours yet, and other specs book General Practice.
    await form.getByLabel('Specialization').selectOption('Allergy and Immunology');
    await form.getByLabel('Licence number').fill(`LIC-E2E-${run}`);
    // Where the doctor works: its hospital bills the visits, in its currency (the fee's label says which).
    await form.getByLabel('Department').selectOption({ label: 'City General Hospital · General Medicine' });
    await form.getByLabel('Time zone').selectOption('Europe/Berlin');
    await form.getByLabel('Consultation fee (EUR)').fill('85');
    await form.getByRole('button', { name: 'Create doctor' }).click();
    await page.waitForURL(/\/admin\/doctors\/[^/]+$/, { timeout: UI });
    await page.getByText('Doctor created.', { exact: false }).waitFor({ timeout: UI });
    await page.getByRole('heading', { name: `Dr Greta Testmann ${run}` }).waitFor();
    await screenshot(page, 'flow-6-admin-doctor-created');

    // Changed in place: a new fee and qualification, saved through the real API.
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const edit = page.getByRole('form', { name: `Edit the profile of Dr Greta Testmann ${run}` });
    await edit.getByLabel('Consultation fee (EUR)').fill('92.50');
    await edit.getByLabel('Qualifications').fill('MD, FAAAAI');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Profile saved.').waitFor({ timeout: UI });
    await page.getByText(/Fee €92\.50/).waitFor();
    await page.getByText(/^MD, FAAAAI/).waitFor();

    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Admin console' }).waitFor({ timeout: UI });
    await page.getByText('No-show rate').waitFor({ timeout: UI });
    await page.getByText('Cancellation rate').waitFor();
    const perDay = page.getByRole('region', { name: 'Appointments per day' });
    await perDay.getByRole('img', { name: /^Bar chart of appointments per day/ }).waitFor({ timeout: UI });
    await page.getByRole('region', { name: 'Utilisation per doctor' }).getByRole('img').waitFor({ timeout: UI });
    await screenshot(page, 'flow-6-admin-analytics');

    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor({ timeout: UI });
    const filters = page.getByRole('form', { name: 'Audit filters' });
    await filters.getByLabel('Patient ID').fill(patientId);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const read = page.getByRole('row').filter({ hasText: doctorName }).filter({ hasText: 'READ' });
    await read.first().waitFor({ timeout: UI });
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    await screenshot(page, 'flow-6-admin-audit');
  });
});
