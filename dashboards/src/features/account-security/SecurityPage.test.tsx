import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MySessionsQuery, RevokeSessionMutation } from './operations';

const session = (id: string, userAgent: string, current: boolean) => ({
  __typename: 'Session',
  id,
  createdAt: '2026-11-20T08:00:00.000Z',
  lastUsedAt: '2026-11-21T09:30:00.000Z',
  userAgent,
  current,
});
const here = session('s1', 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36', true);
const phone = session('s2', 'Mozilla/5.0 (Linux; Android 14) Gecko/20100101 Firefox/133.0', false);

describe('SecurityPage', () => {
  it('signs out another device, its button described by that device, and lists what is left', async () => {
    const { user, requests } = renderApp({
      path: '/patient/security',
      signedInAs: testUsers.patient,
      mocks: [
        { request: { query: MySessionsQuery }, result: { data: { mySessions: [here, phone] } } },
        {
          request: { query: RevokeSessionMutation, variables: { id: 's2' } },
          result: { data: { revokeSession: true } },
        },
        { request: { query: MySessionsQuery }, result: { data: { mySessions: [here] } } },
      ],
    });
    const devices = (await screen.findByRole('heading', { name: 'Signed-in devices' }, { timeout: 5000 })).closest(
      'section',
    )!;
    const other = (await within(devices).findByText('Firefox on Android')).closest('li')!;
    // This device cannot sign itself out here; the other one's button says which device it is.
    const current = within(devices).getByText('This device').closest('li')!;
    expect(within(current).queryByRole('button')).toBeNull();
    const button = within(other).getByRole('button', { name: 'Sign out this device' });
    expect(button).toHaveAccessibleDescription(/^Firefox on Android Signed in .* · last active /);

    await user.click(button);
    expect(requests).toContain('RevokeSession');
    await expect.poll(() => within(devices).queryByText('Firefox on Android')).toBeNull();
    expect(within(devices).getByText(/Chrome on Windows/)).toBeVisible();
    expect(within(devices).queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull();
  });
});
