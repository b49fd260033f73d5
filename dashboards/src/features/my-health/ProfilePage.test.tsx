import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MeQuery } from '../auth/operations';
import { MyProfileQuery, UpdateMyProfileMutation } from './operations';

const patient = {
  __typename: 'Patient',
  id: testUsers.patient.patient.id,
  firstName: 'Pat',
  lastName: 'Jones',
  email: 'patient@clinic.test',
  phone: '+49 30 1234567',
  phoneConfirmed: false,
  smsReminders: false,
  address: 'Main Street 1',
  dateOfBirth: '1980-05-04',
  gender: 'female',
  allergies: ['Penicillin'],
  chronicConditions: [],
  currentMedications: [],
  emergencyContacts: [],
};

const profile = {
  request: { query: MyProfileQuery },
  result: { data: { me: { __typename: 'User', id: testUsers.patient.id, patient } } },
};

describe('ProfilePage', () => {
  it('checks phone and date of birth before sending, then shows the server’s field errors', async () => {
    const { user, requests } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile,
        {
          request: {
            query: UpdateMyProfileMutation,
            // The e-mail is sent only when changed.
            variables: (v: { input: { phone?: string | null } }) =>
              v.input.phone === '+49 30 7654321' && !('email' in v.input),
          },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.address', message: 'must be shorter than or equal to 300 characters' }],
                },
              },
            ],
          },
        },
      ],
    });

    const phone = await screen.findByLabelText('Phone');
    await user.clear(phone);
    await user.type(phone, 'call me');
    const born = screen.getByLabelText('Date of birth');
    await user.clear(born);
    await user.type(born, '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Enter a phone number like +49 30 1234567.')).toBeVisible();
    expect(screen.getByText('The date of birth must be in the past.')).toBeVisible();
    expect(requests).not.toContain('UpdateMyProfile');

    await user.clear(phone);
    await user.type(phone, '+49 30 7654321');
    await user.clear(born);
    await user.type(born, '1980-05-04');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('must be shorter than or equal to 300 characters')).toBeVisible();
    expect(screen.getByLabelText('Address')).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toContain('UpdateMyProfile');
  }, 20_000);

  it('says a new e-mail address will be confirmed, and once saved shows the reminder for it', async () => {
    const newEmail = 'pat.new@example.com';
    const { user, requests } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile,
        // `me` answers confirmed first; after the change, with the new, unconfirmed address.
        { request: { query: MeQuery }, result: { data: { me: testUsers.patient } } },
        {
          request: { query: MeQuery },
          result: { data: { me: { ...testUsers.patient, email: newEmail, emailVerified: false } } },
        },
        {
          request: {
            query: UpdateMyProfileMutation,
            variables: (v: { input: { email?: string } }) => v.input.email === newEmail,
          },
          result: { data: { updatePatient: { ...patient, email: newEmail } } },
        },
      ],
    });

    const email = await screen.findByLabelText('Email');
    expect(email).toHaveValue('patient@clinic.test');
    expect(screen.queryByText(/We’ll send a link to confirm the new address/)).not.toBeInTheDocument();
    await user.clear(email);
    await user.type(email, newEmail);
    expect(email).toHaveAccessibleDescription(
      'We’ll send a link to confirm the new address, and tell your old address of the change.',
    );
    expect(screen.queryByRole('region', { name: 'Confirm your e-mail address' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(
      await screen.findByText(
        `Your details are saved. We sent a link to ${newEmail}: open it to confirm the new address.`,
      ),
    ).toBeVisible();
    const reminder = await screen.findByRole('region', { name: 'Confirm your e-mail address' });
    expect(within(reminder).getByText(newEmail)).toBeVisible();
    expect(requests.filter((name) => name === 'Me')).toHaveLength(2);
    // Saved: the address in the form is the current one, so no more helper.
    expect(screen.queryByText(/We’ll send a link to confirm the new address/)).not.toBeInTheDocument();
  }, 20_000);

  it('says on the Email field when another account uses the address', async () => {
    const { user } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile,
        {
          request: {
            query: UpdateMyProfileMutation,
            variables: (v: { input: { email?: string } }) => v.input.email === 'doctor@clinic.test',
          },
          result: {
            errors: [
              {
                message: 'An account with this email already exists.',
                extensions: { code: 'CONFLICT', reason: 'EMAIL_TAKEN' },
              },
            ],
          },
        },
      ],
    });

    const email = await screen.findByLabelText('Email');
    await user.clear(email);
    await user.type(email, 'doctor@clinic.test');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Another account uses this address.')).toBeVisible();
    expect(email).toHaveAttribute('aria-invalid', 'true');
  }, 20_000);
});
