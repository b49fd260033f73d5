import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.js';
import { mailText, startTestSmtpServer, type CapturedMail, type TestSmtpServer } from '../../api/test/smtp.js';
import { startProductServer, type ProductServer } from './server.js';

let browser: Browser;
let mailbox: TestSmtpServer;
let server: ProductServer;

beforeAll(async () => {
  // Its own server, sending its e-mail to a mailbox this spec reads (the shared one only logs it).
  mailbox = await startTestSmtpServer();
  [browser, server] = await Promise.all([launchBrowser(), startProductServer({ SMTP_URL: mailbox.url })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The token of the confirmation link in a mail (`…/verify-email#token=…`). */
function verificationToken(mail: CapturedMail): string {
  const token = /\/verify-email#token=([A-Za-z0-9_-]+)/.exec(mailText(mail))?.[1];
  if (!token) {
    throw new Error('no confirmation link in the mail');
  }
  return token;
}

const reminder = (page: Page) => page.getByRole('region', { name: 'Confirm your e-mail address' });

/** Opens an address as a link from outside the app does (an e-mail): the server must answer it with the app. */
async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path.replace(/#.*/, '')}`).toBe(200);
}

describe('a new patient', () => {
  it('signs up from the sign-in page, is reminded to confirm the address, and confirms it from the e-mail', async () => {
    const email = `new.patient.${Date.now()}@example.com`;
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();

    await page.goto('/login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/register');
    await page.getByRole('heading', { name: 'Create your patient account' }).waitFor();
    await screenshot(page, 'sign-up-empty');

    await page.getByLabel(/^First name/).fill('Ada');
    await page.getByLabel(/^Last name/).fill('Byron');
    await page.getByLabel(/^Date of birth/).fill('1990-04-12');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill('correct horse battery');
    await page.getByLabel(/^Repeat the password/).fill('correct horse battery');
    await page.getByLabel(/^Phone/).fill('+44 20 7946 0000');
    await page.getByLabel(/^Gender/).selectOption('female');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL((url) => url.pathname === '/patient');
    await reminder(page).waitFor();
    expect(await reminder(page).textContent()).toContain(`We sent a link to ${email}.`);
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('Ada Byron');
    const welcome = await mailbox.waitFor((mail) => mail.to.includes(email));
    expect(welcome.raw).toMatch(/^Subject: Confirm your e-mail address$/m);
    await screenshot(page, 'sign-up-reminder');

    // Another link: the first one stops working.
    await reminder(page).getByRole('button', { name: 'Send the link again' }).click();
    await reminder(page).getByText('Sent — look in your inbox.').waitFor();
    const again = await mailbox.waitFor((mail) => mail.to.includes(email) && mail !== welcome);

    // Each link opened from the e-mail, in a tab of its own in the same browser (signed in).
    const oldLink = await context.newPage();
    await open(oldLink, `/verify-email#token=${verificationToken(welcome)}`);
    await oldLink.getByText('This link does not work').waitFor();
    expect(await oldLink.getByRole('button', { name: 'Send a new link' }).isVisible()).toBe(true);
    await screenshot(oldLink, 'verify-email-replaced-link');
    await oldLink.close();

    const newLink = await context.newPage();
    await open(newLink, `/verify-email#token=${verificationToken(again)}`);
    await newLink.getByText('Your e-mail address is confirmed').waitFor();
    await screenshot(newLink, 'verify-email-confirmed');
    await newLink.getByRole('link', { name: 'Continue' }).click();
    await newLink.waitForURL((url) => url.pathname === '/patient');
    await newLink.getByRole('heading', { name: 'Patient portal' }).waitFor();
    expect(await reminder(newLink).count()).toBe(0);

    // The first tab, reloaded (the session refreshed, `me` read anew): no reminder there either.
    await page.reload();
    await page.getByRole('heading', { name: 'Patient portal' }).waitFor();
    expect(await reminder(page).count()).toBe(0);
    await context.close();
  });

  it('on a phone, signs up and sees the reminder without the page growing sideways', async () => {
    const email = `phone.patient.${Date.now()}@example.com`;
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await open(page, '/register');
    await page.getByLabel(/^First name/).fill('Mo');
    await page.getByLabel(/^Last name/).fill('Okafor');
    await page.getByLabel(/^Date of birth/).fill('1985-11-02');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill('a long enough secret');
    await page.getByLabel(/^Repeat the password/).fill('a long enough secret');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL((url) => url.pathname === '/patient');
    await reminder(page).waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'sign-up-reminder-phone');
    await context.close();
  });
});
