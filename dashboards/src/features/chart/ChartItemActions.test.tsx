import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { CancelLabOrderMutation, LabSeriesQuery, PatientLabOrdersQuery } from '../labs/operations';
import {
  AmendRecordNotesMutation,
  DiscontinuePrescriptionMutation,
  IssuePrescriptionMutation,
  PatientChartQuery,
  UpdatePatientHistoryMutation,
} from './operations';
import type { RepeatToIssue } from '../prescriptions/RepeatRequests';

const patientId = 'patient-9';
const me = {
  __typename: 'Doctor',
  id: testUsers.doctor.doctor.id,
  active: true,
  awayUntil: null,
  firstName: 'Dana',
  lastName: 'Reyes',
};

const prescriptionNode = (status: string, id = 'rx-1') => ({
  __typename: 'TimelineEntry',
  id,
  kind: 'PRESCRIPTION',
  at: '2026-03-02T10:00:00.000Z',
  appointment: null,
  admission: null,
  medicalRecord: null,
  prescription: {
    __typename: 'Prescription',
    id,
    notes: null,
    status,
    doctor: me,
    appointment: null,
    items: [
      {
        __typename: 'PrescriptionItem',
        medication: 'Amoxicillin',
        dosage: '500 mg',
        frequency: 'three times daily',
        durationDays: 7,
        instructions: null,
      },
    ],
  },
});

const recordNode = {
  __typename: 'TimelineEntry',
  id: 'rec-1',
  kind: 'MEDICAL_RECORD',
  at: '2026-03-01T10:00:00.000Z',
  appointment: null,
  admission: null,
  prescription: null,
  medicalRecord: {
    __typename: 'MedicalRecord',
    id: 'rec-1',
    type: 'CONSULTATION',
    version: 1,
    doctor: me,
    appointment: null,
    diagnoses: [],
    symptoms: [],
    vitals: null,
    notes: 'Sore throat',
    followUpDate: null,
  },
};

const chart = (nodes: object[]) => ({
  request: { query: PatientChartQuery, variables: { id: patientId } },
  result: {
    data: {
      patient: {
        __typename: 'Patient',
        id: patientId,
        firstName: 'Lee',
        lastName: 'Park',
        dateOfBirth: '1970-01-01',
        gender: null,
        phone: null,
        bloodGroup: null,
        allergies: [],
        chronicConditions: [],
        currentMedications: [],
        surgeries: [],
        familyHistory: [],
        emergencyContacts: [],
        activePrescriptions: { __typename: 'PrescriptionConnection', totalCount: 0, edges: [] },
        timeline: {
          __typename: 'TimelineEntryConnection',
          totalCount: nodes.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: nodes.map((node) => ({ __typename: 'TimelineEntryEdge', node })),
        },
      },
    },
  },
});

/** A lab order of the doctor's, as the chart's lab panel reads it. */
const order = (
  status: string,
  cancelReason: string | null,
  id = 'order-1',
  results: object[] = [],
  orderedAt = '2026-03-02T10:00:00.000Z',
) => ({
  __typename: 'LabOrder',
  id,
  status,
  orderedAt,
  collectedAt: null,
  resultedAt: null,
  cancelledAt: cancelReason ? '2026-03-02T11:00:00.000Z' : null,
  cancelReason,
  reviewedAt: null,
  notes: null,
  tests: [{ __typename: 'LabTest', code: '4548-4', name: 'Hemoglobin A1c' }],
  results,
  attachments: [],
  doctor: me,
});

/** The chart's lab panel answering these orders (or, with `code`, its trend that test's history). */
const labOrders = (nodes: object[], code?: string) => ({
  request: code
    ? { query: LabSeriesQuery, variables: { patientId, code } }
    : { query: PatientLabOrdersQuery, variables: { patientId } },
  result: {
    data: {
      patient: {
        __typename: 'Patient',
        id: patientId,
        labOrders: {
          __typename: 'LabOrderConnection',
          totalCount: nodes.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: nodes.map((node) => ({ __typename: 'LabOrderEdge', node })),
        },
      },
    },
  },
});

describe('chart item actions', () => {
  it('discontinues a prescription only with a reason, and amends a record with one', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart([prescriptionNode('ACTIVE'), recordNode]),
        {
          request: { query: DiscontinuePrescriptionMutation, variables: { id: 'rx-1', reason: 'Rash after two days' } },
          result: {
            data: { discontinuePrescription: { __typename: 'Prescription', id: 'rx-1', status: 'DISCONTINUED' } },
          },
        },
        chart([prescriptionNode('DISCONTINUED'), recordNode]),
        {
          request: {
            query: AmendRecordNotesMutation,
            variables: { id: 'rec-1', notes: 'Sore throat, tonsils swollen', reason: 'Added the examination' },
          },
          result: {
            data: {
              amendMedicalRecord: {
                __typename: 'MedicalRecord',
                id: 'rec-1',
                version: 2,
                notes: 'Sore throat, tonsils swollen',
              },
            },
          },
        },
        { ...chart([prescriptionNode('DISCONTINUED'), recordNode]), maxUsageCount: 3 },
      ],
    });

    const discontinue = await screen.findByRole('button', { name: 'Discontinue' });
    // Described by its item (kind, status and time): every active prescription has this button.
    expect(discontinue).toHaveAccessibleDescription(/^Prescription/);
    await user.click(discontinue);
    const stop = await screen.findByRole('alertdialog', { name: 'Discontinue this prescription?' });
    await user.click(within(stop).getByRole('button', { name: 'Discontinue' }));
    expect(await within(stop).findByText('Say why, in a few words.')).toBeVisible();
    expect(requests).not.toContain('DiscontinuePrescription');
    await user.type(within(stop).getByLabelText(/Reason for stopping/), 'Rash after two days');
    await user.click(within(stop).getByRole('button', { name: 'Discontinue' }));
    await waitFor(() => expect(requests).toContain('DiscontinuePrescription'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Discontinue' })).not.toBeInTheDocument());

    const amendButton = await screen.findByRole('button', { name: 'Amend' });
    expect(amendButton).toHaveAccessibleDescription(/^Record/);
    await user.click(amendButton);
    const amend = await screen.findByRole('alertdialog', { name: 'Amend this record' });
    // The notes start from the record's own.
    expect(within(amend).getByLabelText('Notes')).toHaveValue('Sore throat');
    await user.clear(within(amend).getByLabelText('Notes'));
    await user.type(within(amend).getByLabelText('Notes'), 'Sore throat, tonsils swollen');
    await user.click(within(amend).getByRole('button', { name: 'Save amendment' }));
    expect(await within(amend).findByText('Say why you amend the record.')).toBeVisible();
    await user.type(within(amend).getByLabelText(/Reason for the amendment/), 'Added the examination');
    await user.click(within(amend).getByRole('button', { name: 'Save amendment' }));
    await waitFor(() => expect(requests).toContain('AmendRecordNotes'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
  }, 30_000);

  it('repeats a prescription: the prescription form opens with its medications, to change or issue', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart([prescriptionNode('COMPLETED'), prescriptionNode('DISCONTINUED', 'rx-2')]),
        {
          // Issued as the repeat of that prescription: its course is no duplicate of the new one.
          request: {
            query: IssuePrescriptionMutation,
            variables: (variables: { input: Record<string, unknown> }) =>
              variables.input['repeatOfPrescriptionId'] === 'rx-1' && variables.input['repeatRequestId'] === null,
          },
          result: { data: { issuePrescription: { __typename: 'Prescription', id: 'rx-new' } } },
        },
        chart([
          prescriptionNode('COMPLETED'),
          prescriptionNode('DISCONTINUED', 'rx-2'),
          prescriptionNode('ACTIVE', 'rx-new'),
        ]),
      ],
    });
    // A finished course can be repeated; one the doctor stopped cannot (only one button).
    const [repeat, ...others] = await screen.findAllByRole('button', { name: 'Repeat' });
    expect(others).toHaveLength(0);
    expect(repeat).toHaveAccessibleDescription(/^Prescription/);
    await user.click(repeat!);
    // The chart's "Issue prescription" pressed, its form open (its own submit button named alike).
    expect(screen.getByRole('button', { name: 'Issue prescription', pressed: true })).toBeVisible();
    const medication = screen.getByLabelText('Medication');
    expect(medication).toHaveValue('Amoxicillin');
    expect(medication).toHaveFocus();
    expect(screen.getByLabelText('Dosage')).toHaveValue('500 mg');
    expect(screen.getByLabelText('Frequency')).toHaveValue('three times daily');
    expect(screen.getByLabelText('Duration (days)')).toHaveValue('7');
    const form = screen.getByRole('button', { name: 'Issue prescription', pressed: true });
    await user.click(screen.getAllByRole('button', { name: 'Issue prescription' }).find((b) => b !== form)!);
    await waitFor(() => expect(requests).toContain('IssuePrescription'));
    expect(await screen.findByText('The prescription was issued.')).toBeVisible();
  });

  it('answers a patient’s repeat request: the form opens with its medications and note, and issues with its id', async () => {
    const repeatRequest: RepeatToIssue = {
      requestId: 'rr-1',
      note: 'I run out on Friday.',
      items: [
        {
          medication: 'Amoxicillin',
          dosage: '500 mg',
          frequency: 'three times daily',
          durationDays: '7',
          instructions: '',
        },
      ],
    };
    const { user, requests, router } = renderApp({
      path: `/doctor/patients/${patientId}`,
      state: { repeatRequest },
      signedInAs: testUsers.doctor,
      mocks: [
        chart([prescriptionNode('ACTIVE')]),
        {
          request: {
            query: IssuePrescriptionMutation,
            variables: (variables: { input: Record<string, unknown> }) =>
              variables.input['repeatRequestId'] === 'rr-1' && variables.input['patientId'] === patientId,
          },
          result: { data: { issuePrescription: { __typename: 'Prescription', id: 'rx-new' } } },
        },
        chart([prescriptionNode('ACTIVE'), prescriptionNode('ACTIVE', 'rx-new')]),
      ],
    });

    expect(await screen.findByText('Answering the patient’s request for a repeat')).toBeVisible();
    // Back to where the request was: the Today page.
    expect(screen.getByRole('link', { name: '← Today' })).toHaveAttribute('href', '/doctor/today');
    // Taken from the address once: a reload does not open the form for it again.
    await waitFor(() => expect(router.state.location.state).toBeNull());
    expect(screen.getByText(/Their note: I run out on Friday\./)).toBeVisible();
    expect(screen.getByLabelText('Medication')).toHaveValue('Amoxicillin');
    const form = screen.getByRole('button', { name: 'Issue prescription', pressed: true });
    expect(form).toBeVisible();
    const submit = screen.getAllByRole('button', { name: 'Issue prescription' }).find((b) => b !== form)!;
    await user.click(submit);
    expect(await screen.findByText('The repeat prescription was issued; the patient is told.')).toBeVisible();
    expect(requests).toContain('IssuePrescription');
  });

  it('closes a form on Cancel without saying anything was saved', async () => {
    const { user } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [chart([])],
    });
    await user.click(await screen.findByRole('button', { name: 'Write record' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Write record', pressed: true })).toBeNull();
    expect(screen.queryByText('The record was saved.')).toBeNull();
  });

  it('records an allergy found at the visit: one per line, blank and repeated lines dropped, shown at once', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart([]),
        {
          request: {
            query: UpdatePatientHistoryMutation,
            variables: {
              id: patientId,
              input: { allergies: ['Penicillin (rash)', 'Latex'], chronicConditions: ['Asthma'] },
            },
          },
          result: {
            data: {
              updatePatient: {
                __typename: 'Patient',
                id: patientId,
                allergies: ['Penicillin (rash)', 'Latex'],
                chronicConditions: ['Asthma'],
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByText('No known allergies')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Allergies and conditions' }));
    const form = screen.getByRole('form', { name: 'Allergies and conditions' });
    await user.type(within(form).getByLabelText('Allergies'), ' Penicillin (rash) {Enter}{Enter}Latex{Enter}latex');
    await user.type(within(form).getByLabelText('Chronic conditions'), 'Asthma');
    await user.click(within(form).getByRole('button', { name: 'Save allergies and conditions' }));
    expect(await screen.findByText('The allergies and conditions were saved.')).toBeVisible();
    expect(requests).toContain('UpdatePatientHistory');
    // The chart's banner and card read the saved lists (the cache's patient), no reload.
    expect(screen.getByText('Penicillin (rash), Latex')).toBeVisible();
    expect(screen.queryByText('No known allergies')).toBeNull();
    expect(screen.getByText('Asthma')).toBeVisible();
  });

  it('cancels a lab order only with a reason, asked in a dialog (not the browser prompt)', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart([]),
        labOrders([order('ORDERED', null)]),
        {
          request: { query: CancelLabOrderMutation, variables: { orderId: 'order-1', reason: 'Ordered twice' } },
          result: { data: { cancelLabOrder: order('CANCELLED', 'Ordered twice') } },
        },
      ],
    });

    const cancel = await screen.findByRole('button', { name: 'Cancel order' });
    // Described by its order (status, when and by whom): every open order has this button.
    expect(cancel).toHaveAccessibleDescription(/^Ordered\b.*Ordered .* by Dr Dana Reyes/);
    await user.click(cancel);
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel this lab order?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    expect(await within(dialog).findByText('Say why, in a few words.')).toBeVisible();
    expect(requests).not.toContain('CancelLabOrder');
    await user.type(within(dialog).getByLabelText(/Reason for cancelling/), 'Ordered twice');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText('Cancelled: Ordered twice')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument();
  });
});

describe("the chart's lab tests", () => {
  it('offers to mark reviewed the results of a doctor who has left or is away, not those of a colleague at work', async () => {
    const potassium = {
      __typename: 'LabResult',
      code: '2823-3',
      name: 'Potassium [Moles/volume] in Serum or Plasma',
      value: '4.2',
      unit: 'mmol/L',
      referenceLow: 3.5,
      referenceHigh: 5.1,
      interpretation: 'NORMAL',
      resultedAt: '2026-03-03T10:00:00.000Z',
      version: 1,
    };
    const by = (id: string, active: boolean, awayUntil: string | null = null) => ({
      __typename: 'Doctor',
      id,
      active,
      awayUntil,
      firstName: 'Ola',
      lastName: id,
    });
    const orders = [
      { ...order('RESULTED', null, 'o-left', [potassium]), doctor: by('Left', false) },
      { ...order('RESULTED', null, 'o-colleague', [potassium], '2026-03-01T10:00:00.000Z'), doctor: by('Here', true) },
      {
        ...order('RESULTED', null, 'o-away', [potassium], '2026-02-27T10:00:00.000Z'),
        doctor: by('Away', true, '2026-03-09T08:00:00.000Z'),
      },
    ];
    renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [chart([]), labOrders(orders)],
    });
    const [left, colleague, away] = (await screen.findAllByTestId('lab-order')) as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(within(left).getByRole('button', { name: 'Mark reviewed' })).toBeVisible();
    expect(within(left).queryByRole('button', { name: 'Correct results' })).toBeNull();
    expect(within(colleague).queryByRole('button', { name: 'Mark reviewed' })).toBeNull();
    expect(within(colleague).queryByText(/away until/)).toBeNull();
    expect(within(away).getByRole('button', { name: 'Mark reviewed' })).toBeVisible();
    expect(within(away).getByText(/\(away until Mon 9 Mar\b/)).toBeVisible();
  });

  it('shows the two newest orders in full and older ones as a line each, never hiding a critical result', async () => {
    const result = (code: string, name: string, value: string, unit: string, interpretation: string, at: string) => ({
      __typename: 'LabResult',
      code,
      name,
      value,
      unit,
      referenceLow: 4,
      referenceHigh: 5.6,
      interpretation,
      resultedAt: at,
      version: 1,
    });
    const hba1c = (value: string, at: string, interpretation = 'HIGH') =>
      result('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', value, '%', interpretation, at);
    const orders = [
      order('RESULTED', null, 'o4', [hba1c('6.8', '2026-03-03T10:00:00.000Z')], '2026-03-02T10:00:00.000Z'),
      {
        ...order('RESULTED', null, 'o3', [hba1c('7.1', '2025-12-03T10:00:00.000Z')], '2025-12-02T10:00:00.000Z'),
        reviewedAt: '2025-12-04T10:00:00.000Z',
      },
      order(
        'RESULTED',
        null,
        'o2',
        [hba1c('14.2', '2025-09-03T10:00:00.000Z', 'CRITICAL_HIGH')],
        '2025-09-02T10:00:00.000Z',
      ),
      order('RESULTED', null, 'o1', [hba1c('7.8', '2025-06-03T10:00:00.000Z')], '2025-06-02T10:00:00.000Z'),
    ];
    // HbA1c over time: from a year before the newest, older than the orders the panel shows.
    const older = order('RESULTED', null, 'o0', [hba1c('8.2', '2025-03-03T10:00:00.000Z')], '2025-03-02T10:00:00.000Z');
    const { user } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [chart([]), labOrders(orders), labOrders([...orders, older], '4548-4')],
    });

    const cards = await screen.findAllByTestId('lab-order');
    expect(cards).toHaveLength(4);
    const [newest, second, critical, oldest] = cards as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    for (const full of [newest, second, critical]) {
      expect(within(full).getByRole('table')).toBeVisible();
    }
    // The ordering doctor marks results reviewed; a reviewed order says when.
    expect(within(newest).getByRole('button', { name: 'Mark reviewed' })).toHaveAccessibleDescription(/^Results in/);
    expect(within(second).queryByRole('button', { name: 'Mark reviewed' })).not.toBeInTheDocument();
    expect(within(second).getByText(/· reviewed Thu 4 Dec 2025/)).toBeVisible();
    // The oldest: one line, its short name, value and flag; its table on request.
    expect(within(oldest).queryByRole('table')).not.toBeInTheDocument();
    expect(within(oldest).getByText('Hemoglobin A1c')).toBeVisible();
    expect(within(oldest).getByText('7.8 %')).toBeVisible();
    expect(within(oldest).getByText('High')).toBeVisible();
    await user.click(within(oldest).getByRole('button', { name: 'Show details' }));
    expect(within(oldest).getByRole('table')).toBeVisible();
    // The test over time, its whole history read for the chart: five results since March 2025.
    const trend = screen.getByRole('region', { name: 'Over time' });
    expect(
      await within(trend).findByRole('img', { name: /from .*Mar 2025 to .*Mar 2026; latest: Result 6\.8 %/ }),
    ).toBeInTheDocument();
  });
});
