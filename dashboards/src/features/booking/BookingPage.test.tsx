import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bookingDoctorMocks, myAppointmentsMock } from '../../test/booking-mocks';
import { renderApp, testUsers } from '../../test/render-app';
import { dayKey } from '../schedule/calendar-dates';
import { JoinWaitlistMutation } from '../waitlist/operations';
import { AvailableSlotsQuery, BookAppointmentMutation, MyAppointmentUpdatedSubscription } from './operations';
import { addDays, startOfDay } from './slots';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const patientId = testUsers.patient.patient.id;
const doctorId = '00000000-0000-4000-8000-0000000000d1';

// A free slot three days from now at 10:00 local time, and one at 11:00.
const day = addDays(startOfDay(new Date()), 3);
const slotAt = (hour: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour).toISOString();
const slot10 = slotAt(10);
const slot11 = slotAt(11);
const slot = (startsAt: string) => ({
  __typename: 'Slot',
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
});

const doctors = bookingDoctorMocks([
  {
    __typename: 'Doctor',
    id: doctorId,
    firstName: 'Dana',
    lastName: 'Reyes',
    specialization: 'Cardiology',
    timezone: zone,
    fee: { __typename: 'Money', amount: '80.00', currency: 'EUR' },
    nextAvailableSlot: slot(slot10),
    qualifications: ['MD', 'FESC'],
    bio: 'Cares for adults with heart rhythm problems and high blood pressure, and runs the clinic’s heart failure service. Speaks English, Spanish and Portuguese; happy to see patients with their family.',
  },
  {
    __typename: 'Doctor',
    id: 'other-doctor',
    firstName: 'Sam',
    lastName: 'Okafor',
    specialization: 'Dermatology',
    timezone: zone,
    fee: null,
    nextAvailableSlot: null,
  },
]);

const slotsAnswer = (startsAts: string[]) => ({
  request: { query: AvailableSlotsQuery, variables: (v: { doctorId: string }) => v.doctorId === doctorId },
  result: { data: { availableSlots: startsAts.map(slot) } },
});

const appointment = {
  __typename: 'Appointment',
  id: 'new-appointment',
  startsAt: slot10,
  endsAt: slot(slot10).endsAt,
  status: 'REQUESTED',
  reason: 'Chest pain when running',
  cancellationReason: null,
  doctor: {
    __typename: 'Doctor',
    id: doctorId,
    firstName: 'Dana',
    lastName: 'Reyes',
    specialization: 'Cardiology',
    timezone: zone,
  },
};

const bookRequest = (startsAt: string) => ({
  query: BookAppointmentMutation,
  variables: { input: { doctorId, startsAt, reason: 'Chest pain when running' } },
});

async function chooseUpToSlot(user: ReturnType<typeof renderApp>['user'], time: string) {
  // Each specialty with how many doctors take bookings; one nobody practises yet is not offered.
  const cardiology = await screen.findByRole('radio', { name: 'Cardiology 1 doctor' });
  expect(screen.queryByRole('radio', { name: /Nobody Practises This/ })).toBeNull();
  await user.click(cardiology);
  const dana = await screen.findByRole('radio', { name: /Dr Dana Reyes/ });
  // Who the doctor is, in their own words: qualifications and the start of their introduction.
  expect(dana).toHaveAccessibleName(/MD, FESC/);
  expect(dana).toHaveAccessibleName(/heart failure service\. Speaks English, Spanish and Portuguese; happy…$/);
  await user.click(dana);
  // Chosen, the whole introduction is a click away.
  await user.click(await screen.findByText('More about Dr Dana Reyes'));
  expect(await screen.findByText(/happy to see patients with their family\.$/)).toBeVisible();
  const days = await screen.findByRole('group', { name: 'Choose a day' });
  // Days without free times cannot be chosen.
  const [today] = within(days).getAllByRole('radio');
  expect(today).toHaveAccessibleName(/No free times/);
  expect(today).toBeDisabled();
  await user.click(within(days).getByRole('radio', { name: new RegExp(`${day.getDate()} .*2 free`) }));
  await user.click(await screen.findByRole('radio', { name: time }));
}

describe('BookingPage', () => {
  it('books a chosen slot with a reason and shows it as requested', async () => {
    const { user, router } = renderApp({
      path: '/patient/book',
      signedInAs: testUsers.patient,
      mocks: [
        ...doctors,
        slotsAnswer([slot10, slot11]),
        { request: bookRequest(slot10), result: { data: { bookAppointment: appointment } } },
        // The booking page's own look at the patient's appointments (nothing yet), then the portal's.
        myAppointmentsMock([]),
        myAppointmentsMock([appointment]),
        { ...myAppointmentsMock([appointment]), maxUsageCount: 5 },
        {
          request: { query: MyAppointmentUpdatedSubscription, variables: { patientId } },
          result: { data: null },
          delay: Number.POSITIVE_INFINITY,
        },
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Book an appointment' })).toBeVisible();
    expect(screen.queryByRole('radio', { name: /Dr Dana Reyes/ })).not.toBeInTheDocument();
    await chooseUpToSlot(user, '10:00');
    expect(screen.getByText(/Fee €80\.00/)).toBeVisible();

    // An empty reason is caught before anything is sent.
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByText('Tell the doctor briefly why you are coming.')).toBeVisible();
    expect(screen.getByLabelText(/Reason for the visit/)).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText(/Reason for the visit/), 'Chest pain when running');
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: 'Patient portal' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/patient');
    expect(await screen.findByText('Your appointment is requested. The doctor will confirm it.')).toBeVisible();
    expect(await screen.findByText('Requested')).toBeVisible();
    expect(screen.getByText(/Dr Dana Reyes/)).toBeVisible();
  }, 40_000);

  it('says in plain words when the slot was just taken, and refreshes the times', async () => {
    const { user, requests } = renderApp({
      path: '/patient/book',
      signedInAs: testUsers.patient,
      mocks: [
        ...doctors,
        slotsAnswer([slot10, slot11]),
        {
          request: bookRequest(slot10),
          result: { errors: [{ message: 'This slot is already taken.', extensions: { code: 'CONFLICT' } }] },
        },
        slotsAnswer([slot11, slotAt(12)]),
      ],
    });

    await chooseUpToSlot(user, '10:00');
    await user.type(screen.getByLabelText(/Reason for the visit/), 'Chest pain when running');
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    expect(
      await screen.findByText('Sorry, someone has just booked this time. Please choose another one.'),
    ).toBeVisible();
    expect(await screen.findByRole('radio', { name: '12:00' })).toBeVisible();
    expect(screen.queryByRole('radio', { name: '10:00' })).not.toBeInTheDocument();
    expect(requests.filter((name) => name === 'AvailableSlots')).toHaveLength(2);
  }, 40_000);

  it('does not offer a time the patient already has booked elsewhere, and says so when the server finds one', async () => {
    // The patient sees another doctor at 11:00 that day (confirmed); a cancelled visit at 10:00 holds nothing.
    const elsewhere = (startsAt: string, status: string, id: string) => ({
      ...appointment,
      id,
      startsAt,
      endsAt: slot(startsAt).endsAt,
      status,
      doctor: { ...appointment.doctor, id: 'other-doctor', firstName: 'Sam', lastName: 'Okafor' },
    });
    const { user, requests } = renderApp({
      path: '/patient/book',
      signedInAs: testUsers.patient,
      mocks: [
        ...doctors,
        myAppointmentsMock([elsewhere(slot11, 'CONFIRMED', 'a-11'), elsewhere(slot10, 'CANCELLED', 'a-10')]),
        slotsAnswer([slot10, slot11, slotAt(12)]),
        {
          request: bookRequest(slot10),
          result: {
            errors: [
              {
                message: 'The patient already has an appointment at that time.',
                extensions: { code: 'CONFLICT', reason: 'PATIENT_BUSY' },
              },
            ],
          },
        },
      ],
    });

    await chooseUpToSlot(user, '10:00');
    const times = screen.getByRole('group', { name: 'Choose a time' });
    expect(within(times).getAllByRole('radio')).toHaveLength(2);
    expect(within(times).queryByRole('radio', { name: '11:00' })).not.toBeInTheDocument();
    expect(within(times).getByRole('radio', { name: '12:00' })).toBeVisible();

    await user.type(screen.getByLabelText(/Reason for the visit/), 'Chest pain when running');
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(
      await screen.findByText('You already have an appointment at this time. Please choose another one.'),
    ).toBeVisible();
    // Not "someone else took it": the times are not asked for again.
    expect(requests.filter((name) => name === 'AvailableSlots')).toHaveLength(1);
  }, 40_000);

  it("joins the waitlist from today to two weeks on, by the patient's own calendar days", async () => {
    // The days the form starts with are the patient's local ones (not UTC's: late in the evening
    // west of Greenwich, UTC is already tomorrow), sent as the local midnights they begin at.
    const today = startOfDay(new Date());
    const from = today.toISOString();
    const to = addDays(today, 15).toISOString();
    const { user } = renderApp({
      path: '/patient/book',
      signedInAs: testUsers.patient,
      mocks: [
        ...doctors,
        slotsAnswer([slot10, slot11]),
        myAppointmentsMock([]),
        {
          request: { query: JoinWaitlistMutation, variables: { input: { doctorId, from, to } } },
          result: {
            data: {
              joinWaitlist: {
                __typename: 'WaitlistEntry',
                id: 'entry-1',
                status: 'WAITING',
                from,
                to,
                specialization: 'Cardiology',
                createdAt: new Date().toISOString(),
                doctor: { __typename: 'Doctor', id: doctorId, firstName: 'Dana', lastName: 'Reyes', timezone: zone },
                offer: null,
              },
            },
          },
        },
      ],
    });
    await user.click(await screen.findByRole('radio', { name: 'Cardiology 1 doctor' }));
    await user.click(await screen.findByRole('radio', { name: /Dr Dana Reyes/ }));
    await user.click(await screen.findByRole('button', { name: 'Join the waitlist' }));
    const form = await screen.findByRole('form', { name: 'Join the waitlist' });
    expect(within(form).getByLabelText('From')).toHaveValue(dayKey(today));
    expect(within(form).getByLabelText('Until')).toHaveValue(dayKey(addDays(today, 14)));
    await user.click(within(form).getByRole('button', { name: 'Join the waitlist' }));
    expect(await screen.findByText(/You are on the waitlist/)).toBeVisible();
  });
});
