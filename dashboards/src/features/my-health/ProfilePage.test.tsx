import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MyProfileQuery, UpdateMyProfileMutation } from './operations';

const patient = {
  __typename: 'Patient',
  id: testUsers.patient.patient.id,
  firstName: 'Pat',
  lastName: 'Jones',
  email: 'patient@clinic.test',
  phone: '+49 30 1234567',
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
            variables: (v: { input: { phone?: string | null } }) => v.input.phone === '+49 30 7654321',
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
});
