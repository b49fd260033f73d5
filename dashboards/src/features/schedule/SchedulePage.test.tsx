import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { ConfirmAppointmentMutation, DoctorScheduleQuery, ScheduleAppointmentUpdatedSubscription } from './operations';

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
        edges: [
          { __typename: 'AppointmentEdge', node: tuesday },
          { __typename: 'AppointmentEdge', node: thursday },
        ],
      },
    },
  },
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
      mocks: [scheduleMock, subscriptionMock],
    });

    expect(await screen.findByRole('heading', { name: "Doctor's schedule" })).toBeVisible();
    const tuesdayColumn = await screen.findByRole('region', { name: /^Tuesday 3 March 2026/ });
    expect(
      await within(tuesdayColumn).findByRole('button', { name: '09:30–10:00, Pat Jones, Requested' }),
    ).toBeVisible();
    const thursdayColumn = screen.getByRole('region', { name: /^Thursday 5 March 2026/ });
    expect(within(thursdayColumn).getByRole('button', { name: '14:00–14:30, Sam Jones, Confirmed' })).toBeVisible();
    const mondayColumn = screen.getByRole('region', { name: /^Monday 2 March 2026/ });
    expect(within(mondayColumn).queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByTestId('schedule-range')).toHaveTextContent('Mon 2 Mar – Sun 8 Mar');
  });

  it('confirms a requested appointment from its detail panel', async () => {
    const { user, requests } = renderApp({
      path: '/doctor?view=week&date=2026-03-02',
      signedInAs: testUsers.doctor,
      mocks: [
        scheduleMock,
        subscriptionMock,
        {
          request: { query: ConfirmAppointmentMutation, variables: { id: 'a1' } },
          result: { data: { confirmAppointment: { ...tuesday, status: 'CONFIRMED' } } },
        },
      ],
    });

    await user.click(await screen.findByRole('button', { name: '09:30–10:00, Pat Jones, Requested' }));
    const panel = await screen.findByRole('dialog');
    // A requested appointment can be confirmed or cancelled, not checked in or completed.
    expect(within(panel).queryByRole('button', { name: 'Check in' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Complete' })).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(requests).toContain('ConfirmAppointment'));
    expect(await within(panel).findByRole('button', { name: 'Check in' })).toBeVisible();
    expect(screen.getByRole('button', { name: '09:30–10:00, Pat Jones, Confirmed', hidden: true })).toBeInTheDocument();
  });
});
