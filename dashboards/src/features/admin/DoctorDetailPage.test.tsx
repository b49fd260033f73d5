import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminDoctor, appointmentsAffected, bookedVisit } from '../../test/doctors';
import { renderApp, testUsers } from '../../test/render-app';
import { AdminDeactivateUserMutation, AdminDoctorQuery } from './operations';
import {
  AddTimeOffMutation,
  AffectedAppointmentsQuery,
  MoveSlotsQuery,
  MoveTargetsQuery,
  ResolveAffectedAppointmentsMutation,
  SetAvailabilityMutation,
} from '../availability/operations';

const DOCTOR_ID = '00000000-0000-4000-8000-0000000000d1';
const rule = (id: string, weekday: number, startTime: string, endTime: string) => ({
  __typename: 'AvailabilityRule',
  id,
  weekday,
  startTime,
  endTime,
  slotMinutes: 30,
});

const any = () => true;

/**
 * The answers around resolving affected appointments: the lists the API gives, in order (each
 * refusal reads one), the doctors to move to, and every resolution accepted.
 */
const resolvingMocks = (...lists: ReturnType<typeof bookedVisit>[][]) => [
  ...lists.map((list) => ({
    request: { query: AffectedAppointmentsQuery, variables: any },
    result: { data: { affectedAppointments: list } },
  })),
  {
    request: { query: MoveTargetsQuery, variables: any },
    result: {
      data: {
        doctors: {
          __typename: 'DoctorConnection',
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'd2' },
          edges: [
            {
              __typename: 'DoctorEdge',
              node: { __typename: 'Doctor', id: 'd2', firstName: 'Ali', lastName: 'Khan' },
            },
          ],
        },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: MoveSlotsQuery, variables: any },
    result: { data: { availableSlots: [] } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: ResolveAffectedAppointmentsMutation, variables: any },
    result: { data: { resolveAffectedAppointments: [] } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
];

const doctor = adminDoctor({ availability: [rule('r1', 1, '09:00', '17:00')] });

describe('DoctorDetailPage weekly hours', () => {
  it('refuses overlapping hours, then saves and lists appointments left outside them', async () => {
    const { user, requests } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } }, result: { data: { doctor } } },
        {
          request: {
            query: SetAvailabilityMutation,
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

    expect(await screen.findByRole('heading', { name: 'Weekly hours' }, { timeout: 15_000 })).toBeVisible();
    // The fee in its own currency (a London doctor's in pounds), exact.
    expect(screen.getByText(/Fee £100\.00/)).toBeVisible();
    expect(screen.getByText(/^Cardiology at Royal Surrey \(Cardiology\)/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Add hours' }));
    await user.selectOptions(screen.getByLabelText('Day, row 2'), 'Monday');
    await user.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    expect(await screen.findByText('Overlaps 09:00–17:00 on Monday.')).toBeVisible();
    expect(requests).not.toContain('SetDoctorAvailability');

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

/** The doctor, however often the page reads it. */
const everyReadOfTheDoctor = {
  request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } },
  result: { data: { doctor } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

describe('DoctorDetailPage affected appointments', () => {
  it('lists the appointments afresh when the hours are refused again after resolving (one booked meanwhile)', async () => {
    const { user } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        everyReadOfTheDoctor,
        { request: { query: SetAvailabilityMutation, variables: any }, ...appointmentsAffected },
        { request: { query: SetAvailabilityMutation, variables: any }, ...appointmentsAffected },
        {
          request: { query: SetAvailabilityMutation, variables: any },
          result: {
            data: {
              setDoctorAvailability: {
                __typename: 'Doctor',
                id: DOCTOR_ID,
                availability: [rule('r1', 1, '09:00', '17:00')],
                appointmentsOutsideAvailability: [],
              },
            },
          },
        },
        ...resolvingMocks([bookedVisit('a1', 'Pat', 'Jones')], [bookedVisit('a2', 'Sam', 'Lee')]),
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Weekly hours' }, { timeout: 15_000 })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save weekly hours' }));
    let affected = await screen.findByRole('region', { name: '1 booked appointment is affected' });
    expect(within(affected).getByText(/Pat Jones/)).toBeVisible();
    await user.type(within(affected).getByLabelText(/^Reason the patients are told/), 'Hours change');
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));

    // Refused again: the list read again names the visit booked meanwhile, not the resolved one.
    expect(await screen.findByText(/Sam Lee/, {}, { timeout: 10_000 })).toBeVisible();
    affected = screen.getByRole('region', { name: '1 booked appointment is affected' });
    expect(within(affected).queryByText(/Pat Jones/)).toBeNull();
    await user.type(within(affected).getByLabelText(/^Reason the patients are told/), 'Hours change');
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));
    expect(await screen.findByText('Saved.', {}, { timeout: 10_000 })).toBeVisible();
    expect(screen.queryByRole('region', { name: /booked appointments? (is|are) affected/ })).toBeNull();
  });

  it('lists the appointments afresh when deactivating is refused again after resolving', async () => {
    const { user } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        everyReadOfTheDoctor,
        { request: { query: AdminDeactivateUserMutation, variables: any }, ...appointmentsAffected },
        { request: { query: AdminDeactivateUserMutation, variables: any }, ...appointmentsAffected },
        ...resolvingMocks(
          [bookedVisit('a1', 'Pat', 'Jones')],
          [bookedVisit('a2', 'Sam', 'Lee'), bookedVisit('a3', 'Kim', 'Park')],
        ),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Deactivate account' }, { timeout: 15_000 }));
    await user.click(await screen.findByRole('button', { name: 'Deactivate' }));
    let affected = await screen.findByRole('region', { name: '1 booked appointment is affected' });
    expect(within(affected).getByText(/Pat Jones/)).toBeVisible();
    // A doctor leaving has no time to move a visit to: only the other doctors are offered.
    await user.click(within(affected).getByText('Move'));
    const doctorField = await within(affected).findByRole('combobox', { name: 'Doctor' });
    await expect
      .poll(() =>
        within(doctorField)
          .queryAllByRole('option')
          .map((option) => option.textContent),
      )
      .toEqual(['Choose a doctor', 'Ali Khan']);
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));
    expect(await within(affected).findByText('Choose a doctor, then a new time.')).toBeVisible();
    await user.click(within(affected).getByText('Cancel and notify'));
    await user.type(within(affected).getByLabelText(/^Reason the patients are told/), 'Leaving the clinic');
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));

    affected = await screen.findByRole('region', { name: '2 booked appointments are affected' }, { timeout: 10_000 });
    expect(within(affected).getByText(/Sam Lee/)).toBeVisible();
    expect(within(affected).getByText(/Kim Park/)).toBeVisible();
    expect(within(affected).queryByText(/Pat Jones/)).toBeNull();
  });

  it('names the doctors to move to from the cache, and follows a name changed there', async () => {
    const { user, client } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        everyReadOfTheDoctor,
        { request: { query: SetAvailabilityMutation, variables: any }, ...appointmentsAffected },
        ...resolvingMocks([bookedVisit('a1', 'Pat', 'Jones')]),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Save weekly hours' }, { timeout: 15_000 }));
    const affected = await screen.findByRole('region', {
      name: '1 booked appointment is affected',
    });
    await user.click(within(affected).getByText('Move'));
    const doctorField = await within(affected).findByRole('combobox', {
      name: 'Doctor',
    });
    await expect
      .poll(() =>
        within(doctorField)
          .queryAllByRole('option')
          .map((option) => option.textContent),
      )
      .toEqual(['Dana Reyes (same doctor)', 'Ali Khan']);
    await user.selectOptions(doctorField, 'Ali Khan');

    client.cache.modify({
      id: client.cache.identify({ __typename: 'Doctor', id: 'd2' }),
      fields: { lastName: () => 'Khan-Osei' },
    });
    client.cache.modify({
      id: client.cache.identify({ __typename: 'Doctor', id: DOCTOR_ID }),
      fields: { lastName: () => 'Reyes-Lind' },
    });
    await expect
      .poll(() =>
        within(doctorField)
          .queryAllByRole('option')
          .map((option) => option.textContent),
      )
      .toEqual(['Dana Reyes-Lind (same doctor)', 'Ali Khan-Osei']);
  });
});

describe('DoctorDetailPage time off', () => {
  it('lists the time off added after resolving a booked visit, even when the doctor is still being read again', async () => {
    const timeOff = {
      __typename: 'TimeOff',
      id: 't1',
      startsAt: '2030-01-07T09:00:00.000Z',
      endsAt: '2030-01-07T10:00:00.000Z',
      reason: 'Training day',
    };
    const { user, requests } = renderApp({
      path: `/admin/doctors/${DOCTOR_ID}`,
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } }, result: { data: { doctor } } },
        {
          request: { query: AddTimeOffMutation, variables: any },
          ...appointmentsAffected,
        },
        {
          request: { query: AffectedAppointmentsQuery, variables: any },
          result: {
            data: {
              affectedAppointments: [bookedVisit('a1', 'Pat', 'Jones')],
            },
          },
        },
        {
          request: { query: MoveTargetsQuery, variables: any },
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
        },
        {
          request: { query: ResolveAffectedAppointmentsMutation, variables: any },
          result: {
            data: {
              resolveAffectedAppointments: [
                {
                  __typename: 'Appointment',
                  id: 'a1',
                  status: 'CANCELLED',
                  startsAt: '2030-01-07T09:00:00.000Z',
                  cancellationReason: 'Training',
                },
              ],
            },
          },
        },
        // The doctor read again after resolving: slow, and from before the time off exists.
        {
          request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } },
          result: { data: { doctor } },
          delay: 300,
        },
        {
          request: { query: AddTimeOffMutation, variables: any },
          result: { data: { addTimeOff: timeOff } },
        },
        {
          request: { query: AdminDoctorQuery, variables: { id: DOCTOR_ID } },
          result: { data: { doctor: { ...doctor, timeOff: [timeOff] } } },
        },
      ],
    });

    const section = await screen.findByRole('region', { name: 'Time off' }, { timeout: 5000 });
    fireEvent.change(within(section).getByLabelText(/^Starts/), { target: { value: '2030-01-07T09:00' } });
    fireEvent.change(within(section).getByLabelText(/^Ends/), { target: { value: '2030-01-07T10:00' } });
    await user.type(within(section).getByLabelText('Reason', { exact: true }), 'Training day');
    await user.click(within(section).getByRole('button', { name: 'Add time off' }));

    const affected = await screen.findByRole('region', { name: '1 booked appointment is affected' });
    await user.type(within(affected).getByLabelText(/^Reason the patients are told/), 'Training');
    await user.click(within(affected).getByRole('button', { name: 'Resolve and continue' }));

    expect(await within(section).findByText('Training day', {}, { timeout: 10_000 })).toBeVisible();
    expect(screen.queryByRole('region', { name: '1 booked appointment is affected' })).toBeNull();
    // Both reads of the doctor went out: the retry's own was not folded into the slow one.
    await expect.poll(() => requests.filter((name) => name === 'AdminDoctor').length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(within(section).getByText('Training day')).toBeVisible();
  });
});
