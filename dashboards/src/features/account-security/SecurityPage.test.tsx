import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { ChangePasswordMutation, MySessionsQuery, RevokeSessionMutation } from './operations';

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

  describe('changing the password', () => {
    let warnings: MockInstance<typeof console.warn>;
    let errors: MockInstance<typeof console.error>;
    beforeEach(() => {
      warnings = vi.spyOn(console, 'warn');
      errors = vi.spyOn(console, 'error');
    });
    afterEach(() => {
      warnings.mockRestore();
      errors.mockRestore();
    });
    /** Every answer fitted the cache, this form's operations each matched a mock, and a refetch found its query. */
    const expectApolloQuiet = () => {
      const said = [...warnings.mock.calls, ...errors.mock.calls].map((args) => args.map(String).join(' '));
      expect(
        said.filter(
          (line) =>
            /Missing field|Unknown query/.test(line) ||
            /No more mocked responses[\s\S]*(ChangePassword|MySessions)/.test(line),
        ),
      ).toEqual([]);
    };

    const changes = (result: object) => ({
      request: {
        query: ChangePasswordMutation,
        variables: { currentPassword: 'patient-password-1', newPassword: 'a brand new passphrase' },
      },
      result,
    });
    const sessionsMock = (...sessions: (typeof here)[]) => ({
      request: { query: MySessionsQuery },
      result: { data: { mySessions: sessions } },
    });
    const form = async () => {
      const heading = await screen.findByRole('heading', { name: 'Change password' }, { timeout: 5000 });
      const section = heading.closest('section')!;
      return {
        section,
        current: within(section).getByLabelText(/^Current password/),
        next: within(section).getByLabelText(/^New password/),
        repeat: within(section).getByLabelText(/^Repeat the new password/),
        submit: within(section).getByRole('button', { name: 'Change password' }),
      };
    };

    it('changes it, empties the fields, says so and lists this device alone', async () => {
      const { user, requests } = renderApp({
        path: '/patient/security',
        signedInAs: testUsers.patient,
        mocks: [
          sessionsMock(here, phone),
          { ...changes({ data: { changePassword: true } }), delay: 300 },
          sessionsMock(here),
        ],
      });
      const { section, current, next, repeat, submit } = await form();
      expect(current).toHaveAttribute('autocomplete', 'current-password');
      expect(next).toHaveAttribute('autocomplete', 'new-password');
      expect(repeat).toHaveAttribute('autocomplete', 'new-password');
      // The rule is said before anything is typed, as on the sign-up form.
      expect(next).toHaveAccessibleDescription('At least 10 characters, and not your e-mail address.');
      const devices = screen.getByRole('heading', { name: 'Signed-in devices' }).closest('section')!;
      expect(await within(devices).findByText('Firefox on Android')).toBeVisible();

      await user.type(current, 'patient-password-1');
      await user.type(next, 'a brand new passphrase');
      await user.type(repeat, 'a brand new passphrase');
      await user.click(submit);
      // While it is saved the button says so and cannot be pressed again.
      expect(submit).toBeDisabled();
      expect(submit).toHaveTextContent('Changing password…');

      const done = await within(section).findByRole('status');
      expect(done).toHaveTextContent('Your password was changed. Other devices were signed out.');
      expect(done).toHaveTextContent('We have e-mailed patient@clinic.test to say so.');
      expect(current).toHaveValue('');
      expect(next).toHaveValue('');
      expect(repeat).toHaveValue('');
      expect(within(section).queryByRole('alert')).toBeNull();
      // Every other device was signed out: the list is asked again and shows this one alone.
      await expect.poll(() => within(devices).queryByText('Firefox on Android'), { timeout: 5_000 }).toBeNull();
      expect(within(devices).getByText(/Chrome on Windows/)).toBeVisible();
      expect(requests.filter((name) => name === 'ChangePassword' || name === 'MySessions')).toEqual([
        'MySessions',
        'ChangePassword',
        'MySessions',
      ]);
      expectApolloQuiet();
    });

    it('catches a repeat that differs from the new password without asking the API', async () => {
      const { user, requests } = renderApp({
        path: '/patient/security',
        signedInAs: testUsers.patient,
        mocks: [sessionsMock(here)],
      });
      const { section, current, next, repeat, submit } = await form();

      await user.type(current, 'patient-password-1');
      await user.type(next, 'a brand new passphrase');
      await user.type(repeat, 'a brand new passphrose');
      await user.click(submit);

      await expect.poll(() => repeat.getAttribute('aria-invalid'), { timeout: 5_000 }).toBe('true');
      // The field links its error text a render after it is marked invalid (Chakra's Field).
      await waitFor(() => expect(repeat).toHaveAccessibleErrorMessage('The two passwords are not the same.'));
      expect(next).not.toHaveAttribute('aria-invalid', 'true');
      expect(current).not.toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => document.activeElement, { timeout: 5_000 }).toBe(repeat);
      expect(within(section).queryByRole('status')).toBeNull();
      expect(requests).not.toContain('ChangePassword');
      expectApolloQuiet();
    });

    it('shows a wrong current password under that field', async () => {
      const { user } = renderApp({
        path: '/doctor/security',
        signedInAs: testUsers.doctor,
        mocks: [
          sessionsMock(here),
          changes({
            errors: [
              {
                message: 'The current password is not right.',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'currentPassword', message: 'is not your current password' }],
                },
              },
            ],
          }),
        ],
      });
      const { section, current, next, repeat, submit } = await form();

      await user.type(current, 'patient-password-1');
      await user.type(next, 'a brand new passphrase');
      await user.type(repeat, 'a brand new passphrase');
      await user.click(submit);

      await expect.poll(() => current.getAttribute('aria-invalid'), { timeout: 5_000 }).toBe('true');
      // The field links its error text a render after it is marked invalid (Chakra's Field).
      await waitFor(() => expect(current).toHaveAccessibleErrorMessage('is not your current password'));
      expect(next).not.toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => document.activeElement, { timeout: 5_000 }).toBe(current);
      // The problem is beside its field: no general alert, nothing said to have changed, nothing emptied.
      expect(within(section).queryByRole('alert')).toBeNull();
      expect(within(section).queryByRole('status')).toBeNull();
      expect(next).toHaveValue('a brand new passphrase');
      expect(submit).toBeEnabled();

      // Typing again clears the field's problem.
      await user.type(current, '!');
      expect(current).not.toHaveAttribute('aria-invalid', 'true');
      expectApolloQuiet();
    });

    it('says how many minutes to wait after too many wrong passwords', async () => {
      const { user } = renderApp({
        path: '/admin/security',
        signedInAs: testUsers.admin,
        mocks: [
          sessionsMock(here),
          changes({
            errors: [
              {
                message: 'Too many failed sign-ins. Try again in 5 minutes.',
                extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 290 },
              },
            ],
          }),
        ],
      });
      const { section, current, next, repeat, submit } = await form();

      await user.type(current, 'patient-password-1');
      await user.type(next, 'a brand new passphrase');
      await user.type(repeat, 'a brand new passphrase');
      await user.click(submit);

      expect(await within(section).findByRole('alert')).toHaveTextContent(
        'Too many attempts — try again in 5 minutes.',
      );
      expect(current).not.toHaveAttribute('aria-invalid', 'true');
      expect(within(section).queryByRole('status')).toBeNull();
      expect(submit).toBeEnabled();
      expectApolloQuiet();
    });
  });
});
