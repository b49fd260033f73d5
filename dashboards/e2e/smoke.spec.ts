import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signIn } from './browser.js';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('signing in', () => {
  it.each([
    ['patient@clinic.test', 'patient-password-1', '/patient'],
    ['doctor@clinic.test', 'doctor-password-1', '/doctor'],
    ['admin@clinic.test', 'admin-password-1', '/admin'],
  ])('takes %s to their own area', async (email, password, area) => {
    const { context, page } = await signIn(browser, baseUrl, email, password);
    expect(new URL(page.url()).pathname.startsWith(area)).toBe(true);
    await screenshot(page, `area-${area.slice(1)}`);
    await context.close();
  });
});
