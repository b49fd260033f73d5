import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { HospitalsQuery } from '../organisation/operations';
import { AdminCreateDoctorMutation, AdminDoctorQuery, SpecializationsQuery } from './operations';

/** The managed list the specialisation is chosen from. */
const specializationsMock = {
  request: { query: SpecializationsQuery },
  result: {
    data: {
      specializations: ['Cardiology', 'Dermatology'].map((name, index) => ({
        __typename: 'Specialization' as const,
        id: `00000000-0000-4000-8000-00000000050${index}`,
        name,
      })),
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** Two hospitals, in two currencies and zones: the department decides which bills the doctor's visits. */
const hospitalsMock = {
  request: { query: HospitalsQuery },
  result: {
    data: {
      hospitals: [
        { id: 'h1', name: 'City General', code: 'CGH', currency: 'EUR', timezone: 'Europe/Berlin', dep: 'Cardiology' },
        { id: 'h2', name: 'Royal Surrey', code: 'RSC', currency: 'GBP', timezone: 'Europe/London', dep: 'Dermatology' },
      ].map(({ dep, ...hospital }) => ({
        __typename: 'Hospital' as const,
        ...hospital,
        address: null,
        departments: [{ __typename: 'Department' as const, id: `${hospital.id}-d1`, name: dep }],
      })),
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

const input = {
  email: 'new.doc@clinic.test',
  password: 'a-long-password',
  firstName: 'Nina',
  lastName: 'Okafor',
  specialization: 'Dermatology',
  licenseNumber: 'LIC-9001',
  timezone: 'Europe/Berlin',
  departmentId: 'h2-d1',
  fee: { amount: '80', currency: 'GBP' },
  bio: null,
  qualifications: ['MBBS', 'MRCP'],
};
const DOCTOR_ID = '00000000-0000-4000-8000-0000000000d9';

async function fillIn(user: ReturnType<typeof renderApp>['user'], overrides: Partial<Record<string, string>> = {}) {
  const values = {
    'First name': 'Nina',
    'Last name': 'Okafor',
    Email: 'new.doc@clinic.test',
    'Initial password': 'a-long-password',
    'Licence number': 'LIC-9001',
    'Consultation fee': '80',
    Qualifications: 'MBBS, MRCP',
    ...overrides,
  };
  for (const [label, value] of Object.entries(values)) {
    const field = screen.getByLabelText(new RegExp(`^${label}`));
    await user.clear(field);
    if (value) {
      await user.type(field, value);
    }
  }
  await user.selectOptions(screen.getByLabelText(/^Department/), 'Royal Surrey · Dermatology');
  await user.selectOptions(screen.getByLabelText(/^Time zone/), 'Europe/Berlin');
  await user.selectOptions(await screen.findByLabelText(/^Specialization/), 'Dermatology');
}

describe('NewDoctorPage', () => {
  it('checks the form before sending anything', async () => {
    const { user, requests } = renderApp({
      path: '/admin/doctors/new',
      signedInAs: testUsers.admin,
      mocks: [specializationsMock, hospitalsMock],
    });

    await user.click(await screen.findByRole('button', { name: 'Create doctor' }, { timeout: 5000 }));

    expect(await screen.findByText('Enter a valid email address.')).toBeVisible();
    expect(screen.getByText('Use at least 10 characters.')).toBeVisible();
    expect(screen.getByText('Enter the first name.')).toBeVisible();
    expect(screen.getByText('Enter the licence number.')).toBeVisible();
    expect(screen.getByText('Choose the department the doctor works in.')).toBeVisible();
    expect(screen.getByLabelText(/^Email/)).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByLabelText(/^First name/)).toHaveFocus());

    await fillIn(user, { 'Initial password': 'new.doc@clinic.test', 'Consultation fee': '-5' });
    await user.click(screen.getByRole('button', { name: 'Create doctor' }));

    expect(await screen.findByText('The password must not be the email address.')).toBeVisible();
    expect(screen.getByText('The fee must be a number of 0 or more.')).toBeVisible();
    expect(screen.queryByText('Enter a valid email address.')).not.toBeInTheDocument();
    expect(requests).not.toContain('AdminCreateDoctor');
  });

  it('shows the server’s field errors next to the fields', async () => {
    const { user } = renderApp({
      path: '/admin/doctors/new',
      signedInAs: testUsers.admin,
      mocks: [
        specializationsMock,
        hospitalsMock,
        {
          request: { query: AdminCreateDoctorMutation, variables: { input } },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.email', message: 'This email is already in use.' }],
                },
              },
            ],
          },
        },
      ],
    });

    await screen.findByRole('button', { name: 'Create doctor' }, { timeout: 5000 });
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Create doctor' }));

    expect(await screen.findByText('This email is already in use.')).toBeVisible();
    expect(screen.getByText('Some details need correcting. Please check the highlighted fields.')).toBeVisible();
  });

  it('creates the doctor and opens their page to set hours', async () => {
    const { user, router } = renderApp({
      path: '/admin/doctors/new',
      signedInAs: testUsers.admin,
      mocks: [
        specializationsMock,
        hospitalsMock,
        {
          request: { query: AdminCreateDoctorMutation, variables: { input } },
          result: {
            data: { createDoctor: { __typename: 'Doctor', id: DOCTOR_ID, firstName: 'Nina', lastName: 'Okafor' } },
          },
        },
        {
          request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } },
          result: {
            data: {
              doctor: {
                __typename: 'Doctor',
                id: DOCTOR_ID,
                userId: '00000000-0000-4000-8000-000000000009',
                active: true,
                firstName: 'Nina',
                lastName: 'Okafor',
                specialization: 'Dermatology',
                licenseNumber: 'LIC-9001',
                timezone: 'Europe/Berlin',
                fee: { __typename: 'Money', amount: '80.00', currency: 'GBP' },
                department: {
                  __typename: 'Department',
                  id: 'h2-d1',
                  name: 'Dermatology',
                  hospital: { __typename: 'Hospital', id: 'h2', name: 'Royal Surrey' },
                },
                bio: null,
                qualifications: ['MBBS', 'MRCP'],
                availability: [],
                timeOff: [],
                appointmentsOutsideAvailability: [],
              },
            },
          },
        },
      ],
    });

    await screen.findByRole('button', { name: 'Create doctor' }, { timeout: 5000 });
    await fillIn(user);
    // The fee is in the chosen department's hospital's currency, and sent exact.
    expect(screen.getByLabelText('Consultation fee (GBP)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create doctor' }));

    expect(await screen.findByRole('heading', { name: 'Dr Nina Okafor' })).toBeVisible();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/admin/doctors/${DOCTOR_ID}`));
    expect(screen.getByText('Doctor created. Now set their weekly hours so patients can book.')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Weekly hours' })).toBeVisible();
  });
});
