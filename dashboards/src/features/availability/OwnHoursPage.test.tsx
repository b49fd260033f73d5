import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { appointmentsAffected, bookedVisit } from '../../test/doctors';
import { renderApp, testUsers } from '../../test/render-app';
import {
  AddTimeOffMutation,
  AffectedAppointmentsQuery,
  MoveSlotsQuery,
  OwnHoursQuery,
  ResolveAffectedAppointmentsMutation,
  SetAvailabilityMutation,
} from './operations';

const DOCTOR_ID = testUsers.doctor.doctor.id;
const SLOT = '2030-01-08T10:00:00.000Z';

const rule = (id: string, weekday: number, startTime: string, endTime: string) => ({
  __typename: 'AvailabilityRule' as const,
  id,
  weekday,
  startTime,
  endTime,
  slotMinutes: 30,
});

const timeOff = {
  __typename: 'TimeOff' as const,
  id: 't1',
  startsAt: '2030-01-07T09:00:00.000Z',
  endsAt: '2030-01-07T17:00:00.000Z',
  reason: 'Conference',
};

/** The signed-in doctor's hours as `OwnHours` reads them. */
const ownHours = (changes: Record<string, unknown> = {}) => ({
  request: { query: OwnHoursQuery },
  result: {
    data: {
      me: {
        __typename: 'User' as const,
        id: testUsers.doctor.id,
        doctor: {
          __typename: 'Doctor' as const,
          id: DOCTOR_ID,
          timezone: 'Europe/London',
          availability: [rule('r1', 1, '09:00', '17:00')],
          timeOff: [] as unknown[],
          appointmentsOutsideAvailability: [] as unknown[],
          ...changes,
        },
      },
    },
  },
});

/** The doctor's own time off, as the form sends it (the browser's zone is UTC in the tests). */
const ownTimeOff = (variables: Record<string, unknown>) =>
  variables['doctorId'] === DOCTOR_ID &&
  variables['startsAt'] === timeOff.startsAt &&
  variables['endsAt'] === timeOff.endsAt &&
  variables['reason'] === 'Conference';

describe('OwnHoursPage', () => {
  it('saves the doctor’s own weekly hours, in their zone', async () => {
    const { user, requests } = renderApp({
      path: '/doctor/hours',
      signedInAs: testUsers.doctor,
      mocks: [
        ownHours(),
        {
          request: {
            query: SetAvailabilityMutation,
            variables: {
              doctorId: DOCTOR_ID,
              rules: [
                { weekday: 1, startTime: '09:00', endTime: '17:00', slotMinutes: 30 },
                { weekday: 2, startTime: '09:00', endTime: '17:00', slotMinutes: 30 },
              ],
            },
          },
          result: {
            data: {
              setDoctorAvailability: {
                __typename: 'Doctor',
                id: DOCTOR_ID,
                availability: [rule('r1', 1, '09:00', '17:00'), rule('r2', 2, '09:00', '17:00')],
                appointmentsOutsideAvailability: [],
              },
            },
          },
        },
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Your hours' }, { timeout: 15_000 })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Hours' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('In your time zone (Europe/London).')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Add hours' }));
    expect(screen.getByLabelText('Day, row 2')).toHaveValue('2');
    await user.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    expect(await screen.findByText('Saved.')).toBeVisible();
    expect(requests).toContain('SetDoctorAvailability');
  });

  it('moves a visit in the way of time off to another of the doctor’s own free times, then adds the time off', async () => {
    const { user, requests } = renderApp({
      path: '/doctor/hours',
      signedInAs: testUsers.doctor,
      mocks: [
        ownHours(),
        {
          request: { query: AddTimeOffMutation, variables: ownTimeOff },
          ...appointmentsAffected,
        },
        {
          request: {
            query: AffectedAppointmentsQuery,
            variables: {
              input: {
                doctorId: DOCTOR_ID,
                timeOff: { startsAt: '2030-01-07T09:00:00.000Z', endsAt: '2030-01-07T17:00:00.000Z' },
              },
            },
          },
          result: {
            data: {
              affectedAppointments: [bookedVisit('a1', 'Pat', 'Jones')],
            },
          },
        },
        {
          request: { query: MoveSlotsQuery, variables: (v: Record<string, unknown>) => v['doctorId'] === DOCTOR_ID },
          result: {
            data: {
              availableSlots: [
                // Inside the time off being planned: not offered, the visit would be in its way again.
                { __typename: 'Slot', startsAt: '2030-01-07T16:30:00.000Z', endsAt: '2030-01-07T17:00:00.000Z' },
                { __typename: 'Slot', startsAt: SLOT, endsAt: '2030-01-08T10:30:00.000Z' },
              ],
            },
          },
        },
        {
          request: {
            query: ResolveAffectedAppointmentsMutation,
            variables: { resolutions: [{ appointmentId: 'a1', action: 'MOVE', startsAt: SLOT, doctorId: null }] },
          },
          result: {
            data: {
              resolveAffectedAppointments: [
                { __typename: 'Appointment', id: 'a1', status: 'CONFIRMED', startsAt: SLOT, cancellationReason: null },
              ],
            },
          },
        },
        ownHours(),
        {
          request: { query: AddTimeOffMutation, variables: ownTimeOff },
          result: { data: { addTimeOff: timeOff } },
        },
        ownHours({ timeOff: [timeOff] }),
      ],
    });

    const section = await screen.findByRole('region', { name: 'Time off' }, { timeout: 15_000 });
    fireEvent.change(within(section).getByLabelText(/^Starts/), { target: { value: '2030-01-07T09:00' } });
    fireEvent.change(within(section).getByLabelText(/^Ends/), { target: { value: '2030-01-07T17:00' } });
    await user.type(within(section).getByLabelText('Reason', { exact: true }), 'Conference');
    await user.click(within(section).getByRole('button', { name: 'Add time off' }));

    const affected = await screen.findByRole('region', { name: '1 booked appointment is affected' });
    expect(within(affected).getByText(/or move to another time\./)).toBeVisible();
    await user.click(within(affected).getByText('Move'));
    // Only the doctor's own times: no choice of doctor, and no other doctors asked for.
    expect(within(affected).queryByRole('combobox', { name: 'Doctor' })).toBeNull();
    const time = within(affected).getByRole('combobox', { name: /New time/ });
    await expect
      .poll(() =>
        within(time)
          .queryAllByRole('option')
          .map((option) => option.getAttribute('value')),
      )
      .toEqual(['', SLOT]);
    await user.selectOptions(time, SLOT);
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));

    expect(await within(section).findByText('Conference', {}, { timeout: 10_000 })).toBeVisible();
    expect(screen.queryByRole('region', { name: '1 booked appointment is affected' })).toBeNull();
    expect(requests).not.toContain('MoveTargets');
  });
});
