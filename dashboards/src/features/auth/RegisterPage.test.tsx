import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { RegisterPatientMutation } from './operations';

const newPatient = {
  ...testUsers.patient,
  id: '00000000-0000-4000-8000-000000000010',
  email: 'ada.new@example.com',
  emailVerified: false,
  patient: { __typename: 'Patient', id: '00000000-0000-4000-8000-0000000000a9', firstName: 'Ada', lastName: 'Byron' },
} as const;

const input = {
  firstName: 'Ada',
  lastName: 'Byron',
  dateOfBirth: '1990-04-12',
  email: 'ada.new@example.com',
  password: 'correct horse battery',
  phone: '+44 20 7946 0000',
  gender: 'female',
};

const registers = (result: object) => ({
  request: { query: RegisterPatientMutation, variables: { input } },
  result,
});

type User = ReturnType<typeof renderApp>['user'];

/** Fills the whole form with `input`'s details (the password typed twice), unless told otherwise. */
async function fillIn(user: User, changes: Partial<typeof input> & { repeat?: string } = {}) {
  const details = { ...input, repeat: input.password, ...changes };
  await user.type(await screen.findByLabelText(/^First name/), details.firstName);
  await user.type(screen.getByLabelText(/^Last name/), details.lastName);
  await user.type(screen.getByLabelText(/^Date of birth/), details.dateOfBirth);
  await user.type(screen.getByLabelText(/^Email/), details.email);
  await user.type(screen.getByLabelText(/^Password/), details.password);
  await user.type(screen.getByLabelText(/^Repeat the password/), details.repeat);
  await user.type(screen.getByLabelText(/^Phone/), details.phone);
  await user.selectOptions(screen.getByLabelText(/^Gender/), 'Female');
}

const create = () => screen.getByRole('button', { name: 'Create account' });

describe('RegisterPage', () => {
  it('is reached from the sign-in page', async () => {
    const { user, router } = renderApp({ path: '/login' });

    await user.click(await screen.findByRole('link', { name: 'Create an account' }));

    expect(await screen.findByRole('heading', { name: 'Create your patient account' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/register');
    expect(document.title).toBe('Create your patient account · Healthcare Platform');
  });

  it('creates the account, signs the new patient in and opens the patient area with the reminder to confirm', async () => {
    const { user, router, session, requests } = renderApp({
      path: '/register',
      mocks: [
        registers({
          data: {
            registerPatient: {
              __typename: 'AuthPayload',
              accessToken: 'access-new',
              expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
              user: newPatient,
            },
          },
        }),
      ],
    });

    await fillIn(user);
    await user.click(create());

    await waitFor(() => expect(router.state.location.pathname).toBe('/patient'));
    expect(await screen.findByRole('heading', { name: 'Patient portal' })).toBeVisible();
    expect(session.signedInHere).toBe(true);
    expect(session.accessToken).toBe('access-new');
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('Ada Byron');
    const banner = await screen.findByRole('region', { name: 'Confirm your e-mail address' });
    expect(banner).toHaveTextContent('We sent a link to ada.new@example.com.');
    // The sign-up's answer is who signed in: no extra `me`.
    expect(requests.filter((name) => name === 'Me')).toEqual([]);
  });

  it('checks the details before sending', async () => {
    const { user, requests } = renderApp({ path: '/register' });

    await user.click(await screen.findByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter your first name.')).toBeVisible();
    expect(screen.getByText('Enter your last name.')).toBeVisible();
    expect(screen.getByText('Enter your date of birth.')).toBeVisible();
    expect(screen.getByText('Enter your email address.')).toBeVisible();
    expect(screen.getByText('Use at least 10 characters.')).toBeVisible();
    await waitFor(() => expect(screen.getByLabelText(/^First name/)).toHaveFocus());

    await fillIn(user, {
      dateOfBirth: '2999-01-01',
      email: 'ada.lovelace@example.com',
      password: 'ada.lovelace@example.com',
      phone: 'call me',
    });
    await user.click(create());

    expect(await screen.findByText('The date of birth must be in the past.')).toBeVisible();
    expect(screen.getByText('Choose a password that is not your e-mail address.')).toBeVisible();
    expect(screen.getByText('Enter a phone number like +49 30 1234567.')).toBeVisible();
    expect(screen.queryByText('Enter your first name.')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute('aria-invalid', 'true');

    const password = screen.getByLabelText(/^Password/);
    await user.clear(password);
    await user.type(password, 'a much longer passphrase');
    const born = screen.getByLabelText(/^Date of birth/);
    await user.clear(born);
    await user.type(born, '1990-04-12');
    await user.click(create());

    expect(await screen.findByText('The two passwords are not the same.')).toBeVisible();
    expect(screen.getByLabelText(/^Repeat the password/)).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toEqual([]);
  });

  it('shows the server’s problems on their fields', async () => {
    const { user, router } = renderApp({
      path: '/register',
      mocks: [
        registers({
          errors: [
            {
              message: 'Invalid input',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [
                  { field: 'input.password', message: 'must not be your email address' },
                  { field: 'input.dateOfBirth', message: 'must be after 1900-01-01' },
                ],
              },
            },
          ],
        }),
      ],
    });

    await fillIn(user);
    await user.click(create());

    expect(await screen.findByText('must not be your email address')).toBeVisible();
    expect(screen.getByText('must be after 1900-01-01')).toBeVisible();
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Date of birth/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Email/)).not.toHaveAttribute('aria-invalid', 'true');
    // Every problem is beside its field: no general alert on top.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/register');
    expect(create()).toBeEnabled();
  });

  it('says on the Email field when the address already has an account, with the ways in', async () => {
    const { user, router, session } = renderApp({
      path: '/register',
      mocks: [
        registers({
          errors: [
            {
              message: 'An account with this email already exists.',
              extensions: { code: 'CONFLICT', reason: 'EMAIL_TAKEN' },
            },
          ],
        }),
      ],
    });

    await fillIn(user);
    await user.click(create());

    const email = screen.getByLabelText(/^Email/);
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    // The field links its error text a render after it is marked invalid (Chakra's Field).
    await waitFor(() => expect(email).toHaveAccessibleErrorMessage(/There is already an account with this address/));
    const problem = screen.getByText(/There is already an account with this address/);
    expect(within(problem).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(within(problem).getByRole('link', { name: 'reset your password' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    expect(router.state.location.pathname).toBe('/register');
    expect(session.signedInHere).toBe(false);

    // Another address clears it.
    await user.type(email, 'x');
    expect(screen.queryByText(/There is already an account with this address/)).not.toBeInTheDocument();
  });
});
