import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MyRecordsQuery, MyVitalsQuery } from './operations';

const doctor = {
  __typename: 'Doctor',
  id: 'doctor-1',
  firstName: 'Dana',
  lastName: 'Reyes',
  specialization: 'Cardiology',
};

const entry = (id: string, kind: string, at: string, fields: object) => ({
  __typename: 'TimelineEntry',
  id,
  kind,
  at,
  appointment: null,
  prescription: null,
  admission: null,
  medicalRecord: null,
  ...fields,
});

const stay = (id: string, dischargedAt: string | null, reason: string) => ({
  __typename: 'Admission',
  id,
  dischargedAt,
  movedToId: null,
  reason,
  bed: {
    __typename: 'Bed',
    id: `bed-${id}`,
    ward: 'Ward 2',
    label: '2B',
    department: {
      __typename: 'Department',
      id: 'department-1',
      name: 'Cardiology',
      hospital: { __typename: 'Hospital', id: 'hospital-1', name: 'City General Hospital' },
    },
  },
});

const patient = (fields: object) => ({
  data: {
    me: {
      __typename: 'User',
      id: testUsers.patient.id,
      patient: { __typename: 'Patient', id: testUsers.patient.patient.id, ...fields },
    },
  },
});

const page = (typename: string, edges: object[]) => ({
  __typename: typename,
  totalCount: edges.length,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  edges,
});

/** The records page with this timeline and no vitals. */
function renderTimeline(edges: object[]) {
  return renderApp({
    path: '/patient/records',
    signedInAs: testUsers.patient,
    mocks: [
      {
        request: { query: MyRecordsQuery, variables: {} },
        result: patient({ timeline: page('TimelineEntryConnection', edges) }),
      },
      {
        request: { query: MyVitalsQuery, variables: {} },
        result: patient({ medicalRecords: page('MedicalRecordConnection', []) }),
      },
    ],
  });
}

describe('RecordsPage', () => {
  it('shows hospital stays in the timeline: where, why, and whether the patient is still in', async () => {
    renderTimeline([
      {
        __typename: 'TimelineEntryEdge',
        node: entry('s2', 'ADMISSION', '2026-11-30T09:00:00Z', {
          admission: stay('s2', null, 'Chest pain, for observation'),
        }),
      },
      {
        __typename: 'TimelineEntryEdge',
        node: entry('a1', 'APPOINTMENT', '2026-11-20T09:00:00Z', {
          appointment: { __typename: 'Appointment', id: 'a1', status: 'COMPLETED', doctor },
        }),
      },
      {
        __typename: 'TimelineEntryEdge',
        node: entry('s1', 'ADMISSION', '2026-10-02T14:00:00Z', {
          admission: stay('s1', '2026-10-05T11:00:00Z', 'Atrial fibrillation'),
        }),
      },
    ]);

    const current = (await screen.findByText('Chest pain, for observation')).closest('li')!;
    expect(within(current).getByText('Hospital stay')).toBeVisible();
    expect(within(current).getByText('In hospital')).toBeVisible();
    expect(within(current).getByText('Cardiology, City General Hospital · Ward 2 · bed 2B')).toBeVisible();
    expect(within(current).queryByText(/^Discharged/)).toBeNull();

    const past = screen.getByText('Atrial fibrillation').closest('li')!;
    expect(within(past).getByText('Cardiology, City General Hospital · Ward 2 · bed 2B')).toBeVisible();
    expect(within(past).queryByText('In hospital')).toBeNull();
    expect(within(past).getByText(/^Discharged .*5 Oct/)).toBeVisible();

    expect(screen.getByText(/Visit with Dr Dana Reyes \(Cardiology\)/)).toBeVisible();
  });

  it('lists visits booked ahead on their own, soonest first, above the history', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const visit = (id: string, at: string, status: string, specialization: string) => ({
      __typename: 'TimelineEntryEdge',
      node: entry(id, 'APPOINTMENT', at, {
        appointment: {
          __typename: 'Appointment',
          id,
          status,
          doctor: { ...doctor, id: `doctor-${id}`, specialization },
        },
      }),
    });
    // Newest first, as the API sends it.
    renderTimeline([
      visit('far', inDays(22), 'CONFIRMED', 'Cardiology'),
      visit('near', inDays(2), 'CONFIRMED', 'Endocrinology'),
      visit('past', inDays(-9), 'COMPLETED', 'Dermatology'),
    ]);

    const visits = (region: HTMLElement) =>
      within(region)
        .getAllByRole('listitem')
        .map((item) => /\((\w+)\)/.exec(item.textContent ?? '')?.[1]);
    const upcoming = await screen.findByRole('region', { name: 'Upcoming visits' });
    expect(visits(upcoming)).toEqual(['Endocrinology', 'Cardiology']);
    expect(visits(screen.getByRole('region', { name: 'Timeline' }))).toEqual(['Dermatology']);
  });

  it('lists the vitals as a table, oldest first, with one decimal of weight and a dash for what was not taken', async () => {
    const vitals = (id: string, recordedAt: string, values: object) => ({
      __typename: 'MedicalRecordEdge',
      node: {
        __typename: 'MedicalRecord',
        id,
        recordedAt,
        vitals: {
          __typename: 'Vitals',
          systolic: null,
          diastolic: null,
          heartRate: null,
          temperatureC: null,
          weightKg: null,
          ...values,
        },
      },
    });
    const { user } = renderApp({
      path: '/patient/records',
      signedInAs: testUsers.patient,
      mocks: [
        {
          request: { query: MyRecordsQuery, variables: {} },
          result: patient({ timeline: page('TimelineEntryConnection', []) }),
        },
        {
          request: { query: MyVitalsQuery, variables: {} },
          result: patient({
            medicalRecords: page('MedicalRecordConnection', [
              vitals('r2', '2026-11-23T15:00:00Z', { systolic: 135, diastolic: 93, heartRate: 67, weightKg: 72 }),
              vitals('r1', '2026-10-17T13:30:00Z', { heartRate: 72, weightKg: 72.5 }),
            ]),
          }),
        },
      ],
    });

    await user.click(await screen.findByText('Show the vitals as a table'));
    const table = screen.getByRole('table', { name: 'Vitals by date' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Date', 'Blood pressure (mmHg)', 'Heart rate (bpm)', 'Weight (kg)'],
      ['17 Oct 2026', '—', '72', '72.5'],
      ['23 Nov 2026', '135/93', '67', '72.0'],
    ]);
  });
});
