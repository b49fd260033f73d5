import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { CreateMedicalRecordMutation, PatientChartQuery } from './operations';

const patientId = 'patient-1';

const chart = {
  __typename: 'Patient',
  id: patientId,
  firstName: 'Pat',
  lastName: 'Jones',
  dateOfBirth: '1985-04-12',
  gender: 'female',
  phone: '+44 20 7946 0000',
  bloodGroup: 'O+',
  allergies: ['Penicillin'],
  chronicConditions: ['Asthma'],
  currentMedications: [],
  surgeries: [],
  familyHistory: [],
  emergencyContacts: [],
  activePrescriptions: { __typename: 'PrescriptionConnection', totalCount: 0, edges: [] },
  timeline: {
    __typename: 'TimelineEntryConnection',
    totalCount: 1,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    edges: [
      {
        __typename: 'TimelineEntryEdge',
        node: {
          __typename: 'TimelineEntry',
          id: 'a1',
          kind: 'APPOINTMENT',
          at: '2026-03-03T09:30:00.000Z',
          appointment: {
            __typename: 'Appointment',
            id: 'a1',
            startsAt: '2026-03-03T09:30:00.000Z',
            status: 'CHECKED_IN',
            reason: 'Sore throat',
            doctor: {
              __typename: 'Doctor',
              id: '00000000-0000-4000-8000-0000000000d1',
              firstName: 'Dana',
              lastName: 'Reyes',
            },
          },
          prescription: null,
          medicalRecord: null,
          admission: null,
        },
      },
    ],
  },
};

const chartMock = {
  request: { query: PatientChartQuery, variables: { id: patientId } },
  result: { data: { patient: chart } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

async function openForm(mocks: object[] = []) {
  const view = renderApp({
    path: `/doctor/patients/${patientId}?appointment=a1`,
    signedInAs: testUsers.doctor,
    mocks: [chartMock, ...(mocks as never[])],
  });
  expect(await screen.findByRole('heading', { name: 'Pat Jones' })).toBeVisible();
  expect(screen.getByText('Penicillin')).toBeVisible();
  await view.user.click(screen.getByRole('button', { name: 'Write record' }));
  expect(await screen.findByRole('heading', { name: 'Write record' })).toBeVisible();
  return view;
}

describe('RecordForm', () => {
  it('explains bad codes and implausible vitals next to the fields and sends nothing', async () => {
    const { user, requests } = await openForm();

    await user.click(screen.getByRole('button', { name: 'Add diagnosis by hand' }));
    await user.type(screen.getByLabelText('Code 1'), 'XYZ');
    await user.type(screen.getByLabelText('Description 1'), 'Something');
    await user.type(screen.getByLabelText('Temperature (°C)'), '50');
    await user.type(screen.getByLabelText('Heart rate (bpm)'), '300');
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '110');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '120');
    await user.click(screen.getByRole('button', { name: 'Save record' }));

    expect(await screen.findByText('Enter an ICD-10 code like J06.9.')).toBeVisible();
    expect(screen.getByText('Enter a value between 30 and 45.')).toBeVisible();
    expect(screen.getByText('Enter a value between 20 and 250.')).toBeVisible();
    expect(screen.getByText('Diastolic must be lower than systolic.')).toBeVisible();
    expect(screen.getByLabelText('Code 1')).toHaveAttribute('aria-invalid', 'true');
    expect(requests).not.toContain('CreateMedicalRecord');
  });

  it('fills code and description from the bundled ICD-10 lookup', async () => {
    const { user } = await openForm();

    await user.type(screen.getByRole('combobox', { name: 'Look up an ICD-10 code' }), 'j06');
    await user.click(await screen.findByRole('button', { name: /J06\.9/ }));

    expect(screen.getByLabelText('Code 1')).toHaveValue('J06.9');
    expect(screen.getByLabelText('Description 1')).toHaveValue('Acute upper respiratory infection, unspecified');
  });

  it("shows the server's field errors next to the fields", async () => {
    const { user, requests } = await openForm([
      {
        request: {
          query: CreateMedicalRecordMutation,
          variables: {
            input: {
              patientId,
              appointmentId: 'a1',
              type: 'CONSULTATION',
              diagnoses: [],
              symptoms: ['Cough'],
              vitals: { heartRate: 80 },
              notes: null,
              followUpDate: null,
            },
          },
        },
        result: {
          errors: [
            {
              message: 'Invalid input',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'input.vitals.heartRate', message: 'Heart rate does not fit this patient.' }],
              },
            },
          ],
        },
      },
    ]);

    await user.type(screen.getByLabelText('Symptoms'), 'Cough');
    await user.type(screen.getByLabelText('Heart rate (bpm)'), '80');
    await user.click(screen.getByRole('button', { name: 'Save record' }));

    await waitFor(() => expect(requests).toContain('CreateMedicalRecord'));
    expect(await screen.findByText('Heart rate does not fit this patient.')).toBeVisible();
    expect(screen.getByLabelText('Heart rate (bpm)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Some details need correcting');
  });
});
