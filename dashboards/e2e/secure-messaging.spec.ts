import { readFile } from 'node:fs/promises';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { descriptionOf, launchBrowser, screenshot, signIn } from './browser.js';
import { graphql } from './api.js';

/**
 * Account security and messages in real browsers: a new patient turns on two-step sign-in (the
 * test computes the codes from the secret the page shows, as an authenticator app would), signs
 * out and back in with a code, and writes to their doctor, then sends a file; the doctor sees both
 * arrive live, downloads the file and answers; the patient sees the answer live. No page may trip the Content-Security-Policy.
 */

const baseUrl = inject('baseUrl');
const UI = 15_000;
const LIVE = 15_000;
const run = Date.now().toString(36);
const email = `e2e-${run}@example.com`;
const password = `e2e-password-${run}`;
const subject = `Inhaler question ${run}`;
const question = `Should I use the inhaler before running? (${run})`;
const answer = `Yes, fifteen minutes before. (${run})`;
const fileName = `peak-flow-${run}.txt`;
const fileText = `Peak flow 420 L/min, 07:00 (${run})\n`;

let browser: Browser;
const contexts: BrowserContext[] = [];
const cspViolations: string[] = [];
let secret = '';

const api = <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
  graphql<T>(baseUrl, query, variables, token);

function watchCsp(page: Page): void {
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) {
      cspViolations.push(message.text());
    }
  });
}

async function newContextPage(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  watchCsp(page);
  return page;
}

/** A code of the next 30-second step: never the one enrolment spent, and accepted (one step of drift). */
const nextCode = () => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

let patientPage: Page;
let doctorPage: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // A new patient with a visit booked with the demo doctor: a care relationship to write within.
  const doctorSession = await api<{ login: { accessToken: string; user: { doctor: { id: string } } } }>(
    `mutation { login(email: "doctor@clinic.test", password: "doctor-password-1") { accessToken user { doctor { id } } } }`,
  );
  const doctorId = doctorSession.login.user.doctor.id;
  const registered = await api<{ registerPatient: { accessToken: string } }>(
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }`,
    { input: { email, password, firstName: 'Erin', lastName: `Tester${run}`, dateOfBirth: '1990-05-06' } },
  );
  const token = registered.registerPatient.accessToken;
  const from = new Date(Date.now() + 2 * 86_400_000);
  const to = new Date(Date.now() + 16 * 86_400_000);
  const { availableSlots } = await api<{ availableSlots: { startsAt: string }[] }>(
    `query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt } }`,
    { d: doctorId, f: from.toISOString(), t: to.toISOString() },
    token,
  );
  const slot = availableSlots[Math.floor(availableSlots.length / 2)];
  expect(slot).toBeDefined();
  await api(
    `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
    { input: { doctorId, startsAt: slot!.startsAt, reason: 'Asthma review' } },
    token,
  );
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser.close();
});

describe('two-step sign-in and messages', () => {
  it('a patient turns on two-step sign-in with the QR code page and gets recovery codes', async () => {
    const signedIn = await signIn(browser, baseUrl, email, password);
    contexts.push(signedIn.context);
    patientPage = signedIn.page;
    watchCsp(patientPage);
    await patientPage.goto('/patient/security');
    await patientPage.getByRole('button', { name: 'Set up two-step sign-in' }).click({ timeout: UI });
    await patientPage.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor({ timeout: UI });
    secret = (await patientPage.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(patientPage, 'security-totp-setup');
    await patientPage.getByLabel('2. Enter the 6-digit code from the app').fill(await generate({ secret }));
    await patientPage.getByRole('button', { name: 'Turn on' }).click();
    const codes = patientPage.getByTestId('recovery-codes').getByRole('listitem');
    await codes.first().waitFor({ timeout: UI });
    expect(await codes.count()).toBe(10);
    await screenshot(patientPage, 'security-recovery-codes');
    await patientPage.getByRole('button', { name: 'I have saved them' }).click();
    await patientPage.getByText('On', { exact: true }).waitFor({ timeout: UI });
    // The refresh token is an HttpOnly cookie: nothing of it in storage a script could read.
    const stored = await patientPage.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(stored).not.toMatch(/refresh/i);
    expect(await patientPage.evaluate('document.cookie')).toBe('');
  });

  it('signs out and back in with a code from the app', async () => {
    await patientPage.getByRole('button', { name: 'Sign out', exact: true }).click();
    await patientPage.waitForURL(/\/login/);
    await patientPage.getByLabel('Email').fill(email);
    await patientPage.getByLabel('Password').fill(password);
    await patientPage.getByRole('button', { name: 'Sign in' }).click();
    const codeField = patientPage.getByLabel('Authentication code');
    await codeField.waitFor({ timeout: UI });
    await screenshot(patientPage, 'login-mfa-step');
    await codeField.fill(await nextCode());
    await patientPage.getByRole('button', { name: 'Verify' }).click();
    await patientPage.waitForURL(/\/patient/, { timeout: UI });
    // A reload keeps the session through the cookie alone.
    await patientPage.reload();
    await patientPage.getByRole('link', { name: 'Messages' }).waitFor({ timeout: UI });
  });

  it('the patient writes to the doctor, who sees it arrive live and answers', async () => {
    doctorPage = await newContextPage();
    await doctorPage.goto('/login');
    await doctorPage.getByLabel('Email').fill('doctor@clinic.test');
    await doctorPage.getByLabel('Password').fill('doctor-password-1');
    await doctorPage.getByRole('button', { name: 'Sign in' }).click();
    await doctorPage.waitForURL(/\/doctor/, { timeout: UI });
    await doctorPage.goto('/doctor/messages');
    await doctorPage.getByRole('heading', { name: 'Messages', exact: true }).waitFor({ timeout: UI });
    await doctorPage.waitForTimeout(1500); // the live subscription is up

    await patientPage.goto('/patient/messages/new');
    await patientPage.getByLabel('Doctor').selectOption({ index: 1 });
    await patientPage.getByLabel('Subject').fill(subject);
    await patientPage.getByLabel('Message').fill(question);
    await screenshot(patientPage, 'messages-compose');
    await patientPage.getByRole('button', { name: 'Send', exact: true }).click();
    await patientPage.getByRole('heading', { name: subject }).waitFor({ timeout: UI });

    // Live: the thread and the unread badge appear without a reload.
    const thread = doctorPage.getByRole('link', { name: subject });
    await thread.waitFor({ timeout: LIVE });
    await doctorPage
      .getByRole('link', { name: /^Messages/ })
      .getByTestId('nav-badge')
      .waitFor({ timeout: LIVE });
    await screenshot(doctorPage, 'messages-doctor-inbox');
    // Subjects repeat in an inbox: the link is described by whom, how many unread and when.
    const description = await descriptionOf(thread);
    expect(description).toMatch(/^\S.* 1 unread \w{3} \d+ \w{3}, \d\d:\d\d$/);
    await thread.click();
    await doctorPage.getByText(question).waitFor({ timeout: UI });

    // The patient sends a file (uploaded as it is picked); the doctor sees it arrive live and downloads it.
    await patientPage.getByTestId('attach-input').setInputFiles({
      name: fileName,
      mimeType: 'text/plain',
      buffer: Buffer.from(fileText),
    });
    await patientPage.getByText(/^Ready/).waitFor({ timeout: UI });
    await screenshot(patientPage, 'messages-attach');
    await patientPage.getByRole('button', { name: 'Send', exact: true }).click();
    await patientPage.getByRole('link', { name: fileName }).waitFor({ timeout: UI });
    const fileLink = doctorPage.getByRole('link', { name: fileName });
    await fileLink.waitFor({ timeout: LIVE });
    const [download] = await Promise.all([doctorPage.waitForEvent('download', { timeout: UI }), fileLink.click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    expect(await readFile(await download.path(), 'utf8')).toBe(fileText);

    await doctorPage.getByLabel('Your reply').fill(answer);
    await doctorPage.getByRole('button', { name: 'Send', exact: true }).click();
    await doctorPage.getByText(answer).waitFor({ timeout: UI });

    // The patient, still on the thread, sees the answer live, and their message marked read.
    await patientPage.getByText(answer).waitFor({ timeout: LIVE });
    await expect.poll(() => patientPage.getByText(/· Read$/).count(), { timeout: LIVE }).toBeGreaterThan(0);
    await screenshot(patientPage, 'messages-thread');
    await patientPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(patientPage, 'messages-thread-phone');
  });

  it('a patient changes their password on one device; the other is signed out, and the new password signs in', async () => {
    const other = `e2e-change-${run}@example.com`;
    const first = `first-password-${run}`;
    const second = `second-password-${run}`;
    await api(`mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { accessToken } }`, {
      input: { email: other, password: first, firstName: 'Ruth', lastName: `Changer${run}`, dateOfBirth: '1988-03-04' },
    });
    const here = await signIn(browser, baseUrl, other, first);
    const elsewhere = await signIn(browser, baseUrl, other, first);
    contexts.push(here.context, elsewhere.context);
    watchCsp(here.page);

    await here.page.goto('/patient/security');
    const form = here.page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill(first);
    await form.getByLabel(/^New password/).fill(second);
    await form.getByLabel('Repeat the new password').fill(second);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Your password was changed.', { exact: false }).waitFor({ timeout: UI });
    await screenshot(here.page, 'security-password-changed');

    // The other device is signed out at its next step; this one stays.
    await elsewhere.page.goto('/patient');
    await elsewhere.page.waitForURL(/\/login/, { timeout: UI });
    await here.page.reload();
    await here.page.getByRole('form', { name: 'Change password' }).waitFor({ timeout: UI });
    expect(here.page.url()).toContain('/patient/security');

    // Only the new password signs in now.
    await elsewhere.page.getByLabel('Email').fill(other);
    await elsewhere.page.getByLabel('Password').fill(first);
    await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.page
      .getByRole('alert')
      .filter({ hasText: /incorrect/i })
      .waitFor({ timeout: UI });
    await elsewhere.page.getByLabel('Password').fill(second);
    await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.page.waitForURL(/\/patient/, { timeout: UI });
  });

  it('no page broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
