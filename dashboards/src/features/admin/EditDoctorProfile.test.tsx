import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminDoctor, department, doctorProfile } from '../../test/doctors';
import { renderApp, testUsers } from '../../test/render-app';
import { HospitalsQuery } from '../organisation/operations';
import { profileChanges, type EditableDoctor } from './EditDoctorProfile';
import { AdminDoctorQuery, AdminUpdateDoctorMutation, SpecializationsQuery } from './operations';
import {
  AffectedAppointmentsQuery,
  MoveTargetsQuery,
  ResolveAffectedAppointmentsMutation,
} from '../availability/operations';

const DOCTOR_ID = '00000000-0000-4000-8000-0000000000d1';

const doctor = adminDoctor({ bio: 'Sees adults.', qualifications: ['MBBS'] });

const readsOfTheDoctor = {
  request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } },
  result: { data: { doctor } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** Two hospitals in two currencies: the department decides the fee's. */
const hospitals = {
  request: { query: HospitalsQuery },
  result: {
    data: {
      hospitals: [
        { id: 'h1', name: 'Royal Surrey', currency: 'GBP', timezone: 'Europe/London', dep: ['d1', 'Cardiology'] },
        { id: 'h2', name: 'City General', currency: 'EUR', timezone: 'Europe/Berlin', dep: ['d2', 'General Medicine'] },
      ].map(({ dep: [id, name], ...hospital }) => ({
        __typename: 'Hospital' as const,
        ...hospital,
        code: hospital.id.toUpperCase(),
        address: null,
        departments: [{ __typename: 'Department' as const, id, name }],
      })),
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

const specializations = {
  request: { query: SpecializationsQuery },
  result: {
    data: {
      specializations: ['Cardiology', 'General Practice'].map((name, index) => ({
        __typename: 'Specialization' as const,
        id: `s${index}`,
        name,
      })),
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** The API's answer to a change: the profile with `changes`. */
const updated = (changes: Record<string, unknown>) => ({
  data: { updateDoctor: doctorProfile({ bio: 'Sees adults.', qualifications: ['MBBS'], ...changes }) },
});

describe('EditDoctorProfile', () => {
  it('sends only what changed, the fee in the new hospital’s currency, and shows the profile saved', async () => {
    const { user, requests } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        readsOfTheDoctor,
        hospitals,
        specializations,
        {
          request: {
            query: AdminUpdateDoctorMutation,
            variables: {
              id: DOCTOR_ID,
              input: {
                lastName: 'Reyes-Hart',
                departmentId: 'd2',
                fee: { amount: '90', currency: 'EUR' },
                bio: null,
                qualifications: ['MBBS', 'MRCP'],
              },
            },
          },
          result: updated({
            lastName: 'Reyes-Hart',
            department: department('d2', 'General Medicine', { id: 'h2', name: 'City General' }),
            fee: { __typename: 'Money', amount: '90.00', currency: 'EUR' },
            bio: null,
            qualifications: ['MBBS', 'MRCP'],
          }),
        },
      ],
    });

    const edit = await screen.findByRole('button', { name: 'Edit profile' }, { timeout: 15_000 });
    // Closed, the form reads nothing more.
    expect(requests).not.toContain('Hospitals');
    await user.click(edit);
    const form = screen.getByRole('form', { name: 'Edit the profile of Dr Dana Reyes' });
    expect(within(form).getByLabelText(/^First name/)).toHaveFocus();
    expect(within(form).getByLabelText(/^Consultation fee/)).toHaveValue(100);

    const lastName = within(form).getByLabelText(/^Last name/);
    await user.clear(lastName);
    await user.type(lastName, 'Reyes-Hart');
    await user.selectOptions(
      await within(form).findByRole('combobox', { name: /^Department/ }),
      'City General · General Medicine',
    );
    const fee = within(form).getByLabelText('Consultation fee (EUR)');
    await user.clear(fee);
    await user.type(fee, '90');
    await user.clear(within(form).getByLabelText('Bio'));
    await user.type(within(form).getByLabelText(/^Qualifications/), ', MRCP');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Profile saved.')).toBeVisible();
    expect(screen.queryByRole('form', { name: /Edit the profile/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit profile' })).toHaveFocus();
    expect(screen.getByText(/^Cardiology at City General \(General Medicine\) · Licence LIC-1/)).toBeVisible();
    expect(screen.getByText(/Fee €90\.00/)).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Dr Dana Reyes-Hart' })).toBeVisible();
  });

  it('lists the visits a new time zone would strand, resolves them, then moves the doctor', async () => {
    const visit = {
      __typename: 'Appointment' as const,
      id: 'a1',
      startsAt: '2030-01-07T09:00:00.000Z',
      endsAt: '2030-01-07T09:30:00.000Z',
      status: 'CONFIRMED',
      patient: { __typename: 'Patient' as const, id: 'p1', firstName: 'Pat', lastName: 'Jones' },
      doctor: { __typename: 'Doctor' as const, id: DOCTOR_ID, specialization: 'Cardiology' },
    };
    const move = {
      query: AdminUpdateDoctorMutation,
      variables: { id: DOCTOR_ID, input: { timezone: 'America/New_York' } },
    };
    const { user } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        readsOfTheDoctor,
        hospitals,
        specializations,
        {
          request: move,
          result: {
            errors: [
              {
                message: 'In this time zone the doctor’s weekly hours leave out 1 booked appointment.',
                extensions: { code: 'CONFLICT', reason: 'APPOINTMENTS_AFFECTED', appointmentIds: ['a1'] },
              },
            ],
          },
        },
        {
          request: {
            query: AffectedAppointmentsQuery,
            variables: { input: { doctorId: DOCTOR_ID, timezone: 'America/New_York' } },
          },
          result: { data: { affectedAppointments: [visit] } },
        },
        {
          request: { query: MoveTargetsQuery, variables: () => true },
          result: {
            data: {
              doctors: {
                __typename: 'DoctorConnection',
                totalCount: 0,
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
                edges: [],
              },
            },
          },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
        {
          request: { query: ResolveAffectedAppointmentsMutation, variables: () => true },
          result: { data: { resolveAffectedAppointments: [] } },
        },
        { request: move, result: updated({ timezone: 'America/New_York' }) },
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Edit profile' }, { timeout: 15_000 }));
    await user.selectOptions(screen.getByRole('combobox', { name: /^Time zone/ }), 'America/New York');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const affected = await screen.findByRole('region', { name: '1 booked appointment is affected' });
    expect(within(affected).getByText(/Pat Jones/)).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    await user.type(within(affected).getByLabelText(/^Reason the patients are told/), 'The doctor moves abroad');
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));
    expect(await screen.findByText('Profile saved.', {}, { timeout: 10_000 })).toBeVisible();
  });
});

describe('profileChanges', () => {
  const profile: EditableDoctor = { ...doctor, qualifications: ['MBBS'] };
  const values = {
    firstName: 'Dana',
    lastName: 'Reyes',
    specialization: 'Cardiology',
    licenseNumber: 'LIC-1',
    timezone: 'Europe/London',
    departmentId: 'd1',
    consultationFee: '100.00',
    bio: 'Sees adults.',
    qualifications: 'MBBS',
  };

  it('is empty when nothing changed (the fee written another way is the same fee)', () => {
    expect(profileChanges(profile, values, 'GBP')).toEqual({});
    expect(profileChanges(profile, { ...values, consultationFee: '100', bio: ' Sees adults. ' }, 'GBP')).toEqual({});
  });

  it('clears an emptied fee and bio, and sends the same fee again in another currency', () => {
    expect(profileChanges(profile, { ...values, consultationFee: ' ', bio: '' }, 'GBP')).toEqual({
      fee: null,
      bio: null,
    });
    expect(profileChanges(profile, { ...values, departmentId: 'd2' }, 'EUR')).toEqual({
      departmentId: 'd2',
      fee: { amount: '100.00', currency: 'EUR' },
    });
  });
});
