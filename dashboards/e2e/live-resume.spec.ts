import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.js';
import { graphql } from './api.js';
import { startProductServer, type ProductServer } from './server.js';

/** Short-lived access tokens, so "past two token lifetimes" takes seconds. */
const TOKEN_SECONDS = 15;

let browser: Browser;
let server: ProductServer;

beforeAll(async () => {
  // Its own server: the shared one keeps the default token lifetime.
  [browser, server] = await Promise.all([
    launchBrowser(),
    startProductServer({ ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_SECONDS) }),
  ]);
});
afterAll(async () => {
  await browser.close();
  await server.stop();
});

const api = <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
  graphql<T>(server.baseUrl, query, variables, token);

/** Books the patient's next free slot with the first doctor that has one, from another device. */
async function bookElsewhere(): Promise<void> {
  const { login } = await api<{ login: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: 'patient@clinic.test', p: 'patient-password-1' },
  );
  const { doctors } = await api<{ doctors: { edges: { node: { id: string } }[] } }>(
    '{ doctors(first: 20) { edges { node { id } } } }',
    {},
    login.accessToken,
  );
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString();
  for (const { node } of doctors.edges) {
    const { availableSlots } = await api<{ availableSlots: { startsAt: string }[] }>(
      'query ($d: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, from: $f, to: $t) { startsAt } }',
      { d: node.id, f: from, t: to },
      login.accessToken,
    );
    const slot = availableSlots.at(-1 - Math.floor(Math.random() * Math.min(20, availableSlots.length)));
    if (slot) {
      await api(
        'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
        { input: { doctorId: node.id, startsAt: slot.startsAt, reason: 'Booked on another device' } },
        login.accessToken,
      );
      return;
    }
  }
  throw new Error('no free slot');
}

describe('live updates that keep their place', () => {
  it('a page left open past two token lifetimes still shows a booking made afterwards, and one made during a forced disconnect', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 } });
    // Every graphql-ws socket of the page passes through here, so the test can cut it.
    let current: WebSocketRoute | undefined;
    let cut = false;
    await context.routeWebSocket(/\/graphql$/, (socket) => {
      if (cut) {
        void socket.close({ code: 1012, reason: 'Service Restart' });
        return;
      }
      current = socket;
      socket.connectToServer();
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('patient@clinic.test');
    await page.getByLabel('Password').fill('patient-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/patient'));
    const booked = page.getByText('Booked on another device');
    await expect.poll(() => current !== undefined, { timeout: 30_000 }).toBe(true);
    const before = await booked.count();

    // Quiet past two token lifetimes: the server closes the socket (4401) at each expiry.
    await page.waitForTimeout((2 * TOKEN_SECONDS + 5) * 1_000);
    await bookElsewhere();
    await expect.poll(() => booked.count(), { timeout: 30_000 }).toBe(before + 1);
    await screenshot(page, 'live-after-two-token-lifetimes');

    // A forced disconnect: the socket drops and reconnecting fails for a while; a booking
    // commits meanwhile and arrives once the page is back (replayed from its last cursor).
    cut = true;
    await current!.close({ code: 1012, reason: 'Service Restart' });
    await bookElsewhere();
    await page.waitForTimeout(2_000);
    expect(await booked.count()).toBe(before + 1);
    cut = false;
    await expect.poll(() => booked.count(), { timeout: 60_000 }).toBe(before + 2);
    await screenshot(page, 'live-after-forced-disconnect');
    await context.close();
  });
});
