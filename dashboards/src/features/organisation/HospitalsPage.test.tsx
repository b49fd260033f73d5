import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import type { MockLink } from '@apollo/client/testing';
import {
  AdmitPatientMutation,
  BedAvailabilitySubscription,
  HospitalBedsQuery,
  HospitalsQuery,
  PatientSearchQuery,
  SetBedStatusMutation,
  TransferPatientMutation,
  UpdateDepartmentMutation,
  UpdateHospitalMutation,
} from './operations';

const hospitalId = '00000000-0000-4000-8000-00000000a001';
const department = { __typename: 'Department', id: '00000000-0000-4000-8000-00000000d001', name: 'Cardiology' };

/** The beds' answer: 1A occupied by Pat Jones, 1B free or holding `admission`. */
function bedsAnswer(admission: object | null = null) {
  return {
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
                  status: admission ? 'OCCUPIED' : 'AVAILABLE',
                  admission,
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
          available: admission ? 0 : 1,
          occupied: admission ? 2 : 1,
        },
      ],
    },
  };
}

/** One hospital, one department, an occupied bed (1A) and a free one (1B); availability pushed live after 200 ms. */
const hospitalMocks: MockLink.MockedResponse[] = [
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
  { request: { query: HospitalBedsQuery, variables: { hospitalId } }, result: bedsAnswer() },
  {
    request: { query: BedAvailabilitySubscription, variables: { hospitalId } },
    result: {
      data: {
        bedAvailabilityChanged: [{ __typename: 'DepartmentBeds', department, total: 2, available: 0, occupied: 2 }],
      },
    },
    delay: 200,
  },
];

describe('HospitalsPage', () => {
  it('shows availability per department and each bed with its patient, updated live', async () => {
    renderApp({ path: '/admin/hospitals', signedInAs: testUsers.admin, mocks: hospitalMocks });
    const row = (await screen.findByText('Ward 1 · 1A', {}, { timeout: 5000 })).closest('tr')!;
    expect(within(row).getByText('Occupied')).toBeVisible();
    expect(within(row).getByText('Pat Jones')).toBeVisible();
    expect(
      within(row).getByRole('button', { name: 'Discharge Pat Jones from Cardiology, Ward 1 · 1A' }),
    ).toHaveTextContent('Discharge…');
    const free = screen.getByText('Ward 1 · 1B').closest('tr')!;
    expect(within(free).getByText('Available')).toBeVisible();
    expect(within(free).getByRole('button', { name: 'Admit a patient to Cardiology, Ward 1 · 1B' })).toBeVisible();
    const availability = screen.getByRole('region', { name: 'Bed availability' });
    expect(await within(availability).findByText(/live/)).toBeVisible();
    expect(within(availability).getByText(/of 2 free/).parentElement).toHaveTextContent('0 of 2 free');
  });

  it("admits a patient found by name to a free bed in a row of its own, and marks a bed's status", async () => {
    const patient = { __typename: 'Patient', id: 'p2', firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1980-02-03' };
    const { user, requests } = renderApp({
      path: '/admin/hospitals',
      signedInAs: testUsers.admin,
      mocks: [
        ...hospitalMocks,
        {
          request: { query: PatientSearchQuery, variables: { search: 'Ann' } },
          result: {
            data: {
              patients: { __typename: 'PatientConnection', edges: [{ __typename: 'PatientEdge', node: patient }] },
            },
          },
        },
        {
          request: { query: AdmitPatientMutation, variables: { input: { patientId: 'p2', bedId: 'b2' } } },
          result: {
            data: {
              admitPatient: {
                __typename: 'Admission',
                id: 'a2',
                bed: { __typename: 'Bed', id: 'b2', status: 'OCCUPIED' },
              },
            },
          },
        },
        ...(['CLEANING', 'AVAILABLE'] as const).map((status) => ({
          request: { query: SetBedStatusMutation, variables: { id: 'b2', status } },
          result: { data: { setBedStatus: { __typename: 'Bed', id: 'b2', status } } },
        })),
        {
          request: { query: HospitalBedsQuery, variables: { hospitalId } },
          result: bedsAnswer({
            __typename: 'Admission',
            id: 'a2',
            admittedAt: '2026-12-01T09:00:00.000Z',
            patient: { __typename: 'Patient', id: 'p2', firstName: 'Ann', lastName: 'Lee' },
          }),
        },
      ],
    });
    // A bed marked for cleaning offers no admission until it is marked available again.
    const free = (await screen.findByText('Ward 1 · 1B', {}, { timeout: 5000 })).closest('tr')!;
    await user.click(within(free).getByRole('button', { name: 'Mark cleaning: Cardiology, Ward 1 · 1B' }));
    expect(await within(free).findByText('Cleaning')).toBeVisible();
    expect(within(free).queryByRole('button', { name: 'Admit a patient to Cardiology, Ward 1 · 1B' })).toBeNull();
    await user.click(within(free).getByRole('button', { name: 'Mark available: Cardiology, Ward 1 · 1B' }));

    const open = await within(free).findByRole('button', { name: 'Admit a patient to Cardiology, Ward 1 · 1B' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('form', { name: 'Admit a patient to Cardiology, Ward 1 · 1B' });
    // Below the bed's row, across the table: not squeezed into the action column.
    expect(form.closest('td')).toHaveAttribute('colspan', '3');
    expect(within(form).getByRole('button', { name: 'Admit' })).toBeDisabled();
    await user.click(within(form).getByLabelText('Find the patient'));
    await user.paste('Ann');
    await user.selectOptions(await within(form).findByLabelText(/^Patient/), 'Ann Lee (born 3 Feb 1980)');
    await user.click(within(form).getByRole('button', { name: 'Admit' }));
    // The beds are read again: 1B holds Ann Lee, and the form is gone.
    expect(await within(free).findByText('Ann Lee')).toBeVisible();
    expect(screen.queryByRole('form', { name: 'Admit a patient to Cardiology, Ward 1 · 1B' })).toBeNull();
    expect(requests.filter((name) => name.endsWith('BedStatus') || name === 'AdmitPatient')).toEqual([
      'SetBedStatus',
      'SetBedStatus',
      'AdmitPatient',
    ]);
  });

  it('corrects the hospital and renames a department in place', async () => {
    const { user, requests } = renderApp({
      path: '/admin/hospitals',
      signedInAs: testUsers.admin,
      mocks: [
        ...hospitalMocks,
        {
          request: {
            query: UpdateHospitalMutation,
            variables: {
              id: hospitalId,
              input: { name: 'City General Hospital', address: '1 Main Street', timezone: 'Europe/Berlin' },
            },
          },
          result: {
            data: {
              updateHospital: {
                __typename: 'Hospital',
                id: hospitalId,
                name: 'City General Hospital',
                address: '1 Main Street',
                timezone: 'Europe/Berlin',
              },
            },
          },
        },
        {
          request: {
            query: UpdateDepartmentMutation,
            variables: { id: department.id, input: { name: 'Cardiology West' } },
          },
          result: { data: { updateDepartment: { ...department, name: 'Cardiology West' } } },
        },
      ],
    });
    const panel = await screen.findByRole('region', { name: 'Edit City General Hospital' }, { timeout: 5000 });
    expect(within(panel).getByLabelText('Hospital name')).toHaveValue('City General Hospital');
    await user.type(within(panel).getByLabelText('Address'), '1 Main Street');
    await user.click(within(panel).getByRole('button', { name: 'Save hospital' }));
    expect(await within(panel).findByText('Saved.')).toBeVisible();

    const rename = within(panel).getByRole('button', { name: 'Rename' });
    expect(rename).toBeDisabled();
    const name = within(panel).getByLabelText('Name of Cardiology');
    await user.clear(name);
    await user.type(name, 'Cardiology West');
    await user.click(rename);
    // The cache's department is renamed: the field now names it so.
    expect(await within(panel).findByLabelText('Name of Cardiology West')).toHaveValue('Cardiology West');
    expect(requests).toEqual(expect.arrayContaining(['UpdateHospital', 'UpdateDepartment']));
  });

  it('moves an admitted patient to a free bed of the hospital, offered by name', async () => {
    const { user, requests } = renderApp({
      path: '/admin/hospitals',
      signedInAs: testUsers.admin,
      mocks: [
        ...hospitalMocks,
        {
          request: { query: TransferPatientMutation, variables: { admissionId: 'a1', bedId: 'b2' } },
          result: {
            data: {
              transferPatient: {
                __typename: 'Admission',
                id: 'a2',
                bed: { __typename: 'Bed', id: 'b2', status: 'OCCUPIED' },
              },
            },
          },
        },
        // The board read again after the move.
        { request: { query: HospitalBedsQuery, variables: { hospitalId } }, result: bedsAnswer() },
      ],
    });
    await user.click(
      await screen.findByRole('button', { name: 'Move Pat Jones from Cardiology, Ward 1 · 1A' }, { timeout: 5000 }),
    );
    const form = screen.getByRole('form', { name: 'Move Pat Jones to another bed' });
    const choice = within(form).getByRole('combobox', { name: 'Move to' });
    // Only the free bed is offered.
    expect([...choice.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      'Choose a free bed',
      'Cardiology, Ward 1 · 1B',
    ]);
    await user.selectOptions(choice, 'Cardiology, Ward 1 · 1B');
    await user.click(within(form).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Move Pat Jones to another bed' })).toBeNull());
    expect(requests).toContain('TransferPatient');
  });
});
