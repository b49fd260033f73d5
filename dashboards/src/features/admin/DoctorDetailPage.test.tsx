import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { AdminDoctorQuery, AdminSetAvailabilityMutation } from './operations';

const DOCTOR_ID = '00000000-0000-4000-8000-0000000000d1';
const rule = (id: string, weekday: number, startTime: string, endTime: string) => ({
  __typename: 'AvailabilityRule',
  id,
  weekday,
  startTime,
  endTime,
  slotMinutes: 30,
});

const doctor = {
  __typename: 'Doctor',
  id: DOCTOR_ID,
  userId: '00000000-0000-4000-8000-000000000002',
  active: true,
  firstName: 'Dana',
  lastName: 'Reyes',
  specialization: 'Cardiology',
  licenseNumber: 'LIC-1',
  timezone: 'Europe/London',
  consultationFee: 100,
  bio: null,
  qualifications: [],
  availability: [rule('r1', 1, '09:00', '17:00')],
  timeOff: [],
  appointmentsOutsideAvailability: [],
};

describe('DoctorDetailPage weekly hours', () => {
  it('refuses overlapping hours, then saves and lists appointments left outside them', async () => {
    const { user, requests } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } }, result: { data: { doctor } } },
        {
          request: {
            query: AdminSetAvailabilityMutation,
            variables: {
              doctorId: DOCTOR_ID,
              rules: [{ weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 30 }],
            },
          },
          result: {
            data: {
              setDoctorAvailability: {
                __typename: 'Doctor',
                id: DOCTOR_ID,
                availability: [rule('r2', 1, '09:00', '12:00')],
                appointmentsOutsideAvailability: [
                  {
                    __typename: 'Appointment',
                    id: 'a1',
                    startsAt: '2030-01-07T14:00:00.000Z',
                    patient: { __typename: 'Patient', id: 'p1', firstName: 'Pat', lastName: 'Jones' },
                  },
                ],
              },
            },
          },
        },
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Weekly hours' }, { timeout: 5000 })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Add hours' }));
    await user.selectOptions(screen.getByLabelText('Day, row 2'), 'Monday');
    await user.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    expect(await screen.findByText('Overlaps 09:00–17:00 on Monday.')).toBeVisible();
    expect(requests).not.toContain('AdminSetAvailability');

    await user.click(screen.getByRole('button', { name: 'Remove row 2' }));
    const end = screen.getByLabelText('To, row 1');
    await user.clear(end);
    await user.type(end, '12:00');
    await user.click(screen.getByRole('button', { name: 'Save weekly hours' }));

    expect(await screen.findByText('Saved.')).toBeVisible();
    const title = await screen.findByText('Kept, outside the new hours');
    expect(title).toBeVisible();
    expect(within(screen.getByTestId('outside-availability')).getByText(/Pat Jones/)).toBeVisible();
  });
});
