import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MeQuery } from '../auth/operations';
import { ResendEmailVerificationMutation, VerifyEmailMutation } from './operations';

const unconfirmed = { ...testUsers.patient, emailVerified: false } as const;

const verifies = (token: string, result: object) => ({
  request: { query: VerifyEmailMutation, variables: { token } },
  result,
});
const confirmed = { data: { verifyEmail: true } };
const invalidLink = {
  errors: [
    {
      message: 'This confirmation link is not valid or has expired. Ask for a new one.',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'token', message: 'is not valid or has expired; ask for a new link' }],
      },
    },
  ],
};

describe('VerifyEmailPage', () => {
  it('confirms the address once, on arrival, and offers to sign in when signed out', async () => {
    const { requests } = renderApp({ path: '/verify-email#token=tok-1', mocks: [verifies('tok-1', confirmed)] });

    expect(await screen.findByText('Your e-mail address is confirmed')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Continue' })).toHaveAttribute('href', '/login');
    expect(document.title).toBe('Confirm your e-mail address · Healthcare Platform');
    expect(requests).toEqual(['VerifyEmail']);
  });

  it('when this browser is signed in, reads `me` again so the reminder goes, and continues to the area', async () => {
    const { user, router, requests } = renderApp({
      path: '/verify-email#token=tok-2',
      signedInAs: testUsers.patient,
      // Unconfirmed until the link is opened; `me` after that answers confirmed (renderApp's default).
      mocks: [{ request: { query: MeQuery }, result: { data: { me: unconfirmed } } }, verifies('tok-2', confirmed)],
    });

    expect(await screen.findByText('Your e-mail address is confirmed')).toBeVisible();
    await waitFor(() => expect(requests.filter((name) => name === 'Me')).toHaveLength(2));
    expect(requests.filter((name) => name === 'VerifyEmail')).toHaveLength(1);

    await user.click(screen.getByRole('link', { name: 'Continue' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/patient'));
    expect(await screen.findByRole('heading', { name: 'Patient portal' })).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Confirm your e-mail address' })).not.toBeInTheDocument();
  });

  it('explains a link that does not work and, signed in, sends a new one', async () => {
    const { user } = renderApp({
      path: '/verify-email#token=old-link',
      signedInAs: unconfirmed,
      mocks: [
        verifies('old-link', invalidLink),
        { request: { query: ResendEmailVerificationMutation }, result: { data: { resendEmailVerification: true } } },
      ],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('This link does not work');
    expect(screen.queryByText('Your e-mail address is confirmed')).not.toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Send a new link' }));

    expect(await screen.findByText('We sent a new link to patient@clinic.test. It works for 48 hours.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Send a new link' })).not.toBeInTheDocument();
  });

  it('tells a signed-out visitor with a link that does not work how to get a new one', async () => {
    renderApp({ path: '/verify-email#token=old-link', mocks: [verifies('old-link', invalidLink)] });

    expect(await screen.findByRole('alert')).toHaveTextContent('This link does not work');
    expect(screen.getByRole('link', { name: 'sign in' })).toHaveAttribute('href', '/login');
    expect(screen.queryByRole('button', { name: 'Send a new link' })).not.toBeInTheDocument();
  });

  it('says so when the link has no token, and sends nothing', async () => {
    const { requests } = renderApp({ path: '/verify-email' });

    expect(await screen.findByText(/This link is incomplete/)).toBeVisible();
    expect(requests).toEqual([]);
  });
});
