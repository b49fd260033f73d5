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

describe('RecordsPage', () => {
  it('shows hospital stays in the timeline: where, why, and whether the patient is still in', async () => {
    renderApp({
      path: '/patient/records',
      signedInAs: testUsers.patient,
      mocks: [
        {
          request: { query: MyRecordsQuery, variables: {} },
          result: patient({
            timeline: page('TimelineEntryConnection', [
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
            ]),
          }),
        },
        {
          request: { query: MyVitalsQuery, variables: {} },
          result: patient({ medicalRecords: page('MedicalRecordConnection', []) }),
        },
      ],
    });

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
});
