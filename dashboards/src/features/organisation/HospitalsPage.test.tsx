import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { BedAvailabilitySubscription, HospitalBedsQuery, HospitalsQuery } from './operations';

const hospitalId = '00000000-0000-4000-8000-00000000a001';
const department = { __typename: 'Department', id: '00000000-0000-4000-8000-00000000d001', name: 'Cardiology' };

describe('HospitalsPage', () => {
  it('shows availability per department and each bed with its patient, updated live', async () => {
    renderApp({
      path: '/admin/hospitals',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: { query: HospitalsQuery },
          result: {
            data: {
              hospitals: [
                {
                  __typename: 'Hospital',
                  id: hospitalId,
                  name: 'City General Hospital',
                  code: 'CGH',
                  address: null,
                  timezone: 'Europe/Berlin',
                  currency: 'EUR',
                  departments: [department],
                },
              ],
            },
          },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
        {
          request: { query: HospitalBedsQuery, variables: { hospitalId } },
          result: {
            data: {
              hospitals: [
                {
                  __typename: 'Hospital',
                  id: hospitalId,
                  departments: [
                    {
                      ...department,
                      beds: [
                        {
                          __typename: 'Bed',
                          id: 'b1',
                          ward: 'Ward 1',
                          label: '1A',
                          status: 'OCCUPIED',
                          admission: {
                            __typename: 'Admission',
                            id: 'a1',
                            admittedAt: '2026-11-30T08:00:00.000Z',
                            patient: { __typename: 'Patient', id: 'p1', firstName: 'Pat', lastName: 'Jones' },
                          },
                        },
                        {
                          __typename: 'Bed',
                          id: 'b2',
                          ward: 'Ward 1',
                          label: '1B',
                          status: 'AVAILABLE',
                          admission: null,
                        },
                      ],
                    },
                  ],
                },
              ],
              bedAvailability: [
                {
                  __typename: 'DepartmentBeds',
                  department: { __typename: 'Department', id: department.id },
                  total: 2,
                  available: 1,
                  occupied: 1,
                },
              ],
            },
          },
        },
        {
          request: { query: BedAvailabilitySubscription, variables: { hospitalId } },
          result: {
            data: {
              bedAvailabilityChanged: [
                { __typename: 'DepartmentBeds', department, total: 2, available: 0, occupied: 2 },
              ],
            },
          },
          delay: 200,
        },
      ],
    });
    const row = (await screen.findByText('Ward 1 · 1A', {}, { timeout: 5000 })).closest('tr')!;
    expect(within(row).getByText('Occupied')).toBeVisible();
    expect(within(row).getByText('Pat Jones')).toBeVisible();
    expect(within(row).getByRole('button', { name: 'Discharge…' })).toBeVisible();
    const free = screen.getByText('Ward 1 · 1B').closest('tr')!;
    expect(within(free).getByRole('button', { name: 'Admit…' })).toBeVisible();
    const availability = screen.getByRole('region', { name: 'Bed availability' });
    expect(await within(availability).findByText(/live/)).toBeVisible();
    expect(within(availability).getByText(/of 2 free/).parentElement).toHaveTextContent('0 of 2 free');
  });
});
