import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { doctorProfile } from '../../test/doctors';
import { renderApp, testUsers } from '../../test/render-app';
import { HospitalsQuery } from '../organisation/operations';
import { AdminDoctorsQuery } from './operations';

const SURREY = '00000000-0000-4000-8000-0000000000a1';
const CITY = '00000000-0000-4000-8000-0000000000a2';
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
        departments: [],
      })),
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** The doctors the API lists for each search: `Dana` in Surrey, everyone else nowhere. */
const doctors = (asked: { search?: string; hospitalId?: string }[]) => ({
  request: {
    query: AdminDoctorsQuery,
    variables: (variables: { search?: string; hospitalId?: string }) => {
      asked.push({ search: variables.search, hospitalId: variables.hospitalId });
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
    const asked: { search?: string; hospitalId?: string }[] = [];
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
});
