import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { PatientChartQuery, RequestEmergencyAccessMutation } from './operations';

const patientId = 'patient-2';

const chart = {
  __typename: 'Patient',
  id: patientId,
  firstName: 'Lee',
  lastName: 'Park',
  dateOfBirth: '1970-01-01',
  gender: 'female',
  phone: null,
  bloodGroup: null,
  allergies: ['Latex', 'Peanuts'],
  chronicConditions: ['Type 2 diabetes'],
  currentMedications: ['Metformin 500 mg'],
  surgeries: [],
  familyHistory: [],
  emergencyContacts: [],
  activePrescriptions: { __typename: 'PrescriptionConnection', totalCount: 0, edges: [] },
  timeline: {
    __typename: 'TimelineEntryConnection',
    totalCount: 0,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    edges: [],
  },
};

describe('PatientChartPage', () => {
  it('explains a chart outside the care relationship and opens it under emergency access', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: PatientChartQuery, variables: { id: patientId } },
          result: { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] },
        },
        {
          request: {
            query: RequestEmergencyAccessMutation,
            variables: { patientId, reason: 'Unconscious in A&E, need allergies' },
          },
          result: {
            data: {
              requestEmergencyAccess: {
                __typename: 'EmergencyGrant',
                id: 'grant-1',
                expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
              },
            },
          },
        },
        {
          request: { query: PatientChartQuery, variables: { id: patientId } },
          result: { data: { patient: chart } },
        },
      ],
    });

    expect(await screen.findByText('This patient is not under your care')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Emergency access' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'too short');
    await user.click(within(dialog).getByRole('button', { name: 'Open the chart' }));
    expect(await within(dialog).findByText('Describe the emergency in at least 10 characters.')).toBeVisible();
    expect(requests).not.toContain('RequestEmergencyAccess');

    await user.clear(within(dialog).getByLabelText(/Reason/));
    await user.type(within(dialog).getByLabelText(/Reason/), 'Unconscious in A&E, need allergies');
    await user.click(within(dialog).getByRole('button', { name: 'Open the chart' }));

    expect(await screen.findByRole('heading', { name: 'Lee Park' })).toBeVisible();
    await waitFor(() => expect(requests).toContain('RequestEmergencyAccess'));
    expect(screen.getByText('Latex, Peanuts')).toBeVisible();
    expect(screen.getByText(/under emergency access until/)).toBeVisible();
    expect(screen.getByText('Type 2 diabetes')).toBeVisible();
    // The API's AdministrativeGender code, shown as a word.
    expect(screen.getByText(/· Female/)).toBeVisible();
  });

  it('shows booked visits soonest first above the history, which reads newest first', async () => {
    const day = 86_400_000;
    const visit = (id: string, offset: number, status: string, reason: string) => ({
      __typename: 'TimelineEntry',
      id,
      kind: 'APPOINTMENT',
      at: new Date(Date.now() + offset).toISOString(),
      appointment: {
        __typename: 'Appointment',
        id,
        startsAt: new Date(Date.now() + offset).toISOString(),
        status,
        reason,
        doctor: { __typename: 'Doctor', id: 'doctor-9', firstName: 'Ada', lastName: 'Obi' },
      },
      prescription: null,
      admission: null,
      medicalRecord: null,
    });
    // A record is dated when written: one written since the chart opened is history all the same.
    const record = {
      __typename: 'TimelineEntry',
      id: 'record-1',
      kind: 'MEDICAL_RECORD',
      at: new Date(Date.now() + 60_000).toISOString(),
      appointment: null,
      prescription: null,
      admission: null,
      medicalRecord: {
        __typename: 'MedicalRecord',
        id: 'record-1',
        type: 'CONSULTATION',
        version: 1,
        doctor: { __typename: 'Doctor', id: 'doctor-9', firstName: 'Ada', lastName: 'Obi' },
        appointment: null,
        diagnoses: [],
        symptoms: [],
        vitals: null,
        notes: 'Chest clear, review in a week',
        followUpDate: null,
      },
    };
    // As the API sends them: newest first, so the visit furthest ahead leads.
    const entries = [
      visit('in-a-month', 30 * day, 'CONFIRMED', 'Diabetes review'),
      visit('in-three-days', 3 * day, 'REQUESTED', 'Blood pressure check'),
      record,
      visit('last-week', -7 * day, 'COMPLETED', 'Cough'),
      visit('last-month', -30 * day, 'COMPLETED', 'Knee pain'),
    ];
    renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: PatientChartQuery, variables: { id: patientId } },
          result: {
            data: {
              patient: {
                ...chart,
                timeline: {
                  ...chart.timeline,
                  totalCount: entries.length,
                  edges: entries.map((node) => ({ __typename: 'TimelineEntryEdge', node })),
                },
              },
            },
          },
        },
      ],
    });

    const reasons = (section: HTMLElement) =>
      within(within(section).getByRole('list'))
        .getAllByRole('listitem')
        .map((item) => within(item).getByText(/review|check|Cough|pain|clear/).textContent);
    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    expect(reasons(upcoming)).toEqual(['Blood pressure check', 'Diabetes review']);
    expect(reasons(screen.getByRole('region', { name: 'Timeline' }))).toEqual([
      'Chest clear, review in a week',
      'Cough',
      'Knee pain',
    ]);
  });
});
