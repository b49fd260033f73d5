import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MeQuery } from '../auth/operations';
import { ResendEmailVerificationMutation } from './operations';

const unconfirmed = { ...testUsers.patient, emailVerified: false } as const;

const resendAnswers = (result: object) => ({ request: { query: ResendEmailVerificationMutation }, result });

async function banner() {
  return screen.findByRole('region', { name: 'Confirm your e-mail address' });
}

describe('EmailVerificationBanner', () => {
  it('reminds a patient with an unconfirmed address, and sends the link again', async () => {
    const { user, requests } = renderApp({
      path: '/patient',
      signedInAs: unconfirmed,
      mocks: [resendAnswers({ data: { resendEmailVerification: true } })],
    });

    const reminder = await banner();
    expect(reminder).toHaveTextContent(
      'We sent a link to patient@clinic.test. Until then, we tell you about appointments and results here only, not by e-mail.',
    );

    await user.click(within(reminder).getByRole('button', { name: 'Send the link again' }));

    expect(await within(reminder).findByText('Sent — look in your inbox.')).toHaveAttribute('role', 'status');
    expect(requests.filter((name) => name === 'ResendEmailVerification')).toHaveLength(1);
  });

  it('says when several links went out in the last hour already', async () => {
    const { user } = renderApp({
      path: '/patient/profile',
      signedInAs: unconfirmed,
      mocks: [
        resendAnswers({
          errors: [
            {
              message: 'Several links were sent in the last hour. Look for them, or ask again later.',
              extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 3_600 },
            },
          ],
        }),
      ],
    });

    const reminder = await banner();
    await user.click(within(reminder).getByRole('button', { name: 'Send the link again' }));

    expect(await within(reminder).findByText(/We have sent several links in the last hour/)).toHaveTextContent(
      'We have sent several links in the last hour. Look for them in your inbox (and spam folder), or ask again in about an hour.',
    );
    expect(within(reminder).getByRole('button', { name: 'Send the link again' })).toBeEnabled();
  });

  it('goes when the answer is that the address was confirmed meanwhile', async () => {
    const { user, requests } = renderApp({
      path: '/patient',
      // `me` answers unconfirmed once, then confirmed (renderApp's default for this user).
      signedInAs: testUsers.patient,
      mocks: [
        { request: { query: MeQuery }, result: { data: { me: unconfirmed } } },
        resendAnswers({ data: { resendEmailVerification: false } }),
      ],
    });

    await user.click(within(await banner()).getByRole('button', { name: 'Send the link again' }));

    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Confirm your e-mail address' })).not.toBeInTheDocument(),
    );
    expect(requests.filter((name) => name === 'Me')).toHaveLength(2);
  });

  it('is not shown to someone whose address is confirmed, nor to a doctor', async () => {
    renderApp({ path: '/patient', signedInAs: testUsers.patient });
    expect(await screen.findByRole('heading', { name: 'Patient portal' })).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Confirm your e-mail address' })).not.toBeInTheDocument();
  });

  it('reminds a doctor with an unconfirmed address too', async () => {
    renderApp({ path: '/doctor', signedInAs: { ...testUsers.doctor, emailVerified: false } });
    expect(await banner()).toHaveTextContent('We sent a link to doctor@clinic.test.');
  });
});
