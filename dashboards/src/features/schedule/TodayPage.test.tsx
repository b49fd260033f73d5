import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { renderApp, testUsers } from '../../test/render-app';
import { addDays, longDayLabel, parseDayKey, shortDayLabel } from './calendar-dates';
import {
  CheckInAppointmentMutation,
  NextVisitQuery,
  ScheduleAppointmentUpdatedSubscription,
  TodayWorklistQuery,
} from './operations';
import {
  LabResultsToReviewCountQuery,
  LabResultsToReviewQuery,
  MarkLabResultsReviewedMutation,
} from '../labs/operations';
import {
  DeclineRepeatRequestMutation,
  RepeatRequestCountQuery,
  RepeatRequestsQuery,
} from '../prescriptions/operations';

/** The signed-in doctor, as a list's `doctor` reads them: their own work. */
const me = {
  __typename: 'Doctor',
  id: testUsers.doctor.doctor.id,
  active: true,
  awayUntil: null as string | null,
  firstName: 'Dana',
  lastName: 'Reyes',
};

const today = parseDayKey(null);
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const visit = (
  id: string,
  startsAt: string,
  status: string,
  firstName: string,
  allergies: string[],
  records: number,
) => ({
  __typename: 'Appointment',
  id,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
  status,
  type: 'REGULAR',
  reason: `Reason of ${firstName}`,
  cancellationReason: null,
  patient: {
    __typename: 'Patient',
    id: `patient-${id}`,
    firstName,
    lastName: 'Okafor',
    dateOfBirth: '1980-05-04',
    allergies,
  },
  medicalRecords: Array.from({ length: records }, (_, index) => ({
    __typename: 'MedicalRecord',
    id: `r-${id}-${index}`,
  })),
});

// Times relative to now, clamped to today so the test reads the same at any hour.
const clampToday = (iso: string) => {
  const time = Math.min(Math.max(Date.parse(iso), today.getTime()), addDays(today, 1).getTime() - 60 * 60_000);
  return new Date(time).toISOString();
};
const done = visit('v1', clampToday(hoursFromNow(-3)), 'COMPLETED', 'Ada', [], 0);
const waiting = visit('v2', clampToday(hoursFromNow(-0.25)), 'CHECKED_IN', 'Ben', ['Penicillin'], 0);
const arriving = visit(
  'v3',
  new Date(Date.now() + 20 * 60_000).toISOString(),
  'CONFIRMED',
  'Cy',
  ['Latex', 'Peanuts'],
  0,
);

const worklistMock = (nodes: object[]) => ({
  request: {
    query: TodayWorklistQuery,
    variables: { from: today.toISOString(), to: addDays(today, 1).toISOString() },
  },
  result: {
    data: {
      appointments: {
        __typename: 'AppointmentConnection',
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: nodes.map((node) => ({ __typename: 'AppointmentEdge', node })),
      },
    },
  },
});

const subscriptionMock = {
  request: { query: ScheduleAppointmentUpdatedSubscription, variables: { doctorId: testUsers.doctor.doctor.id } },
  result: { data: null },
  delay: 60_000,
};

describe('TodayPage', () => {
  it("lists today's visits in order with allergies and each visit's next step, and checks one in", async () => {
    const { user, requests } = renderApp({
      path: '/doctor/today',
      signedInAs: testUsers.doctor,
      mocks: [
        worklistMock([arriving, done, waiting]),
        subscriptionMock,
        {
          request: { query: CheckInAppointmentMutation, variables: { id: 'v3' } },
          result: { data: { checkInAppointment: { ...arriving, status: 'CHECKED_IN' } } },
        },
        worklistMock([done, waiting, { ...arriving, status: 'CHECKED_IN' }]),
      ],
    });

    const list = await screen.findByRole('list', { name: "Today's visits" });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => within(row).getByRole('link', { name: /Okafor/ }).textContent)).toEqual([
      'Ada Okafor',
      'Ben Okafor',
      'Cy Okafor',
    ]);
    expect(screen.getByTestId('today-summary')).toHaveTextContent('3 visits · 1 done · 1 waiting');

    const [first, second, third] = rows as [HTMLElement, HTMLElement, HTMLElement];
    // Completed without a note: the note is still to write.
    expect(within(first).getByRole('link', { name: 'Write note' })).toHaveAttribute(
      'href',
      '/doctor/patients/patient-v1?appointment=v1&form=record',
    );
    expect(within(first).getByText('No known allergies')).toBeVisible();
    // Checked in: the next visit, its note to start; allergies in sight.
    expect(second).toHaveAttribute('aria-current', 'step');
    expect(within(second).getByText('Allergy: Penicillin')).toBeVisible();
    expect(within(second).getByRole('link', { name: 'Start note' })).toBeVisible();
    // Arriving within the hour: check-in is open.
    expect(within(third).getByText('Allergy: Latex')).toBeVisible();
    await user.click(within(third).getByRole('button', { name: 'Check in' }));

    await waitFor(() => expect(requests).toContain('CheckInAppointment'));
    await waitFor(() => expect(screen.getByTestId('today-summary')).toHaveTextContent('3 visits · 1 done · 2 waiting'));
  });

  const nextVisitMock = (startsAt: string | null) => ({
    request: { query: NextVisitQuery, variables: { from: addDays(today, 1).toISOString() } },
    result: {
      data: {
        appointments: {
          __typename: 'AppointmentConnection',
          edges: startsAt
            ? [{ __typename: 'AppointmentEdge', node: { __typename: 'Appointment', id: 'next', startsAt } }]
            : [],
        },
      },
    },
  });

  it('on an empty day says when the next visit is and goes to that day', async () => {
    // The next visit: three days on at 09:30 local time.
    const nextDay = addDays(today, 3);
    const startsAt = new Date(nextDay.getFullYear(), nextDay.getMonth(), nextDay.getDate(), 9, 30).toISOString();
    const nextDayMock = {
      request: {
        query: TodayWorklistQuery,
        variables: { from: nextDay.toISOString(), to: addDays(nextDay, 1).toISOString() },
      },
      result: worklistMock([visit('v9', startsAt, 'CONFIRMED', 'Dee', [], 0)]).result,
    };
    const { user } = renderApp({
      path: '/doctor/today',
      signedInAs: testUsers.doctor,
      mocks: [worklistMock([]), subscriptionMock, nextVisitMock(startsAt), nextDayMock],
    });

    expect(await screen.findByText('No visits today')).toBeVisible();
    expect(await screen.findByText(`Your next visit is on ${longDayLabel(nextDay)} at 09:30.`)).toBeVisible();
    await user.click(screen.getByRole('button', { name: `Show ${shortDayLabel(nextDay)}` }));

    expect(await screen.findByRole('link', { name: 'Dee Okafor' })).toBeVisible();
    expect(screen.getByTestId('worklist-day')).toHaveTextContent(longDayLabel(nextDay));
  });

  it('says so when nothing is booked ahead', async () => {
    renderApp({
      path: '/doctor/today',
      signedInAs: testUsers.doctor,
      mocks: [worklistMock([]), subscriptionMock, nextVisitMock(null)],
    });
    expect(await screen.findByText('No visits today')).toBeVisible();
    expect(await screen.findByText(/Nothing is booked ahead/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open the calendar' })).toHaveAttribute('href', '/doctor');
  });

  it('lists the lab results waiting for the doctor, critical first, and marks one reviewed', async () => {
    const labResult = (code: string, name: string, value: string, unit: string, interpretation: string) => ({
      __typename: 'LabResult',
      code,
      name,
      value,
      unit,
      referenceLow: 3.5,
      referenceHigh: 5.1,
      interpretation,
      resultedAt: hoursFromNow(-2),
      version: 1,
    });
    const toReview = (id: string, firstName: string, result: object, doctor: object = me) => ({
      __typename: 'LabOrder',
      id,
      resultedAt: hoursFromNow(-2),
      reviewedAt: null,
      patient: { __typename: 'Patient', id: `patient-${id}`, firstName, lastName: 'Okafor' },
      doctor,
      results: [result],
    });
    const potassium = 'Potassium [Moles/volume] in Serum or Plasma';
    const critical = toReview('o1', 'Eve', labResult('2823-3', potassium, '6.5', 'mmol/L', 'CRITICAL_HIGH'));
    // A colleague on leave: their results are this doctor's to review too, and say whose they are.
    const back = hoursFromNow(24 * 5);
    const normal = toReview('o2', 'Fay', labResult('2823-3', potassium, '4.2', 'mmol/L', 'NORMAL'), {
      ...me,
      id: 'doctor-away',
      firstName: 'Ola',
      lastName: 'Reyes',
      awayUntil: back,
    });
    const reviewMock = (orders: object[]) => ({
      request: { query: LabResultsToReviewQuery, variables: {} },
      result: { data: { labResultsToReview: orders } },
    });
    const countMock = (count: number) => ({
      request: { query: LabResultsToReviewCountQuery, variables: {} },
      result: { data: { labResultsToReviewCount: count } },
    });
    const { user, requests } = renderApp({
      path: '/doctor/today',
      signedInAs: testUsers.doctor,
      mocks: [
        worklistMock([done]),
        subscriptionMock,
        reviewMock([critical, normal]),
        countMock(2),
        {
          request: { query: MarkLabResultsReviewedMutation, variables: { orderId: 'o2' } },
          result: {
            data: {
              markLabResultsReviewed: {
                __typename: 'LabOrder',
                id: 'o2',
                status: 'RESULTED',
                reviewedAt: new Date().toISOString(),
              },
            },
          },
        },
        // The list is not read again: the reviewed order leaves the cached one; the count is asked anew.
        countMock(1),
      ],
    });

    const section = await screen.findByRole('region', { name: 'Results to review (2)' });
    // The Today tab counts them too, wherever the doctor is in their area.
    const today = screen.getByRole('link', { name: /^Today/ });
    await waitFor(() => expect(today).toHaveAccessibleName(/^Today\s*2\s*results to review$/));
    const rows = within(section).getAllByRole('listitem');
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Eve Okafor', 'Fay Okafor']);
    expect(within(rows[0]!).getByText('Critical')).toBeVisible();
    expect(within(rows[0]!).queryByText(/ordered by/)).toBeNull();
    expect(
      within(rows[1]!).getByText(
        new RegExp(`ordered by Dr Ola Reyes \\(away until ${formatDay(back, viewerTimeZone())}\\)$`),
      ),
    ).toBeVisible();
    expect(within(rows[0]!).getByRole('link')).toHaveAttribute('href', '/doctor/patients/patient-o1');
    // Each button named by its patient: every row has one.
    const mark = within(rows[1]!).getByRole('button', { name: 'Mark reviewed' });
    expect(mark).toHaveAccessibleDescription('Fay Okafor');
    await user.click(mark);
    await waitFor(() => expect(requests).toContain('MarkLabResultsReviewed'));
    expect(await screen.findByRole('region', { name: 'Results to review (1)' })).toBeVisible();
    await waitFor(() => expect(today).toHaveAccessibleName(/^Today\s*1\s*result to review$/));
  });

  it('lists the repeat prescriptions patients asked for, to issue from the chart or decline with a reason', async () => {
    const asked = (id: string, firstName: string, note: string | null) => ({
      __typename: 'RepeatRequest',
      id,
      createdAt: hoursFromNow(-20),
      note,
      patient: { __typename: 'Patient', id: `patient-${id}`, firstName, lastName: 'Okafor' },
      doctor: id === 'rr2' ? { ...me, id: 'doctor-left', active: false, firstName: 'Lee', lastName: 'Moss' } : me,
      prescription: {
        __typename: 'Prescription',
        id: `rx-${id}`,
        issuedAt: hoursFromNow(-24 * 80),
        items: [
          {
            __typename: 'PrescriptionItem',
            medication: 'Metformin',
            dosage: '500 mg',
            frequency: 'twice daily',
            durationDays: 90,
            instructions: null,
          },
        ],
      },
    });
    const { user, requests } = renderApp({
      path: '/doctor/today',
      signedInAs: testUsers.doctor,
      mocks: [
        worklistMock([done]),
        subscriptionMock,
        { request: { query: RepeatRequestCountQuery, variables: {} }, result: { data: { repeatRequestCount: 2 } } },
        {
          request: { query: LabResultsToReviewCountQuery, variables: {} },
          result: { data: { labResultsToReviewCount: 0 } },
        },
        // Declined: the count is asked for again.
        { request: { query: RepeatRequestCountQuery, variables: {} }, result: { data: { repeatRequestCount: 1 } } },
        {
          request: { query: RepeatRequestsQuery, variables: {} },
          result: {
            data: { repeatRequests: [asked('rr1', 'Gus', 'I run out on Friday.'), asked('rr2', 'Hal', null)] },
          },
        },
        {
          request: {
            query: DeclineRepeatRequestMutation,
            variables: { id: 'rr2', reason: 'Please book a review first.' },
          },
          result: {
            data: {
              declineRepeatRequest: {
                __typename: 'RepeatRequest',
                id: 'rr2',
                status: 'DECLINED',
                declineReason: 'Please book a review first.',
                decidedAt: new Date().toISOString(),
              },
            },
          },
        },
      ],
    });

    const section = await screen.findByRole('region', { name: 'Repeat requests (2)' });
    // The Today tab counts them too.
    const tab = screen.getByRole('link', { name: /^Today/ });
    await waitFor(() => expect(tab).toHaveAccessibleName(/^Today\s*2\s*repeat requests$/));
    expect(within(section).getByText('I run out on Friday.')).toBeVisible();
    expect(within(section).getByText(/ · asked of Dr Lee Moss \(has left\)$/)).toBeVisible();
    expect(within(section).getAllByText(/asked of/)).toHaveLength(1);
    const issue = within(section).getAllByRole('link', { name: 'Issue repeat' });
    expect(issue[0]).toHaveAttribute('href', '/doctor/patients/patient-rr1');
    expect(issue[0]).toHaveAccessibleDescription('Gus Okafor');

    const decline = within(section).getAllByRole('button', { name: 'Decline' })[1]!;
    expect(decline).toHaveAccessibleDescription('Hal Okafor');
    await user.click(decline);
    const form = within(section).getByRole('form', { name: 'Decline Hal Okafor’s request' });
    await user.type(within(form).getByLabelText(/Reason the patient reads/), 'No');
    await user.click(within(form).getByRole('button', { name: 'Decline and tell the patient' }));
    expect(within(form).getByText('Tell Hal Okafor why, in 3 to 500 characters.')).toBeVisible();
    expect(requests).not.toContain('DeclineRepeatRequest');
    await user.clear(within(form).getByLabelText(/Reason the patient reads/));
    await user.type(within(form).getByLabelText(/Reason the patient reads/), 'Please book a review first.');
    await user.click(within(form).getByRole('button', { name: 'Decline and tell the patient' }));
    // Answered, it leaves the list without the list being read again.
    expect(await screen.findByRole('region', { name: 'Repeat requests (1)' })).toBeVisible();
    expect(requests.filter((name) => name === 'RepeatRequests')).toHaveLength(1);
    await waitFor(() => expect(tab).toHaveAccessibleName(/^Today\s*1\s*repeat request$/));
  });
});
