import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { graphql } from './api.js';
import { launchBrowser, screenshot, signIn } from './browser.js';

/**
 * Access alerts as an administrator meets them in the console (desktop and phone): the two the
 * demo clinic holds waiting for a review, one explained and dismissed, the other confirmed as a
 * breach, which then shows the patients told and when the supervisory authority must be told.
 * (Neither is about the demo doctor, whom other specs sign in as.)
 */

const baseUrl = inject('baseUrl');
const UI = 15_000;
const HOUR = 3_600_000;
const ADMIN = { email: 'admin@clinic.test', password: 'admin-password-1' };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const api = <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
  graphql<T>(baseUrl, query, variables, token);

interface AlertNode {
  id: string;
  rule: string;
  status: string;
  actorName: string;
  patientCount: number;
  usualCount: number | null;
  reviewedAt: string | null;
  note: string | null;
  patientsNotified: number | null;
  reportDueAt: string | null;
}
const ALERTS = `query ($status: [AccessAlertStatus!]) {
  accessAlerts(status: $status, first: 100) {
    edges { node { id rule status actorName patientCount usualCount reviewedAt note patientsNotified reportDueAt } }
  }
}`;

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

describe('access alerts', () => {
  it('an administrator dismisses an explained alert, confirms a breach, and sees when the authority must be told', async () => {
    const adminToken = (
      await api<{ login: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: ADMIN.email, p: ADMIN.password },
      )
    ).login.accessToken;
    const alerts = async (status: string[]) =>
      (
        await api<{ accessAlerts: { edges: { node: AlertNode }[] } }>(ALERTS, { status }, adminToken)
      ).accessAlerts.edges.map((edge) => edge.node);
    // The demo clinic's two waiting for a review (the job may have raised others meanwhile).
    const open = await alerts(['OPEN']);
    const wide = open.find((alert) => alert.rule === 'MANY_CHARTS' && alert.patientCount === 64);
    const glass = open.find((alert) => alert.rule === 'REPEATED_EMERGENCY_ACCESS' && alert.patientCount === 3);
    expect(wide?.usualCount).toBe(11);
    expect(glass).toBeDefined();
    const wideWords = `${wide!.actorName} read the charts of 64 patients within an hour — at most 11 in any hour of the four weeks before`;
    const glassWords = `${glass!.actorName} opened 3 patients’ charts with emergency access within a day`;

    const admin = await person(ADMIN.email, ADMIN.password);
    await admin.getByRole('link', { name: 'Access alerts' }).first().click();
    await admin.waitForURL('**/admin/access-alerts**');
    const card = (words: string): Locator =>
      admin
        .getByRole('list', { name: 'Access alerts' })
        .getByRole('listitem')
        .filter({ has: admin.getByRole('heading', { level: 2, name: words, exact: true }) });
    await card(wideWords).waitFor({ timeout: UI });
    await card(glassWords).waitFor({ timeout: UI });
    expect(await card(wideWords).getByText('Waiting for review').isVisible()).toBe(true);
    expect(await card(glassWords).getByText('Doctor', { exact: true }).isVisible()).toBe(true);
    await screenshot(admin, 'access-alerts-admin');
    await admin.setViewportSize(PHONE);
    await screenshot(admin, 'access-alerts-admin-phone');
    await admin.setViewportSize(DESKTOP);

    // The busy hour was explained: not a breach, once the note says what explained it.
    await card(wideWords).getByRole('button', { name: 'Review' }).click();
    const review = admin.getByRole('dialog', { name: `Review the alert about ${wide!.actorName}` });
    await review.waitFor({ timeout: UI });
    const note = review.getByLabel(/What the review found/);
    // The note is where the review starts.
    const noteId = await note.getAttribute('id');
    await expect.poll(() => admin.evaluate('document.activeElement?.id'), { timeout: UI }).toBe(noteId);
    await note.fill('Explained');
    await review.getByRole('button', { name: 'Not a breach' }).click();
    await expect
      .poll(() => review.getByText('Say what the review found, in at least 10 characters.').isVisible(), {
        timeout: UI,
      })
      .toBe(true);
    const explained =
      'The doctor was covering the diabetes clinic’s annual recall, as the head of department confirmed.';
    await note.fill(explained);
    expect(await review.getByText(/in at least 10 characters/).isVisible()).toBe(false);
    await screenshot(admin, 'access-alerts-review');
    await review.getByRole('button', { name: 'Not a breach' }).click();
    await expect
      .poll(() => admin.getByText(`The alert about ${wide!.actorName} was closed as not a breach.`).isVisible(), {
        timeout: UI,
      })
      .toBe(true);
    await expect.poll(() => card(wideWords).count(), { timeout: UI }).toBe(0);

    // The emergency access was not: confirmed as a breach, on a phone, after reading what that does.
    await admin.setViewportSize(PHONE);
    await card(glassWords).getByRole('button', { name: 'Review' }).click();
    const breach = admin.getByRole('dialog', { name: `Review the alert about ${glass!.actorName}` });
    await breach.waitFor({ timeout: UI });
    const warning = await breach.textContent();
    expect(warning).toContain('cannot be undone');
    expect(warning).toContain(`${glass!.actorName}’s account is locked out`);
    expect(warning).toContain('The 3 patients whose charts it read are told');
    expect(warning).toContain('within 72 hours');
    const misuse = 'None of the three patients was an emergency; the doctor could not say why the charts were opened.';
    await breach.getByLabel(/What the review found/).fill(misuse);
    await screenshot(admin, 'access-alerts-breach-phone');
    await breach.getByRole('button', { name: 'Confirm breach' }).click();
    const confirmed = admin.getByText(/^Breach confirmed\./);
    await confirmed.waitFor({ timeout: UI });
    expect(await confirmed.textContent()).toMatch(
      new RegExp(
        `^Breach confirmed\\. ${glass!.actorName.replace(/\./g, '\\.')}’s account is locked out and 3 patients were told\\. Report it to the supervisory authority by .+\\.$`,
      ),
    );
    await expect.poll(() => card(glassWords).count(), { timeout: UI }).toBe(0);
    await screenshot(admin, 'access-alerts-reviewed-phone-notice');

    // Among the reviewed: the breach with its patients told and the deadline ahead, the dismissal with its note.
    await admin.getByLabel('Show').selectOption({ label: 'Reviewed' });
    await admin.waitForURL('**/admin/access-alerts?status=REVIEWED');
    const breached = card(glassWords);
    await breached.waitFor({ timeout: UI });
    expect(await breached.getByText('Breach', { exact: true }).isVisible()).toBe(true);
    expect(await breached.getByText(misuse).isVisible()).toBe(true);
    expect(await breached.getByText(/3 patients told/).isVisible()).toBe(true);
    expect(await breached.getByText(/^Report to the supervisory authority by /).isVisible()).toBe(true);
    expect(await breached.getByText(/^7[12] hours left/).isVisible()).toBe(true);
    expect(await breached.getByRole('button').count()).toBe(0);
    expect(await card(wideWords).getByText(explained).isVisible()).toBe(true);
    await screenshot(admin, 'access-alerts-reviewed-phone');
    await admin.setViewportSize(DESKTOP);
    await screenshot(admin, 'access-alerts-reviewed');

    // As stored: the breach's authority deadline 72 hours after its review.
    const reviewed = await alerts(['DISMISSED', 'BREACH']);
    expect(reviewed.find((alert) => alert.id === wide!.id)).toMatchObject({ status: 'DISMISSED', note: explained });
    const stored = reviewed.find((alert) => alert.id === glass!.id);
    expect(stored).toMatchObject({ status: 'BREACH', note: misuse, patientsNotified: 3 });
    expect(Date.parse(stored!.reportDueAt!) - Date.parse(stored!.reviewedAt!)).toBe(72 * HOUR);
  }, 120_000);
});
