import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with nothing that reaches outside this machine. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A signed-in page in a context of its own (its own storage, like another person's browser). */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

/** WCAG 2.2 A and AA, as axe-core tags them. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The page's WCAG violations as axe-core finds them: each rule with the first elements that break it. */
export async function accessibilityViolations(page: Page, where: string): Promise<string[]> {
  // At the top: axe-core places sticky elements (the top bar) where the scroll left them, so a
  // control scrolled under the bar would count as too small a target (axe-core issue #3720).
  await page.evaluate('window.scrollTo(0, 0)');
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map(
    (violation) =>
      `${where}: ${violation.impact ?? ''} ${violation.id} (${violation.help}) at ${violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(' ')} ${node.html.slice(0, 160)}`)
        .join(', ')}`,
  );
}

/**
 * Saves a full-page screenshot of a state worth looking at, and checks that state with axe-core
 * (WCAG 2.2 AA): every screen a test photographs is one a user meets, so none may break the rules.
 */
const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; }';

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so the sticky top bar is drawn where it belongs, not over the page's middle.
  await page.evaluate('window.scrollTo(0, 0)');
  // Transitions finished at once: a control caught mid-fade (a button just enabled, still at part
  // opacity) would read as too little contrast to axe, or not, by the millisecond.
  await page.addStyleTag({ content: STILL });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await accessibilityViolations(page, name)).toEqual([]);
}

/**
 * An element's description as its `aria-describedby` gives it: the referenced elements' text, in
 * order (what a screen reader reads after the name).
 */
export async function descriptionOf(locator: Locator): Promise<string> {
  const ids = ((await locator.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => locator.page().locator(`[id="${id}"]`).textContent()));
  return texts.map((text) => (text ?? '').trim()).join(' ');
}

/**
 * A specialty's choice on the booking page: its name, then how many doctors take bookings in it
 * ("Rheumatology 22 doctors"); not a longer name that holds it ("General Surgery" for "Surgery").
 */
export function specialtyChoice(page: Page, specialization: string): Locator {
  const name = specialization.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('radio', { name: new RegExp(`^${name} \\d+ doctors?$`) });
}
