import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { AdminPatientQuery, AdminPatientsQuery } from '../admin/operations';
import { BalanceDueQuery } from '../billing/operations';
import { AvailableSlotsQuery } from '../booking/operations';
import { bookingDoctorMocks } from '../../test/booking-mocks';
import { addDays, startOfDay } from '../booking/slots';
import {
  FrontDeskBookMutation,
  FrontDeskCancelMutation,
  FrontDeskConfirmMutation,
  PatientAppointmentsQuery,
  PatientBusyTimesQuery,
} from './operations';
import { startOfToday } from '../schedule/useDoctorSchedule';
import { HoldSlotMutation } from '../waitlist/operations';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const patientId = 'patient-77';
const doctorId = 'doctor-5';
const day = addDays(startOfDay(new Date()), 2);
const slot10 = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 10).toISOString();
const slot = (startsAt: string) => ({
  __typename: 'Slot',
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
});

const doctor = {
  __typename: 'Doctor',
  id: doctorId,
  firstName: 'Dana',
  lastName: 'Reyes',
  specialization: 'Cardiology',
  timezone: zone,
};
const patient = { __typename: 'Patient', id: patientId, firstName: 'Tressie', lastName: 'Abernathy' };

const appointment = (id: string, startsAt: string, status: string) => ({
  __typename: 'Appointment',
  id,
  startsAt,
  endsAt: slot(startsAt).endsAt,
  status,
  type: 'REGULAR',
  cancellationReason: null,
  patient,
  doctor,
});

const patientPage = (nodes: object[], emailVerified = true) => [
  {
    request: { query: AdminPatientQuery, variables: { id: patientId } },
    result: {
      data: {
        patient: {
          ...patient,
          userId: 'user-77',
          email: 'tressie@example.com',
          emailVerified,
          phone: null,
          address: null,
          dateOfBirth: '1990-07-08',
          gender: 'female',
          active: true,
        },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: BalanceDueQuery, variables: { patientId } },
    result: {
      data: {
        balanceDue: [
          {
            __typename: 'BalanceDue',
            currency: 'EUR',
            owed: { __typename: 'Money', amount: '45.00', currency: 'EUR' },
            invoices: 1,
            overdue: { __typename: 'Money', amount: '45.00', currency: 'EUR' },
            overdueInvoices: 1,
            awaitingInsurer: { __typename: 'Money', amount: '0.00', currency: 'EUR' },
            nextDueDate: null,
          },
        ],
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: PatientAppointmentsQuery, variables: { patientId } },
    result: {
      data: {
        patient: {
          __typename: 'Patient',
          id: patientId,
          appointments: {
            __typename: 'AppointmentConnection',
            totalCount: nodes.length,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: nodes.map((node) => ({ __typename: 'AppointmentEdge', node })),
          },
        },
      },
    },
  },
];

/** The patient's booked times, as the desk's booking and reschedule dialogs ask for them. */
const busyTimesMock = (nodes: { id: string; startsAt: string }[], delay = 0) => ({
  request: { query: PatientBusyTimesQuery, variables: { patientId, from: startOfToday() } },
  delay,
  result: {
    data: {
      appointments: {
        __typename: 'AppointmentConnection',
        edges: nodes.map(({ id, startsAt }) => ({
          __typename: 'AppointmentEdge',
          node: { __typename: 'Appointment', id, startsAt, endsAt: slot(startsAt).endsAt },
        })),
      },
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
});
const at = (hour: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour).toISOString();

describe('front desk', () => {
  it('finds a patient, books and confirms a slot for them, and shows it on their page', async () => {
    const booked = appointment('new-1', slot10, 'REQUESTED');
    const { user, router, requests } = renderApp({
      path: '/admin/appointments/new',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: { query: AdminPatientsQuery, variables: { search: 'Tres', first: 8 } },
          result: {
            data: {
              patients: {
                __typename: 'PatientConnection',
                totalCount: 1,
                edges: [
                  {
                    __typename: 'PatientEdge',
                    node: {
                      ...patient,
                      dateOfBirth: '1990-07-08',
                      email: 'tressie@example.com',
                      emailVerified: true,
                      phone: null,
                      active: true,
                    },
                  },
                ],
                pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
              },
            },
          },
        },
        ...bookingDoctorMocks([
          {
            ...doctor,
            fee: { __typename: 'Money', amount: '80.00', currency: 'EUR' },
            nextAvailableSlot: slot(slot10),
          },
        ]),
        {
          request: { query: AvailableSlotsQuery, variables: (v: { doctorId: string }) => v.doctorId === doctorId },
          result: { data: { availableSlots: [slot(slot10)] } },
        },
        busyTimesMock([]),
        // The time is held for the patient while the desk fills in the form, and booked with the hold.
        {
          request: { query: HoldSlotMutation, variables: { doctorId, startsAt: slot10, patientId } },
          result: {
            data: {
              holdSlot: {
                __typename: 'SlotHold',
                id: 'hold-1',
                doctorId,
                startsAt: slot10,
                expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
              },
            },
          },
        },
        {
          request: {
            query: FrontDeskBookMutation,
            variables: {
              input: {
                patientId,
                doctorId,
                startsAt: slot10,
                type: 'FOLLOW_UP',
                reason: 'Review of tablets',
                holdId: 'hold-1',
              },
            },
          },
          result: { data: { bookAppointment: booked } },
        },
        {
          request: { query: FrontDeskConfirmMutation, variables: { id: 'new-1' } },
          result: { data: { confirmAppointment: { ...booked, status: 'CONFIRMED' } } },
        },
        ...patientPage([{ ...booked, status: 'CONFIRMED' }]),
      ],
    });

    await user.type(await screen.findByRole('searchbox', { name: /Find the patient/ }), 'Tres');
    await user.click(await screen.findByRole('button', { name: 'Choose Tressie Abernathy' }));
    expect(await screen.findByTestId('picked-patient')).toHaveTextContent('Tressie Abernathy');
    expect(router.state.location.search).toBe(`?patientId=${patientId}`);

    await user.click(await screen.findByRole('radio', { name: /^Cardiology\b/ }));
    await user.click(await screen.findByRole('radio', { name: /Dr Dana Reyes/ }));
    const days = await screen.findByRole('group', { name: 'Choose a day' });
    await user.click(within(days).getByRole('radio', { name: new RegExp(`${day.getDate()} .*1 free`) }));
    await user.click(await screen.findByRole('radio', { name: '10:00' }));

    expect(await screen.findByText(/We are holding this time for the patient/)).toBeVisible();
    await user.selectOptions(screen.getByLabelText('Kind of visit'), 'FOLLOW_UP');
    await user.type(screen.getByLabelText(/Reason for the visit/), 'Review of tablets');
    expect(screen.getByRole('checkbox', { name: /Confirm it now/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/admin/patients/${patientId}`));
    expect(await screen.findByText(/^Booked and confirmed: Dr Dana Reyes/)).toBeVisible();
    const upcoming = await screen.findByRole('region', { name: 'Upcoming appointments' });
    expect(await within(upcoming).findByText('Confirmed')).toBeVisible();
    expect(requests.indexOf('FrontDeskBook')).toBeLessThan(requests.indexOf('FrontDeskConfirm'));
  }, 30_000);

  it("cancels a patient's appointment only with a reason, from the patient's page", async () => {
    const upcoming = appointment('a-1', slot10, 'CONFIRMED');
    const past = appointment('a-0', new Date(Date.now() - 20 * 86_400_000).toISOString(), 'COMPLETED');
    const { user, requests } = renderApp({
      path: `/admin/patients/${patientId}`,
      signedInAs: testUsers.admin,
      mocks: [
        ...patientPage([upcoming, past]),
        {
          request: { query: FrontDeskCancelMutation, variables: { id: 'a-1', reason: 'Doctor is ill' } },
          result: {
            data: { cancelAppointment: { ...upcoming, status: 'CANCELLED', cancellationReason: 'Doctor is ill' } },
          },
        },
        ...patientPage([{ ...upcoming, status: 'CANCELLED', cancellationReason: 'Doctor is ill' }, past]).slice(1),
      ],
    });

    const upcomingList = await screen.findByRole('region', { name: 'Upcoming appointments' });
    const pastList = screen.getByRole('region', { name: 'Past appointments' });
    // What they owe, and the way to their bills to take a payment.
    const owed = await screen.findByRole('region', { name: 'To pay' });
    expect(within(owed).getByText('€45.00 overdue on 1 bill')).toBeVisible();
    expect(within(owed).getByRole('link', { name: 'See their bills, take a payment' })).toHaveAttribute(
      'href',
      `/admin/invoices?patient=${patientId}`,
    );
    expect(within(pastList).getByText('Completed')).toBeVisible();
    // Past visits cannot be changed.
    expect(within(pastList).queryByRole('button', { name: /Cancel/ })).not.toBeInTheDocument();

    // Named with its time, patient and doctor: on the list of all appointments, times repeat.
    const cancel = within(upcomingList).getByRole('button', { name: /^Cancel / });
    expect(cancel).toHaveAccessibleName(/^Cancel \w{3} \d+ \w{3}, \d\d:\d\d.*: Tressie Abernathy with Dr /);
    await user.click(cancel);
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel this appointment?' });
    expect(within(dialog).getByText(/Tressie Abernathy, /)).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    expect(await within(dialog).findByText('Give the reason the patient will be told.')).toBeVisible();
    expect(requests).not.toContain('FrontDeskCancel');

    await user.type(within(dialog).getByLabelText(/Reason for the patient/), 'Doctor is ill');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    expect(await screen.findByText('The appointment is cancelled and the patient is told.')).toBeVisible();
    expect(await within(pastList).findByText('Cancelled: Doctor is ill')).toBeVisible();
  }, 30_000);

  it("says under the patient's address whether it is confirmed, and what changing it does", async () => {
    const { user } = renderApp({
      path: `/admin/patients/${patientId}`,
      signedInAs: testUsers.admin,
      mocks: patientPage([], false),
    });
    const details = await screen.findByRole('form', { name: 'Demographics' });
    const email = within(details).getByLabelText(/^Email/);
    expect(within(details).getByText(/Not confirmed yet: appointment and result e-mails wait/)).toBeVisible();
    await user.clear(email);
    await user.type(email, 'tressie.new@example.com');
    expect(within(details).getByText(/The new address gets a link to confirm it/)).toBeVisible();
    expect(within(details).queryByText(/Not confirmed yet/)).not.toBeInTheDocument();
  });

  it('offers only times the patient is free, and says so when the patient is booked elsewhere meanwhile', async () => {
    // The patient sees another doctor at 11:00 that day.
    const { user } = renderApp({
      path: `/admin/appointments/new?patientId=${patientId}`,
      signedInAs: testUsers.admin,
      mocks: [
        ...patientPage([]).slice(0, 1),
        busyTimesMock([{ id: 'elsewhere', startsAt: at(11) }]),
        ...bookingDoctorMocks([
          {
            ...doctor,
            fee: { __typename: 'Money', amount: '80.00', currency: 'EUR' },
            nextAvailableSlot: slot(at(10)),
          },
        ]),
        {
          request: { query: AvailableSlotsQuery, variables: (v: { doctorId: string }) => v.doctorId === doctorId },
          result: { data: { availableSlots: [slot(at(10)), slot(at(11)), slot(at(12))] } },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
        {
          request: {
            query: FrontDeskBookMutation,
            variables: { input: { patientId, doctorId, startsAt: at(12), type: 'REGULAR', reason: null } },
          },
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

    expect(await screen.findByTestId('picked-patient')).toHaveTextContent('Tressie Abernathy');
    await user.click(await screen.findByRole('radio', { name: /^Cardiology\b/ }));
    await user.click(await screen.findByRole('radio', { name: /Dr Dana Reyes/ }));
    const days = await screen.findByRole('group', { name: 'Choose a day' });
    // Found once the patient's busy times are in too (until then the day counts three).
    await user.click(await within(days).findByRole('radio', { name: new RegExp(`${day.getDate()} .*2 free`) }));
    const times = await screen.findByRole('group', { name: 'Choose a time' });
    expect(within(times).getAllByRole('radio')).toHaveLength(2);
    expect(within(times).queryByRole('radio', { name: '11:00' })).not.toBeInTheDocument();

    // Booked elsewhere since the list loaded: the desk is told why, not that someone took the slot.
    await user.click(within(times).getByRole('radio', { name: '12:00' }));
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(
      await screen.findByText('The patient already has an appointment at this time. Please choose another one.'),
    ).toBeVisible();
  }, 30_000);

  it("moves a patient's appointment only to a time they are free", async () => {
    const first = appointment('a-1', at(10), 'CONFIRMED');
    const second = { ...appointment('a-2', at(11), 'CONFIRMED'), doctor: { ...doctor, id: 'doctor-6' } };
    const { user } = renderApp({
      path: `/admin/patients/${patientId}`,
      signedInAs: testUsers.admin,
      mocks: [
        ...patientPage([first, second]),
        // The patient's times arrive after the doctor's free ones: none is offered before.
        busyTimesMock(
          [
            { id: 'a-1', startsAt: at(10) },
            { id: 'a-2', startsAt: at(11) },
          ],
          800,
        ),
        {
          request: { query: AvailableSlotsQuery, variables: (v: { doctorId: string }) => v.doctorId === doctorId },
          result: { data: { availableSlots: [slot(at(9)), slot(at(11)), slot(at(12))] } },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
      ],
    });

    const upcoming = await screen.findByRole('region', { name: 'Upcoming appointments' });
    const [move] = await within(upcoming).findAllByRole('button', { name: /^Reschedule .*Dr Dana Reyes/ });
    await user.click(move!);
    const dialog = await screen.findByRole('dialog', { name: /Reschedule with Dr Reyes/ });
    const days = await within(dialog).findByRole('group', { name: 'Choose a day' });
    // 9:00 and 12:00: the appointment moved frees its own time, the one at 11:00 with another doctor does not.
    await user.click(within(days).getByRole('radio', { name: new RegExp(`${day.getDate()} .*2 free`) }));
    const times = await within(dialog).findByRole('group', { name: 'Choose a time' });
    expect(within(times).getByRole('radio', { name: '09:00' })).toBeVisible();
    expect(within(times).getByRole('radio', { name: '12:00' })).toBeVisible();
    expect(within(times).queryByRole('radio', { name: '11:00' })).not.toBeInTheDocument();
  }, 30_000);
});
