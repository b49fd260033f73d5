import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { CompleteMfaLoginMutation, LoginMutation } from './operations';

const loginAs = (email: string, password: string, result: object) => ({
  request: { query: LoginMutation, variables: { email, password } },
  result,
});

const session = (user: object) => ({
  data: {
    login: {
      __typename: 'AuthPayload',
      accessToken: 'access-1',
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      user,
    },
  },
});

describe('LoginPage', () => {
  it('explains what is missing next to the fields and sends nothing', async () => {
    const { user, requests } = renderApp({ path: '/login' });

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter your email address.')).toBeVisible();
    expect(screen.getByText('Enter your password.')).toBeVisible();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).toHaveFocus();

    await user.type(screen.getByLabelText('Email'), 'pat@clinic');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter an email address like name@example.com.')).toBeVisible();
    expect(screen.queryByText('Enter your password.')).not.toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  it('takes a doctor to the schedule after signing in', async () => {
    const {
      user,
      router,
      session: store,
    } = renderApp({
      path: '/login',
      mocks: [loginAs('doctor@clinic.test', 'doctor-password-1', session(testUsers.doctor))],
    });

    await user.type(await screen.findByLabelText('Email'), 'doctor@clinic.test');
    expect(document.title).toBe('Sign in · Healthcare Platform');
    await user.type(screen.getByLabelText('Password'), 'doctor-password-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: "Doctor's schedule" })).toBeVisible();
    expect(router.state.location.pathname).toBe('/doctor');
    expect(document.title).toBe('Calendar · Doctor · Healthcare Platform');
    expect(screen.getByText('Signed in as Dr Dana Reyes')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(store.signedInHere).toBe(true);
    expect(store.accessToken).toBeTruthy();
  });

  it('says plainly when the email or password is wrong', async () => {
    const { user, router } = renderApp({
      path: '/login',
      mocks: [
        loginAs('doctor@clinic.test', 'wrong-password', {
          errors: [{ message: 'The email or password is incorrect.', extensions: { code: 'UNAUTHENTICATED' } }],
        }),
      ],
    });

    await user.type(await screen.findByLabelText('Email'), 'doctor@clinic.test');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is incorrect.');
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('says how long to wait after too many attempts', async () => {
    const { user } = renderApp({
      path: '/login',
      mocks: [
        loginAs('doctor@clinic.test', 'guess', {
          errors: [
            {
              message: 'Too many failed sign-ins. Try again in 5 minutes.',
              extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 290 },
            },
          ],
        }),
      ],
    });

    await user.type(await screen.findByLabelText('Email'), 'doctor@clinic.test');
    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts — try again in 5 minutes');
  });

  it('sends a signed-out visitor to sign in, then back to their area', async () => {
    const { user, router } = renderApp({
      path: '/patient/appointments?tab=past',
      mocks: [loginAs('patient@clinic.test', 'patient-password-1', session(testUsers.patient))],
    });

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/patient/appointments?tab=past')}`);

    await user.type(await screen.findByLabelText('Email'), 'patient@clinic.test');
    await user.type(screen.getByLabelText('Password'), 'patient-password-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/patient'));
    expect(await screen.findByRole('heading', { name: 'Patient portal' })).toBeVisible();
  });

  it('asks for a code when the account has two-step sign-in, then signs in with it', async () => {
    const {
      user,
      router,
      session: store,
    } = renderApp({
      path: '/login',
      mocks: [
        loginAs('patient@clinic.test', 'patient-password-1', {
          errors: [
            {
              message: 'Enter the code from your authenticator app (or a recovery code).',
              extensions: { code: 'MFA_REQUIRED', challenge: 'challenge-1' },
            },
          ],
        }),
        {
          request: { query: CompleteMfaLoginMutation, variables: { challenge: 'challenge-1', code: '000000' } },
          result: { errors: [{ message: 'The code is not correct.', extensions: { code: 'BAD_USER_INPUT' } }] },
        },
        {
          request: { query: CompleteMfaLoginMutation, variables: { challenge: 'challenge-1', code: '123456' } },
          result: {
            data: {
              completeMfaLogin: {
                __typename: 'AuthPayload',
                accessToken: 'access-mfa',
                expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
                user: testUsers.patient,
              },
            },
          },
        },
      ],
    });

    await user.type(await screen.findByLabelText('Email'), 'patient@clinic.test');
    await user.type(screen.getByLabelText('Password'), 'patient-password-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const code = await screen.findByLabelText('Authentication code');
    expect(store.signedInHere).toBe(false);
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That code is not correct');

    await user.clear(code);
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/patient'));
    expect(store.accessToken).toBe('access-mfa');
  });
});
