import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchBrowser, signIn } from './browser.js';

/**
 * Every area's pages, as each role reaches them from its navigation, on a desktop and on a
 * phone-sized screen, checked by axe-core against WCAG 2.2 A and AA: no violation of any impact.
 * (A hospital buying software asks for EN 301 549 / Section 508, which point at WCAG.) Every
 * screenshot the other tests take is checked the same way (browser.ts), which covers the screens
 * behind the navigation: a chart, a dialog, a booking with its time chosen, a thread.
 */
const AREAS: readonly { email: string; password: string; pages: readonly string[] }[] = [
  {
    email: 'patient@clinic.test',
    password: 'patient-password-1',
    pages: [
      'Messages',
      'Book',
      'Prescriptions',
      'Records',
      'Lab results',
      'Bills',
      'Profile',
      'Access log',
      'Security',
      'Sharing',
      'Privacy',
    ],
  },
  {
    email: 'doctor@clinic.test',
    password: 'doctor-password-1',
    pages: ['Today', 'Calendar', 'My patients', 'Messages', 'Hours', 'Profile', 'Security'],
  },
  {
    email: 'admin@clinic.test',
    password: 'admin-password-1',
    pages: [
      'Doctors',
      'Patients',
      'Appointments',
      'Hospitals',
      'Invoices',
      'Claims',
      'Audit trail',
      'Privacy requests',
      'Access alerts',
      'Security',
      'API clients',
      'Webhooks',
    ],
  },
];
const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('finds nothing on the sign-in page', async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await accessibilityViolations(page, 'sign-in')).toEqual([]);
    await context.close();
  });

  for (const screen of SCREENS) {
    for (const area of AREAS) {
      it(`finds nothing in ${area.email}'s pages on a ${screen.name}`, async () => {
        const { context, page } = await signIn(browser, baseUrl, area.email, area.password);
        await page.setViewportSize(screen.viewport);
        await page.waitForLoadState('networkidle');
        const found = await accessibilityViolations(page, 'home');
        for (const name of area.pages) {
          // A link's name may carry its count ("Messages 3").
          await page
            .getByRole('link', { name: new RegExp(`^${name}\\b`) })
            .first()
            .click();
          await page.waitForLoadState('networkidle');
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          found.push(...(await accessibilityViolations(page, name)));
        }
        expect(found).toEqual([]);
        await context.close();
      });
    }
  }
});
