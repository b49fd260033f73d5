import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { MyPatientsQuery, PatientLookupQuery } from './operations';

/** `days` from now at 09:30 UTC. */
const soon = (days: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(9, 30, 0, 0);
  return at.toISOString();
};

const visit = (id: string, startsAt: string, status = 'COMPLETED') => ({
  __typename: 'Appointment',
  id,
  startsAt,
  status,
});

const patient = (
  id: string,
  firstName: string,
  lastName: string,
  dateOfBirth: string,
  gender: string | null,
  visits: { last?: ReturnType<typeof visit>; next?: ReturnType<typeof visit> } = {},
) => ({
  __typename: 'PatientEdge',
  node: {
    __typename: 'Patient',
    id,
    firstName,
    lastName,
    dateOfBirth,
    gender,
    lastVisit: visits.last ? { __typename: 'Appointment', id: visits.last.id, startsAt: visits.last.startsAt } : null,
    nextVisit: visits.next ?? null,
  },
});

const patients = (edges: object[]) => ({
  data: {
    patients: {
      __typename: 'PatientConnection',
      totalCount: edges.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges,
    },
  },
});

describe('PatientsPage', () => {
  it("tells the doctor's patients apart by sex and age, and offers break-the-glass for others of that name", async () => {
    const { user } = renderApp({
      path: '/doctor/patients',
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: MyPatientsQuery, variables: { search: null, withVisits: true, orderBy: 'NAME' } },
          result: patients([
            patient('p1', 'Ada', 'Byron', '1978-12-29', 'female', {
              last: visit('a1', soon(-9)),
              next: visit('a2', soon(5), 'REQUESTED'),
            }),
            patient('p2', 'Ada', 'Byron', '2019-03-02', 'male', { next: visit('a3', soon(0), 'CHECKED_IN') }),
            patient('p3', 'Sam', 'Okafor', '1950-01-15', null, { last: visit('a4', soon(-30)) }),
          ]),
        },
        {
          request: { query: MyPatientsQuery, variables: { search: 'byron', withVisits: true, orderBy: 'NAME' } },
          result: patients([patient('p1', 'Ada', 'Byron', '1978-12-29', 'female')]),
        },
        {
          request: { query: PatientLookupQuery, variables: { search: 'byron' } },
          result: {
            data: {
              patientLookup: [
                {
                  __typename: 'PatientLookupResult',
                  patientId: 'p1',
                  firstName: 'Ada',
                  lastName: 'Byron',
                  dateOfBirth: '1978-12-29',
                  access: 'CARE',
                },
                {
                  __typename: 'PatientLookupResult',
                  patientId: 'p9',
                  firstName: 'Ava',
                  lastName: 'Byron',
                  dateOfBirth: '1990-06-01',
                  access: 'RESTRICTED',
                },
              ],
            },
          },
        },
      ],
    });

    // Two patients of the same name: their sex and age tell them apart.
    const adult = (await screen.findAllByRole('link', { name: 'Ada Byron' }))[0]!.closest('li')!;
    expect(within(adult).getByText(/^Female · Born 29 Dec 1978 \(\d{2}\)$/)).toBeVisible();
    const child = screen.getAllByRole('link', { name: 'Ada Byron' })[1]!.closest('li')!;
    expect(within(child).getByText(/^Male · Born 2 Mar 2019 \(\d\)$/)).toBeVisible();
    const unknown = screen.getByRole('link', { name: 'Sam Okafor' }).closest('li')!;
    expect(within(unknown).getByText(/^Born 15 Jan 1950 \(\d{2}\)$/)).toBeVisible();
    // When the doctor last saw each and will next: a request says so, one checked in is here.
    expect(
      within(adult).getByText(
        `Last seen ${formatDay(soon(-9), viewerTimeZone())} · Next ${formatDateTime(soon(5), viewerTimeZone())} (requested)`,
      ),
    ).toBeVisible();
    expect(within(child).getByText('Not seen yet · Here now')).toBeVisible();
    expect(
      within(unknown).getByText(`Last seen ${formatDay(soon(-30), viewerTimeZone())} · Nothing booked`),
    ).toBeVisible();

    await user.type(screen.getByLabelText('Search by name'), 'byron');
    const others = await screen.findByRole('region', { name: 'Other patients with this name' });
    // Only the patient outside the doctor's care, with a birth date and age, restricted.
    expect(await within(others).findByText(/^Born 1 Jun 1990 \(\d{2}\)$/)).toBeVisible();
    expect(within(others).getByText('Restricted')).toBeVisible();
    expect(within(others).queryByText(/1978/)).toBeNull();
    expect(within(others).getByRole('button', { name: 'Request emergency access to Ava Byron' })).toBeVisible();
  });

  it('orders by when the doctor last saw each patient or will next, kept in the address', async () => {
    const ada = patient('p1', 'Ada', 'Byron', '1978-12-29', 'female', {
      last: visit('a1', soon(-30)),
      next: visit('a2', soon(1), 'CONFIRMED'),
    });
    const sam = patient('p3', 'Sam', 'Okafor', '1950-01-15', null, {
      last: visit('a4', soon(-2)),
      next: visit('a5', soon(3), 'CONFIRMED'),
    });
    const { user, router } = renderApp({
      path: '/doctor/patients?order=next-visit',
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: MyPatientsQuery, variables: { search: null, withVisits: true, orderBy: 'NEXT_VISIT' } },
          result: patients([ada, sam]),
        },
        {
          request: { query: MyPatientsQuery, variables: { search: null, withVisits: true, orderBy: 'LAST_VISIT' } },
          result: patients([sam, ada]),
        },
        {
          request: { query: MyPatientsQuery, variables: { search: null, withVisits: true, orderBy: 'NAME' } },
          result: patients([ada, sam]),
        },
      ],
    });
    const names = () =>
      screen
        .getAllByRole('link')
        .map((link) => link.textContent)
        .filter((name) => /Byron|Okafor/.test(name ?? ''));

    // The address's order is the list's.
    const order = await screen.findByRole('combobox', { name: 'Order by' });
    expect(order).toHaveValue('next-visit');
    await screen.findByRole('link', { name: 'Sam Okafor' });
    expect(names()).toEqual(['Ada Byron', 'Sam Okafor']);

    await user.selectOptions(order, 'last-seen');
    expect(router.state.location.search).toBe('?order=last-seen');
    await vi.waitFor(() => expect(names()).toEqual(['Sam Okafor', 'Ada Byron']));

    // By name, the default: the address says nothing.
    await user.selectOptions(order, 'name');
    expect(router.state.location.search).toBe('');
    await vi.waitFor(() => expect(names()).toEqual(['Ada Byron', 'Sam Okafor']));
  });
});
