import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { doctorProfile } from '../../test/doctors';
import { renderApp, testUsers } from '../../test/render-app';
import { HospitalsQuery } from '../organisation/operations';
import { AdminDoctorsQuery } from './operations';

const SURREY = '00000000-0000-4000-8000-0000000000a1';
const CITY = '00000000-0000-4000-8000-0000000000a2';
const SURREY_CARDIOLOGY = '00000000-0000-4000-8000-0000000000d1';
const SURREY_NEUROLOGY = '00000000-0000-4000-8000-0000000000d2';
const CITY_CARDIOLOGY = '00000000-0000-4000-8000-0000000000d3';
const departmentsOf: Record<string, { id: string; name: string }[]> = {
  [SURREY]: [
    { id: SURREY_CARDIOLOGY, name: 'Cardiology' },
    { id: SURREY_NEUROLOGY, name: 'Neurology' },
  ],
  [CITY]: [{ id: CITY_CARDIOLOGY, name: 'Cardiology' }],
};
/** Dana is on time off until then. */
const BACK = '2026-12-21T08:00:00.000Z';

const hospitals = {
  request: { query: HospitalsQuery },
  result: {
    data: {
      hospitals: [
        { id: SURREY, name: 'Royal Surrey', currency: 'GBP', timezone: 'Europe/London' },
        { id: CITY, name: 'City General', currency: 'EUR', timezone: 'Europe/Berlin' },
      ].map((hospital) => ({
        __typename: 'Hospital' as const,
        ...hospital,
        code: hospital.name.slice(0, 3).toUpperCase(),
        address: null,
        departments: departmentsOf[hospital.id]!.map((department) => ({
          __typename: 'Department' as const,
          ...department,
        })),
      })),
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** The doctors the API lists for each search: `Dana` in Surrey, everyone else nowhere. */
type Asked = { search?: string; hospitalId?: string; departmentId?: string };
const doctors = (asked: Asked[]) => ({
  request: {
    query: AdminDoctorsQuery,
    variables: (variables: Asked) => {
      asked.push({ search: variables.search, hospitalId: variables.hospitalId, departmentId: variables.departmentId });
      return true;
    },
  },
  result: {
    data: {
      doctors: {
        __typename: 'DoctorConnection' as const,
        totalCount: 1,
        pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: 'c1' },
        edges: [{ __typename: 'DoctorEdge' as const, node: { ...doctorProfile(), active: true, awayUntil: BACK } }],
      },
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
});

describe('DoctorsPage', () => {
  it('finds doctors by name and hospital, both kept in the address, the doctors read once per choice', async () => {
    const asked: Asked[] = [];
    const { user, router } = renderApp({
      path: `/admin/doctors?q=Dana&hospital=${SURREY}`,
      signedInAs: testUsers.admin,
      mocks: [hospitals, doctors(asked)],
    });

    expect(await screen.findByRole('link', { name: 'Dr Dana Reyes' }, { timeout: 15_000 })).toBeVisible();
    expect(screen.getByText('1 doctor')).toBeVisible();
    expect(screen.getByText(`Away until ${formatDay(BACK, viewerTimeZone())}`)).toBeVisible();
    const hospital = await screen.findByRole('combobox', { name: 'Hospital' });
    expect(hospital).toHaveValue(SURREY);
    expect(screen.getByRole('searchbox', { name: 'Find' })).toHaveValue('Dana');
    // The address's hospital asked for at once, not all of them first.
    expect(asked).toEqual([{ search: 'Dana', hospitalId: SURREY }]);

    await user.selectOptions(hospital, 'All hospitals');
    expect(router.state.location.search).toBe('?q=Dana');
    await user.selectOptions(hospital, 'City General');
    expect(new URLSearchParams(router.state.location.search).get('hospital')).toBe(CITY);
    await screen.findByRole('link', { name: 'Dr Dana Reyes' });
    expect(asked).toContainEqual({ search: 'Dana', hospitalId: undefined });
    expect(asked.at(-1)).toEqual({ search: 'Dana', hospitalId: CITY });
  });

  it('narrows to a department, of the chosen hospital or named with its hospital, kept in the address', async () => {
    const asked: Asked[] = [];
    const { user, router } = renderApp({
      path: '/admin/doctors',
      signedInAs: testUsers.admin,
      mocks: [hospitals, doctors(asked)],
    });
    expect(await screen.findByRole('link', { name: 'Dr Dana Reyes' }, { timeout: 15_000 })).toBeVisible();
    const department = await screen.findByRole('combobox', { name: 'Department' });
    // Every hospital's departments, each named with its hospital (two are called Cardiology).
    expect([...department.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      'All departments',
      'Royal Surrey · Cardiology',
      'Royal Surrey · Neurology',
      'City General · Cardiology',
    ]);
    await user.selectOptions(department, 'City General · Cardiology');
    expect(new URLSearchParams(router.state.location.search).get('department')).toBe(CITY_CARDIOLOGY);
    await screen.findByRole('link', { name: 'Dr Dana Reyes' });
    expect(asked.at(-1)).toEqual({ search: undefined, hospitalId: undefined, departmentId: CITY_CARDIOLOGY });

    // A hospital chosen: its own departments by their names; one of another hospital is not asked for.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Hospital' }), 'Royal Surrey');
    expect(
      [...screen.getByRole('combobox', { name: 'Department' }).querySelectorAll('option')].map((o) => o.textContent),
    ).toEqual(['All departments', 'Cardiology', 'Neurology']);
    await screen.findByRole('link', { name: 'Dr Dana Reyes' });
    expect(asked.at(-1)).toEqual({ search: undefined, hospitalId: SURREY, departmentId: undefined });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Department' }), 'Neurology');
    await screen.findByRole('link', { name: 'Dr Dana Reyes' });
    expect(asked.at(-1)).toEqual({ search: undefined, hospitalId: SURREY, departmentId: SURREY_NEUROLOGY });
  });
});
