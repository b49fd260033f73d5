import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { myListData } from '../../test/my-lists';
import { renderApp, testUsers } from '../../test/render-app';
import { LabSeriesQuery, MyLabOrdersQuery } from './operations';

const doctor = {
  __typename: 'Doctor',
  id: 'doctor-1',
  active: true,
  awayUntil: null,
  firstName: 'Dana',
  lastName: 'Reyes',
};

const result = (
  code: string,
  name: string,
  value: string,
  unit: string | null,
  interpretation: string,
  at: string,
) => ({
  __typename: 'LabResult',
  code,
  name,
  value,
  unit,
  referenceLow: unit ? 3.5 : null,
  referenceHigh: unit ? 5.1 : null,
  interpretation,
  resultedAt: at,
  version: 1,
});

const order = (id: string, status: string, results: object[], orderedAt: string) => ({
  __typename: 'LabOrder',
  id,
  status,
  orderedAt,
  collectedAt: null,
  resultedAt: results.length ? orderedAt : null,
  cancelledAt: null,
  cancelReason: null,
  reviewedAt: null,
  notes: null,
  tests: [{ __typename: 'LabTest', code: '2823-3', name: 'Potassium [Moles/volume] in Serum or Plasma' }],
  results,
  attachments: [],
  doctor,
});

const POTASSIUM = 'Potassium [Moles/volume] in Serum or Plasma';

describe('MyLabResultsPage', () => {
  it('shows results in plain words, a critical one prominently, pending orders, and the trend of a test', async () => {
    renderApp({
      path: '/patient/labs',
      signedInAs: testUsers.patient,
      mocks: [
        {
          request: { query: MyLabOrdersQuery, variables: {} },
          result: {
            data: myListData('labOrders', 'LabOrder', [
              order('o3', 'ORDERED', [], '2026-11-20T09:00:00Z'),
              order(
                'o2',
                'RESULTED',
                [
                  result('2823-3', POTASSIUM, '6.5', 'mmol/L', 'CRITICAL_HIGH', '2026-11-10T09:00:00Z'),
                  result('94500-6', 'SARS-CoV-2 RNA', 'Not detected', null, 'NORMAL', '2026-11-10T09:00:00Z'),
                ],
                '2026-11-09T09:00:00Z',
              ),
              order(
                'o1',
                'RESULTED',
                [result('2823-3', POTASSIUM, '4.2', 'mmol/L', 'NORMAL', '2026-10-10T09:00:00Z')],
                '2026-10-09T09:00:00Z',
              ),
            ]),
          },
        },
        {
          // The trend's test over time: older results than the orders on the page.
          request: { query: LabSeriesQuery, variables: { patientId: testUsers.patient.patient.id, code: '2823-3' } },
          result: {
            data: {
              patient: {
                __typename: 'Patient',
                id: testUsers.patient.patient.id,
                labOrders: {
                  __typename: 'LabOrderConnection',
                  totalCount: 4,
                  edges: [
                    ['o2', '6.5', 'CRITICAL_HIGH', '2026-11-10T09:00:00Z'],
                    ['o1', '4.2', 'NORMAL', '2026-10-10T09:00:00Z'],
                    ['o0', '3.9', 'NORMAL', '2026-09-10T09:00:00Z'],
                  ].map(([id, value, interpretation, at]) => ({
                    __typename: 'LabOrderEdge',
                    node: {
                      __typename: 'LabOrder',
                      id,
                      // An order's every current result, as on the page (the SARS-CoV-2 test of o2's too).
                      results: [
                        result('2823-3', POTASSIUM, value!, 'mmol/L', interpretation!, at!),
                        ...(id === 'o2'
                          ? [result('94500-6', 'SARS-CoV-2 RNA', 'Not detected', null, 'NORMAL', at!)]
                          : []),
                      ],
                    },
                  })),
                },
              },
            },
          },
        },
      ],
    });

    expect(await screen.findByRole('heading', { name: 'My lab results' })).toBeVisible();
    // Both in the phone layout (under the name) and the wide one (its own column).
    expect(await screen.findAllByText(/Far above the normal range/)).toHaveLength(2);
    expect(screen.getByText(/Your doctor has been told at once/)).toBeVisible();
    expect(
      screen.getByText('1 result is outside the normal range. Your doctor will discuss it with you.'),
    ).toBeVisible();
    expect(screen.getByText('All results are in the normal range.')).toBeVisible();
    expect(screen.getByText(/Waiting for results/)).toBeVisible();
    // The trend: potassium over its whole history (from September, before the orders on the page),
    // oldest first; coded results are not charted; the normal range shaded behind it, and named to
    // screen readers.
    const chart = await screen.findByRole('img', {
      name: /Potassium .* from .*Sep.* to .*Nov.*; latest: Your result 6\.5 mmol\/L; normal range 3\.5–5\.1 mmol\/L\.$/,
    });
    expect(chart).toBeInTheDocument();
    expect(screen.getByText(/The latest 3 of 4\./)).toBeVisible();
    const picker = screen.getByLabelText('Test');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([POTASSIUM]);
  });
});
