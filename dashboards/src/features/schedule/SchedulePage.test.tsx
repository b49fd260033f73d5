import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import {
  BookingRequestCountQuery,
  BookingRequestsQuery,
  CancelAppointmentMutation,
  ConfirmAppointmentMutation,
  DoctorCalendarQuery,
  DoctorScheduleQuery,
  RescheduleScheduleAppointmentMutation,
  ScheduleAppointmentUpdatedSubscription,
} from './operations';
import { AvailableSlotsQuery } from '../booking/operations';
import { startOfToday } from './useDoctorSchedule';

// Local times, so the test reads the same in any time zone.
const weekStart = new Date(2026, 2, 2); // Monday 2 March 2026
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).toISOString();

const appointment = (id: string, startsAt: string, endsAt: string, status: string, firstName: string) => ({
  __typename: 'Appointment',
  id,
  startsAt,
  endsAt,
  status,
  type: 'REGULAR',
  reason: 'Sore throat',
  cancellationReason: null,
  patient: { __typename: 'Patient', id: `patient-${id}`, firstName, lastName: 'Jones' },
});

const tuesday = appointment('a1', at(3, 9, 30), at(3, 10), 'REQUESTED', 'Pat');
const thursday = appointment('a2', at(5, 14), at(5, 14, 30), 'CONFIRMED', 'Sam');

const scheduleMock = {
  request: {
    query: DoctorScheduleQuery,
    variables: { filter: { from: weekStart.toISOString(), to: new Date(2026, 2, 9).toISOString() } },
  },
  result: {
    data: {
      appointments: {
        __typename: 'AppointmentConnection',
        edges: [{ __typename: 'AppointmentEdge', node: tuesday }],
        pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'page-1' },
      },
    },
  },
};
// A week of more than one page: the calendar asks for the rest itself (Thursday is on page 2).
const scheduleNextPageMock = {
  request: {
    query: DoctorScheduleQuery,
    variables: {
      filter: { from: weekStart.toISOString(), to: new Date(2026, 2, 9).toISOString() },
      after: 'page-1',
    },
  },
  result: {
    data: {
      appointments: {
        __typename: 'AppointmentConnection',
        edges: [{ __typename: 'AppointmentEdge', node: thursday }],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'page-2' },
      },
    },
  },
};

const weekEnd = new Date(2026, 2, 9);
// Monday to Friday 09:00–12:00 in the viewer's own zone; Wednesday off; two free slots on Tuesday.
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const calendarMock = {
  request: {
    query: DoctorCalendarQuery,
    variables: { doctorId: testUsers.doctor.doctor.id, from: weekStart.toISOString(), to: weekEnd.toISOString() },
  },
  result: {
    data: {
      doctor: {
        __typename: 'Doctor',
        id: testUsers.doctor.doctor.id,
        timezone: viewerZone,
        availability: [1, 2, 3, 4, 5].map((weekday) => ({
          __typename: 'AvailabilityRule',
          weekday,
          startTime: '09:00',
          endTime: '12:00',
          slotMinutes: 30,
        })),
        timeOff: [
          {
            __typename: 'TimeOff',
            id: 'off-1',
            startsAt: new Date(2026, 2, 4).toISOString(),
            endsAt: new Date(2026, 2, 5).toISOString(),
            reason: 'Conference',
          },
        ],
      },
      availableSlots: [
        { __typename: 'Slot', startsAt: at(3, 10), endsAt: at(3, 10, 30) },
        { __typename: 'Slot', startsAt: at(3, 10, 30), endsAt: at(3, 11) },
      ],
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

const subscriptionMock = {
  request: { query: ScheduleAppointmentUpdatedSubscription, variables: { doctorId: testUsers.doctor.doctor.id } },
  result: { data: null },
  delay: 60_000,
};

describe('SchedulePage', () => {
  it("shows the week's appointments in their day columns at their times", async () => {
    renderApp({
      path: '/doctor?view=week&date=2026-03-04',
      signedInAs: testUsers.doctor,
      mocks: [scheduleMock, scheduleNextPageMock, calendarMock, subscriptionMock],
    });

    expect(await screen.findByRole('heading', { name: "Doctor's schedule" })).toBeVisible();
    const tuesdayColumn = await screen.findByRole('region', { name: /^Tuesday 3 March 2026/ });
    expect(
      await within(tuesdayColumn).findByRole('button', { name: '09:30 Pat Jones, until 10:00, Requested' }),
    ).toBeVisible();
    const thursdayColumn = screen.getByRole('region', { name: /^Thursday 5 March 2026/ });
    // On the second page, which the calendar fetched by itself.
    expect(
      await within(thursdayColumn).findByRole('button', { name: '14:00 Sam Jones, until 14:30, Confirmed' }),
    ).toBeVisible();
    const mondayColumn = screen.getByRole('region', { name: /^Monday 2 March 2026/ });
    expect(within(mondayColumn).queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByTestId('schedule-range')).toHaveTextContent('Mon 2 Mar – Sun 8 Mar');
  });

  it('draws working hours, time off and free slots on the time grid', async () => {
    renderApp({
      path: '/doctor?view=week&date=2026-03-04',
      signedInAs: testUsers.doctor,
      mocks: [scheduleMock, scheduleNextPageMock, calendarMock, subscriptionMock],
    });
    const tuesdayColumn = await screen.findByRole('region', { name: /^Tuesday 3 March 2026/ });
    // Free slots arrive with the calendar query, after the appointments.
    await waitFor(() => expect(within(tuesdayColumn).getAllByTestId('free-slot')).toHaveLength(2));
    expect(within(tuesdayColumn).getByText('1 appointment, 2 free slots')).toBeInTheDocument();
    expect(within(tuesdayColumn).getAllByTestId('working-hours')).toHaveLength(1);
    const wednesday = screen.getByRole('region', { name: /^Wednesday 4 March 2026/ });
    expect(within(wednesday).getByTestId('time-off')).toHaveTextContent('Time off · Conference');
    const sunday = screen.getByRole('region', { name: /^Sunday 8 March 2026/ });
    expect(within(sunday).queryAllByTestId('working-hours')).toHaveLength(0);
    expect(within(sunday).getByText(/not a working day/)).toBeInTheDocument();
    // The grid spans the working day: 08:00 (the default start) to 18:00.
    expect(screen.getByText('08:00')).toBeInTheDocument();
    expect(screen.getByText('17:00')).toBeInTheDocument();
  });

  it('highlights new booking requests with their count and declines one with a reason', async () => {
    const requested = appointment('r1', at(10, 11), at(10, 11, 30), 'REQUESTED', 'Robin');
    // The list answers with the request until it is declined, however often it is asked.
    let declined = false;
    const requestsAnswer = () => {
      const nodes = declined ? [] : [requested];
      return {
        data: {
          appointments: {
            __typename: 'AppointmentConnection',
            totalCount: nodes.length,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: nodes.map((node) => ({ __typename: 'AppointmentEdge', node })),
          },
        },
      };
    };
    const { user, requests } = renderApp({
      path: '/doctor?view=week&date=2026-03-04',
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: BookingRequestsQuery, variables: { from: startOfToday() } },
          result: requestsAnswer,
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
        {
          // The menu's badge asks for the count alone.
          request: { query: BookingRequestCountQuery, variables: { from: startOfToday() } },
          result: () => ({
            data: {
              appointments: {
                __typename: 'AppointmentConnection',
                totalCount: requestsAnswer().data.appointments.totalCount,
              },
            },
          }),
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
        scheduleMock,
        scheduleNextPageMock,
        calendarMock,
        subscriptionMock,
        {
          request: {
            query: CancelAppointmentMutation,
            variables: { id: 'r1', reason: 'On leave that week' },
          },
          result: () => {
            declined = true;
            return { data: { cancelAppointment: { ...requested, status: 'CANCELLED' } } };
          },
        },
      ],
    });

    const list = await screen.findByRole('region', { name: 'New booking requests' });
    expect(within(list).getByTestId('requests-count')).toHaveTextContent('1');
    expect(within(list).getByText('Sore throat')).toBeVisible();
    // The calendar tab counts them too.
    const nav = screen.getByRole('navigation', { name: 'Doctor' });
    // (its own count query, which may answer after the list)
    expect(await within(nav).findByRole('link', { name: /Calendar\s*1\s*new requests/ })).toBeVisible();

    await user.click(within(list).getByRole('button', { name: 'Decline Robin Jones' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Decline this request?' });
    await user.type(within(dialog).getByLabelText('Reason for the patient'), 'On leave that week');
    await user.click(within(dialog).getByRole('button', { name: 'Decline request' }));

    await waitFor(() => expect(requests).toContain('CancelAppointment'));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'New booking requests' })).not.toBeInTheDocument());
  });

  it('confirms a requested appointment from its detail panel', async () => {
    const { user, requests } = renderApp({
      path: '/doctor?view=week&date=2026-03-02',
      signedInAs: testUsers.doctor,
      mocks: [
        scheduleMock,
        scheduleNextPageMock,
        calendarMock,
        subscriptionMock,
        {
          request: { query: ConfirmAppointmentMutation, variables: { id: 'a1' } },
          result: { data: { confirmAppointment: { ...tuesday, status: 'CONFIRMED' } } },
        },
      ],
    });

    await user.click(await screen.findByRole('button', { name: '09:30 Pat Jones, until 10:00, Requested' }));
    const panel = await screen.findByRole('dialog');
    // A requested appointment can be confirmed or cancelled, not checked in or completed.
    expect(within(panel).queryByRole('button', { name: 'Check in' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Complete' })).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(requests).toContain('ConfirmAppointment'));
    expect(await within(panel).findByRole('button', { name: 'Check in' })).toBeVisible();
    expect(
      screen.getByRole('button', { name: '09:30 Pat Jones, until 10:00, Confirmed', hidden: true }),
    ).toBeInTheDocument();
  });

  it('lets the doctor move a confirmed appointment to another free slot', async () => {
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const newStart = new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 10).toISOString();
    const { user, requests } = renderApp({
      path: '/doctor?view=week&date=2026-03-04',
      signedInAs: testUsers.doctor,
      mocks: [
        scheduleMock,
        scheduleNextPageMock,
        calendarMock,
        subscriptionMock,
        {
          request: {
            query: AvailableSlotsQuery,
            variables: (v: { doctorId: string }) => v.doctorId === testUsers.doctor.doctor.id,
          },
          result: {
            data: {
              availableSlots: [
                {
                  __typename: 'Slot',
                  startsAt: newStart,
                  endsAt: new Date(Date.parse(newStart) + 30 * 60_000).toISOString(),
                },
              ],
            },
          },
        },
        {
          request: { query: RescheduleScheduleAppointmentMutation, variables: { id: 'a2', startsAt: newStart } },
          result: { data: { rescheduleAppointment: { ...thursday, startsAt: newStart } } },
        },
      ],
    });

    await user.click(await screen.findByRole('button', { name: '14:00 Sam Jones, until 14:30, Confirmed' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Reschedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reschedule with Dr Reyes' });
    const days = await within(dialog).findByRole('group', { name: 'Choose a day' });
    await user.click(within(days).getByRole('radio', { name: new RegExp(`${tomorrow.getDate()} .*1 free`) }));
    await user.click(await within(dialog).findByRole('radio', { name: '10:00' }));
    await user.click(within(dialog).getByRole('button', { name: 'Move appointment' }));
    await waitFor(() => expect(requests).toContain('RescheduleScheduleAppointment'));
    // Once moved the dialog closes (and the test ends after the mutation's answer, not before it).
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Reschedule with Dr Reyes' })).toBeNull());
  });
});
