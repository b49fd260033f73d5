import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { myAppointmentsMock } from '../../test/booking-mocks';
import { renderApp, testUsers } from '../../test/render-app';
import { AvailableSlotsQuery, CancelMyAppointmentMutation, MyAppointmentUpdatedSubscription } from './operations';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const patientId = testUsers.patient.patient.id;
const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
inTwoDays.setMinutes(0, 0, 0);

const appointment = (overrides: object = {}) => ({
  __typename: 'Appointment',
  id: 'appointment-1',
  startsAt: inTwoDays.toISOString(),
  endsAt: new Date(inTwoDays.getTime() + 30 * 60_000).toISOString(),
  status: 'REQUESTED',
  reason: 'Check-up',
  cancellationReason: null,
  doctor: {
    __typename: 'Doctor',
    id: 'doctor-1',
    firstName: 'Dana',
    lastName: 'Reyes',
    specialization: 'Cardiology',
    timezone: zone,
  },
  ...overrides,
});

const noEvents = {
  request: { query: MyAppointmentUpdatedSubscription, variables: { patientId } },
  result: { data: null },
  delay: Number.POSITIVE_INFINITY,
};

describe('AppointmentsPage', () => {
  it('asks for confirmation before cancelling, then shows the appointment as cancelled', async () => {
    const { user, requests } = renderApp({
      path: '/patient',
      signedInAs: testUsers.patient,
      mocks: [
        myAppointmentsMock([appointment()]),
        noEvents,
        {
          request: { query: CancelMyAppointmentMutation, variables: { id: 'appointment-1', reason: 'Feeling better' } },
          result: {
            data: {
              cancelAppointment: appointment({ status: 'CANCELLED', cancellationReason: 'Feeling better' }),
            },
          },
        },
      ],
    });

    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    const cancel = await within(upcoming).findByRole('button', { name: 'Cancel appointment' });
    // Every card has these buttons: each is described by its card's time and doctor.
    const described = /^\w{3} \d+ \w{3}, \d\d:\d\d.* Dr Dana Reyes · Cardiology$/;
    expect(cancel).toHaveAccessibleDescription(described);
    expect(within(upcoming).getByRole('button', { name: 'Reschedule' })).toHaveAccessibleDescription(described);
    await user.click(cancel);
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel this appointment?' });

    // "Keep it" closes the dialog and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    // Gone once its closing animation ends (later under load).
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(requests).not.toContain('CancelMyAppointment');

    await user.click(within(upcoming).getByRole('button', { name: 'Cancel appointment' }));
    const again = await screen.findByRole('alertdialog', { name: 'Cancel this appointment?' });
    await user.type(within(again).getByLabelText('Reason (optional)'), 'Feeling better');
    await user.click(within(again).getByRole('button', { name: 'Cancel appointment' }));

    expect(await screen.findByText('Your appointment is cancelled.')).toBeVisible();
    const past = await screen.findByRole('region', { name: 'Past and cancelled' });
    expect(await within(past).findByText('Cancelled')).toBeVisible();
    expect(within(past).getByText('Cancelled: Feeling better')).toBeVisible();
  }, 20_000);

  it('offers no new time that clashes with the patient’s other visits', async () => {
    // Times on one day, whatever the hour the test runs at.
    const day = new Date(inTwoDays);
    day.setHours(9, 0, 0, 0);
    const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000);
    const time = (date: Date) =>
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
    // Another doctor sees the patient an hour after the visit being moved.
    const elsewhere = appointment({
      id: 'appointment-2',
      status: 'CONFIRMED',
      startsAt: at(1).toISOString(),
      endsAt: at(1.5).toISOString(),
      doctor: { ...appointment().doctor, id: 'doctor-2', firstName: 'Sam', lastName: 'Okafor' },
    });
    const { user } = renderApp({
      path: '/patient',
      signedInAs: testUsers.patient,
      mocks: [
        myAppointmentsMock([appointment(), elsewhere]),
        noEvents,
        {
          request: { query: AvailableSlotsQuery, variables: (v: { doctorId: string }) => v.doctorId === 'doctor-1' },
          result: {
            data: {
              availableSlots: [1, 2].map((hours) => ({
                __typename: 'Slot',
                startsAt: at(hours).toISOString(),
                endsAt: at(hours + 0.5).toISOString(),
              })),
            },
          },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
      ],
    });

    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    // Dr Reyes's visit, by its card (which comes first depends on the hour the test runs at).
    await user.click(await within(upcoming).findByRole('button', { name: 'Reschedule', description: /Dr Dana Reyes/ }));
    const dialog = await screen.findByRole('dialog', { name: /Reschedule with Dr Reyes/ });
    const days = await within(dialog).findByRole('group', { name: 'Choose a day' });
    await user.click(within(days).getByRole('radio', { name: new RegExp(`${day.getDate()} .*1 free`) }));
    const times = await within(dialog).findByRole('group', { name: 'Choose a time' });
    expect(within(times).getAllByRole('radio')).toHaveLength(1);
    expect(within(times).getByRole('radio', { name: time(at(2)) })).toBeVisible();
    expect(within(times).queryByRole('radio', { name: time(at(1)) })).not.toBeInTheDocument();
  }, 20_000);

  it('explains a refusal after the cut-off in plain words', async () => {
    const message = 'Appointments can be changed online until 24 hours before they start; please call the clinic.';
    const { user } = renderApp({
      path: '/patient',
      signedInAs: testUsers.patient,
      mocks: [
        myAppointmentsMock([appointment()]),
        noEvents,
        {
          request: { query: CancelMyAppointmentMutation, variables: { id: 'appointment-1', reason: null } },
          result: { errors: [{ message, extensions: { code: 'CONFLICT' } }] },
        },
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    expect(await within(dialog).findByText(message)).toBeVisible();
  });

  it('shows a confirmation by the doctor without a reload', async () => {
    renderApp({
      path: '/patient',
      signedInAs: testUsers.patient,
      mocks: [
        myAppointmentsMock([appointment()]),
        {
          request: { query: MyAppointmentUpdatedSubscription, variables: { patientId } },
          result: {
            data: {
              appointmentUpdated: {
                __typename: 'AppointmentEvent',
                id: 'event-1',
                cursor: 'cursor-1',
                kind: 'CONFIRMED',
                at: new Date().toISOString(),
                appointment: appointment({ status: 'CONFIRMED' }),
              },
            },
          },
          // After the list has arrived, even on a busy machine (an earlier event would be overwritten by it).
          delay: 1500,
        },
      ],
    });

    expect(await screen.findByText('Requested')).toBeVisible();
    // The event arrives after a short delay; a loaded machine can take a while to render it.
    expect(await screen.findByText('Confirmed', {}, { timeout: 5_000 })).toBeVisible();
    expect(screen.queryByText('Requested')).not.toBeInTheDocument();
  });
});
