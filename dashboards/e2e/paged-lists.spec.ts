import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchBrowser, screenshot, signIn, specialtyChoice } from './browser.js';
import { graphql } from './api.js';

/**
 * Paged lists as people use them: pages loaded with "Load more" stay through a refetch, a failed
 * "Load more" says so in place and "Try again" loads the page, a list loaded whole says when a
 * later page failed, and the pickers of doctors and patients say how many match and find the rest.
 * Failures are made by aborting one request with Playwright's route interception.
 */

const baseUrl = inject('baseUrl');
const UI = 15_000;
const run = Date.now().toString(36);
const ADMIN = ['admin@clinic.test', 'admin-password-1'] as const;
const DOCTOR = ['doctor@clinic.test', 'doctor-password-1'] as const;
const PATIENT = ['patient@clinic.test', 'patient-password-1'] as const;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let browser: Browser;
const contexts: BrowserContext[] = [];

const api = <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
  graphql<T>(baseUrl, query, variables, token);

async function token([email, password]: readonly [string, string]): Promise<string> {
  const data = await api<{ login: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return data.login.accessToken;
}

async function open([email, password]: readonly [string, string]): Promise<Page> {
  const { context, page } = await signIn(browser, baseUrl, email, password);
  contexts.push(context);
  return page;
}

interface GraphQLBody {
  operationName?: string;
  variables?: Record<string, unknown>;
}

function operation(route: Route): GraphQLBody {
  try {
    return (route.request().postDataJSON() as GraphQLBody | null) ?? {};
  } catch {
    return {};
  }
}

/** Aborts the next `count` requests of `operationName` that ask for a later page (`after`). */
async function failNextPages(
  page: Page,
  operationName: string,
  /** How many to fail (the first ones), or while it answers true. */
  count: number | (() => boolean) = 1,
): Promise<() => number> {
  let failed = 0;
  await page.route('**/graphql', async (route) => {
    const body = operation(route);
    const failing = typeof count === 'number' ? failed < count : count();
    if (body.operationName === operationName && body.variables?.['after'] && failing) {
      failed += 1;
      await route.abort('connectionreset');
      return;
    }
    await route.fallback();
  });
  return () => failed;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser.close();
});

describe('paged lists', () => {
  it('keeps the pages loaded through a refetch, and retries a failed "Load more" in place', async () => {
    const page = await open(ADMIN);
    const firstPage = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        (response.request().postDataJSON() as GraphQLBody | null)?.operationName === 'AdminAppointments',
    );
    await page.goto('/admin/appointments');
    const firstFrom = ((await firstPage).request().postDataJSON() as { variables: { filter: { from?: string } } })
      .variables.filter.from;
    const showing = page.getByText(/^Showing [\d,]+ of [\d,]+ appointments$/);
    await expect.poll(() => showing.textContent(), { timeout: UI }).toMatch(/^Showing 25 of/);
    // From tomorrow: the list starts at midnight today, and later in the day its first pages hold
    // only this morning's visits, done and no longer changeable.
    const tomorrow = await page.evaluate(() => {
      const day = new Date();
      day.setDate(day.getDate() + 1);
      return [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    });
    const fromTomorrow = page.waitForResponse((response) => {
      const body = response.url().endsWith('/graphql')
        ? (response.request().postDataJSON() as GraphQLBody | null)
        : null;
      const filter = body?.variables?.['filter'] as { from?: string } | undefined;
      return body?.operationName === 'AdminAppointments' && Boolean(filter?.from) && filter?.from !== firstFrom;
    });
    await page.getByLabel('From', { exact: true }).fill(tomorrow);
    await fromTomorrow;
    await expect.poll(() => showing.textContent(), { timeout: UI }).toMatch(/^Showing 25 of/);
    const cancels = page.getByRole('button', { name: /^Cancel / });
    const onFirstPage = await cancels.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => showing.textContent(), { timeout: UI }).toMatch(/^Showing 50 of/);

    // Cancelling one on the second page refetches the list (the mutation's refetchQueries):
    // both pages stay, and the cancelled one shows its new status in its place.
    expect(await cancels.count()).toBeGreaterThan(onFirstPage);
    await cancels.last().click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByLabel(/Reason/).fill(`Clinic closed that day (e2e ${run})`);
    const refetched = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        (response.request().postDataJSON() as GraphQLBody | null)?.operationName === 'AdminAppointments',
    );
    // …and the second page is read again after it (an appointment new there would show).
    const reread = page.waitForResponse((response) => {
      const body = response.url().endsWith('/graphql')
        ? (response.request().postDataJSON() as GraphQLBody | null)
        : null;
      return body?.operationName === 'AdminAppointments' && Boolean(body.variables?.['after']);
    });
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await refetched;
    await reread;
    await expect
      .poll(() => page.getByText('The appointment is cancelled and the patient is told.').isVisible(), {
        timeout: UI,
      })
      .toBe(true);
    await page.waitForTimeout(300);
    expect(await showing.textContent()).toMatch(/^Showing 50 of/);

    // The third page fails once: the error says so under the list, which stays as it was.
    const failures = await failNextPages(page, 'AdminAppointments');
    await page.getByRole('button', { name: 'Load more' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'More appointments did not load' });
    await expect.poll(() => failed.isVisible(), { timeout: UI }).toBe(true);
    expect(failures()).toBe(1);
    expect(await showing.textContent()).toMatch(/^Showing 50 of/);
    await screenshot(page, 'paged-load-more-failed');
    await page.setViewportSize(PHONE);
    await failed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('paged-load-more-failed-phone') });
    await page.setViewportSize(DESKTOP);

    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => showing.textContent(), { timeout: UI }).toMatch(/^Showing 75 of/);
    expect(await failed.count()).toBe(0);
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('says when a later page of the week did not load, and loads it on "Try again" (%s)', async (size, viewport) => {
    const { context, page } = await signIn(browser, baseUrl, ...DOCTOR);
    contexts.push(context);
    await page.setViewportSize(viewport);
    // The week fits one page in the demo clinic: its first page claims a next one, whose requests
    // fail until "Try again" is pressed; then the request (after the real last cursor) answers an
    // empty, last page. A live update meanwhile refetches the week and asks for the next page again
    // (it fails again), so the alert stays until the retry the test is about.
    let claimed = 0;
    let failing = true;
    await page.route('**/graphql', async (route) => {
      const body = operation(route);
      if (body.operationName !== 'DoctorSchedule' || body.variables?.['after']) {
        await route.fallback();
        return;
      }
      const response = await route.fetch();
      const json = (await response.json()) as {
        data?: { appointments?: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      };
      const pageInfo = json.data?.appointments?.pageInfo;
      if (pageInfo?.endCursor && failing) {
        claimed += 1;
        pageInfo.hasNextPage = true;
      }
      await route.fulfill({ response, json });
    });
    const failures = await failNextPages(page, 'DoctorSchedule', () => failing);
    // The week on both sizes (a phone opens on the day, which has no appointments on a weekend:
    // then no page claims a next one). The week's weekdays have the demo clinic's appointments.
    await page.goto('/doctor?view=week');
    const incomplete = page.getByRole('alert').filter({ hasText: 'Not all appointments of these days are shown' });
    await expect.poll(() => incomplete.isVisible(), { timeout: UI }).toBe(true);
    expect(claimed).toBeGreaterThanOrEqual(1);
    expect(failures()).toBeGreaterThanOrEqual(1);
    await screenshot(page, `paged-week-incomplete-${size}`);

    const retry = incomplete.getByRole('button', { name: 'Try again' });
    await retry.waitFor();
    failing = false;
    await retry.click();
    await expect.poll(() => incomplete.count(), { timeout: UI }).toBe(0);
  });

  it('offers a doctor’s patients as recipients a page at a time, says how many, and finds the others by name', async () => {
    const page = await open(DOCTOR);
    await page.goto('/doctor/messages/new');
    const showing = page.getByText(/^Showing [\d,]+ of [\d,]+ patients$/);
    await expect.poll(() => showing.textContent(), { timeout: UI }).toMatch(/^Showing 20 of [\d,]+/);
    const total = Number(/of ([\d,]+)/.exec((await showing.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
    expect(total).toBeGreaterThan(20);
    const options = page.getByLabel('Patient', { exact: true }).locator('option');
    expect(await options.count()).toBe(21); // "Choose…" and 20 patients
    await screenshot(page, 'paged-recipients');

    await page.getByRole('button', { name: 'Offer more patients' }).click();
    await expect.poll(() => options.count(), { timeout: UI }).toBe(Math.min(total, 40) + 1);
    const last = (await options.last().textContent()) ?? '';
    const surname = last.split(' ').at(-1) ?? '';

    await page.getByLabel('Find a patient').fill(surname);
    // The search asks the API (name or e-mail): the patient is offered among fewer, once its answer is in.
    const offered = async () => (await options.allTextContents()).slice(1);
    await expect
      .poll(
        async () => {
          const names = await offered();
          return names.length < Math.min(total, 40) && names.includes(last);
        },
        { timeout: UI },
      )
      .toBe(true);
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath('paged-recipients-phone'), fullPage: true });
  });

  it('lists a specialty’s doctors a page at a time with how many there are, and finds one by name', async () => {
    const admin = await token(ADMIN);
    const { specializations } = await api<{ specializations: { name: string }[] }>('{ specializations { name } }');
    const specialization = specializations.find((s) => s.name === 'Rheumatology')?.name ?? specializations.at(-1)!.name;
    const before = await api<{ doctors: { totalCount: number } }>(
      'query ($s: String) { doctors(specialization: $s, first: 1) { totalCount } }',
      { s: specialization },
    );
    const wanted = 22 - before.doctors.totalCount;
    const lastNames: string[] = [];
    for (let i = 0; i < wanted; i += 1) {
      const lastName = `Pager${run}${String.fromCharCode(97 + i)}`;
      lastNames.push(lastName);
      await api(
        'mutation ($input: CreateDoctorInput!) { createDoctor(input: $input) { id } }',
        {
          input: {
            email: `pager-${run}-${i}@clinic.test`,
            password: `Long-enough-password-${run}`,
            firstName: 'Rowan',
            lastName,
            specialization,
            licenseNumber: `PG-${run}-${i}`,
            timezone: 'Europe/Berlin',
          },
        },
        admin,
      );
    }

    const page = await open(PATIENT);
    await page.goto('/patient/book');
    const specialty = specialtyChoice(page, specialization);
    expect(await specialty.getAttribute('value', { timeout: UI })).toBe(specialization);
    await specialty.locator('xpath=ancestor::label[1]').click({ timeout: UI });
    const group = page.getByRole('group', { name: '2. Choose a doctor' });
    const doctors = group.getByRole('radio');
    await expect.poll(() => doctors.count(), { timeout: UI }).toBe(20);
    const showing = page.getByText(new RegExp(`^Showing \\d+ of \\d+ ${specialization} doctors$`));
    expect(await showing.textContent()).toBe(`Showing 20 of 22 ${specialization} doctors`);
    await screenshot(page, 'paged-booking-doctors');

    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => doctors.count(), { timeout: UI }).toBe(22);

    const sought = lastNames.at(-1)!;
    await page.getByLabel(`Find a ${specialization} doctor by name`).fill(sought);
    await expect.poll(() => doctors.count(), { timeout: UI }).toBe(1);
    expect(await group.textContent()).toContain(sought);
    await page.getByLabel(`Find a ${specialization} doctor by name`).fill(`nobody-${run}`);
    await expect
      .poll(() => page.getByText(`No ${specialization} doctor’s name matches “nobody-${run}”.`).isVisible(), {
        timeout: UI,
      })
      .toBe(true);
    await page.getByLabel(`Find a ${specialization} doctor by name`).fill(sought);
    await expect.poll(() => doctors.count(), { timeout: UI }).toBe(1);
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath('paged-booking-doctors-phone'), fullPage: true });
  });

  it('gives each of a patient’s appointment lists at the front desk one "more" control', async () => {
    // The demo patient, a frequent visitor (diabetes and high blood pressure), as the front desk sees them.
    const { me } = await api<{ me: { patient: { id: string } } }>(
      '{ me { patient { id } } }',
      {},
      await token(PATIENT),
    );
    const { patient: busiest } = await api<{ patient: { id: string; appointments: { totalCount: number } } }>(
      'query ($id: ID!) { patient(id: $id) { id appointments(first: 1) { totalCount } } }',
      { id: me.patient.id },
      await token(ADMIN),
    );
    expect(busiest.appointments.totalCount).toBeGreaterThan(10); // more than a page

    const page = await open(ADMIN);
    await page.goto(`/admin/patients/${busiest.id}`);
    const upcoming = page.getByRole('region', { name: 'Upcoming appointments' });
    const past = page.getByRole('region', { name: 'Past appointments' });
    await expect.poll(() => past.getByRole('listitem').count(), { timeout: UI }).toBeGreaterThan(0);
    const more = /^(Show more|Load more|Show \d+ more)$/;
    const section = page.getByRole('region', { name: 'Appointments', exact: true });
    expect(await upcoming.getByRole('button', { name: more }).count()).toBe(0);
    expect(await section.getByRole('button', { name: more }).count()).toBeLessThanOrEqual(1);
    const shownBefore = await past.getByRole('listitem').count();
    const control = past.getByRole('button', { name: 'Show more' });
    if (shownBefore === 10 && (await control.count()) === 1) {
      await screenshot(page, 'paged-front-desk');
      await control.click();
      await expect.poll(() => past.getByRole('listitem').count(), { timeout: UI }).toBeGreaterThan(shownBefore);
    }
    expect(await past.getByText(/^Showing [\d,]+( of [\d,]+)? past or cancelled appointments?$/).count()).toBe(1);
    await screenshot(page, 'paged-front-desk-more');
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath('paged-front-desk-phone'), fullPage: true });
  });
});

function screenshotPath(name: string): string {
  return new URL(`../../test-results/screenshots/${name}.png`, import.meta.url).pathname;
}
