import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { graphql } from './api.js';
import { launchBrowser, screenshot, signIn } from './browser.js';

/**
 * The right to erasure as the two people involved meet it: a patient asks to close their account
 * in the portal, an administrator carries it out from the console (desktop and phone), and the
 * patient's open portal is signed out for good while their visit is cancelled.
 */

const baseUrl = inject('baseUrl');
const UI = 15_000;
const run = Date.now().toString(36);
const DAY = 86_400_000;
const ADMIN = { email: 'admin@clinic.test', password: 'admin-password-1' };

const api = <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
  graphql<T>(baseUrl, query, variables, token);

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

async function person(email: string, password: string): Promise<Page> {
  const { context, page } = await signIn(browser, baseUrl, email, password);
  contexts.push(context);
  return page;
}

describe('closing an account', () => {
  it('a patient asks in the portal, an administrator carries it out, the patient is signed out and their visit cancelled', async () => {
    // A patient who signed up themself, with a visit booked a week ahead with the demo doctor.
    const email = `e2e-erasure-${run}@example.com`;
    const password = 'a sturdy passphrase 1';
    const lastName = `Erasure${run}`;
    const signedUp = await api<{ registerPatient: { accessToken: string; user: { patient: { id: string } } } }>(
      `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken user { patient { id } } } }`,
      { input: { email, password, firstName: 'Robin', lastName, dateOfBirth: '1979-03-14' } },
    );
    const patientId = signedUp.registerPatient.user.patient.id;
    const doctor = await api<{ doctors: { edges: { node: { id: string } }[] } }>(
      '{ doctors(first: 1) { edges { node { id } } } }',
    );
    const doctorId = doctor.doctors.edges[0]!.node.id;
    const from = new Date(Date.now() + 7 * DAY);
    const slots = await api<{ availableSlots: { startsAt: string }[] }>(
      'query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt } }',
      { d: doctorId, f: from.toISOString(), t: new Date(from.getTime() + 14 * DAY).toISOString() },
    );
    const visit = await api<{ bookAppointment: { id: string } }>(
      'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
      { input: { doctorId, startsAt: slots.availableSlots[0]!.startsAt, reason: 'Check-up' } },
      signedUp.registerPatient.accessToken,
    );

    // The patient asks, confirming they understand.
    const patient = await person(email, password);
    await patient.getByRole('link', { name: 'Privacy' }).first().click();
    await patient.waitForURL('**/patient/privacy');
    const form = patient.getByRole('form', { name: 'Ask to close your account' });
    await form.getByLabel(/Anything the clinic should know/).fill('I am moving abroad for good.');
    await screenshot(patient, 'privacy-patient');
    await form.getByRole('checkbox', { name: /I understand my account will be closed/ }).check({ force: true });
    await form.getByRole('button', { name: 'Ask to close my account' }).click();
    await expect.poll(() => patient.getByText(/Your request was sent/).isVisible(), { timeout: UI }).toBe(true);
    const mine = patient.getByRole('region', { name: 'Your requests' });
    await expect.poll(() => mine.getByText('I am moving abroad for good.').isVisible(), { timeout: UI }).toBe(true);
    await screenshot(patient, 'privacy-patient-asked');

    // The administrator finds it among those waiting, on a phone too, and carries it out.
    const admin = await person(ADMIN.email, ADMIN.password);
    await admin.getByRole('link', { name: 'Privacy requests' }).first().click();
    await admin.waitForURL('**/admin/privacy**');
    const card = admin
      .getByRole('list', { name: 'Privacy requests' })
      .getByRole('listitem')
      .filter({ has: admin.getByRole('link', { name: `Robin ${lastName}` }) });
    await card.waitFor({ timeout: UI });
    await screenshot(admin, 'privacy-admin');
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, 'privacy-admin-phone');
    await admin.setViewportSize({ width: 1280, height: 800 });
    await card.getByRole('button', { name: 'Carry out' }).click();
    const dialog = admin.getByRole('alertdialog');
    await dialog.waitFor({ timeout: UI });
    expect(await dialog.textContent()).toContain('cannot be undone');
    await screenshot(admin, 'privacy-admin-confirm');
    await dialog.getByRole('button', { name: 'Carry out' }).click();
    await expect
      .poll(() => admin.getByText(`Robin ${lastName}’s account is closed.`, { exact: false }).isVisible(), {
        timeout: UI,
      })
      .toBe(true);
    expect(await admin.getByText(/1 upcoming appointment cancelled/).isVisible()).toBe(true);
    await screenshot(admin, 'privacy-admin-carried-out');

    // The patient's open portal: the next step takes them to the sign-in page, and it refuses them.
    await patient.reload();
    await patient.waitForURL('**/login**', { timeout: UI });
    await patient.getByLabel('Email').fill(email);
    await patient.getByLabel('Password').fill(password);
    await patient.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => patient.getByRole('alert').first().isVisible(), { timeout: UI }).toBe(true);
    expect(new URL(patient.url()).pathname).toBe('/login');

    // The visit is cancelled, as the administrator sees it.
    const adminToken = (
      await api<{ login: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: ADMIN.email, p: ADMIN.password },
      )
    ).login.accessToken;
    const after = await api<{ appointment: { status: string; patient: { id: string } } }>(
      'query ($id: ID!) { appointment(id: $id) { status patient { id } } }',
      { id: visit.bookAppointment.id },
      adminToken,
    );
    expect(after.appointment).toEqual({ status: 'CANCELLED', patient: { id: patientId } });
  }, 120_000);
});
