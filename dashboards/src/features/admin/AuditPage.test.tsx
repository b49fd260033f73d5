import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { AdminAuditEventsQuery } from './operations';

const event = (id: string, overrides: object) => ({
  __typename: 'AuditEvent',
  id,
  at: '2026-11-20T10:00:00.000Z',
  actorId: '00000000-0000-4000-8000-000000000002',
  actorName: 'Dr Dana Reyes (Cardiology)',
  actorRole: 'DOCTOR',
  action: 'READ',
  entityType: 'Patient',
  entityId: '00000000-0000-4000-8000-0000000000a1',
  patientId: '00000000-0000-4000-8000-0000000000a1',
  patientName: 'Ada Lovelace',
  reason: null,
  emergency: false,
  ...overrides,
});

/** One page of the trail: these events, and no more. */
const page = (nodes: object[]) => ({
  data: {
    auditEvents: {
      __typename: 'AuditEventConnection',
      edges: nodes.map((node) => ({ __typename: 'AuditEventEdge', node })),
      pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
    },
  },
});

describe('AuditPage', () => {
  it('highlights emergency accesses', async () => {
    renderApp({
      path: '/admin/audit',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: { query: AdminAuditEventsQuery, variables: { first: 50 } },
          result: {
            data: {
              auditEvents: {
                __typename: 'AuditEventConnection',
                edges: [
                  {
                    __typename: 'AuditEventEdge',
                    node: event('e1', { action: 'EMERGENCY_ACCESS', emergency: true, reason: 'Unconscious in A&E' }),
                  },
                  { __typename: 'AuditEventEdge', node: event('e2', {}) },
                ],
                pageInfo: { __typename: 'PageInfo', endCursor: 'c2', hasNextPage: false },
              },
            },
          },
        },
      ],
    });

    const emergency = (await screen.findByText('Unconscious in A&E', {}, { timeout: 5000 })).closest('tr');
    expect(emergency).not.toBeNull();
    expect(emergency).toHaveAttribute('data-emergency', 'true');
    expect(within(emergency!).getByText('Emergency')).toBeVisible();
    expect(within(emergency!).getByText('EMERGENCY_ACCESS')).toBeVisible();

    const ordinary = screen.getAllByRole('row').find((row) => within(row).queryByText('READ'));
    expect(ordinary).toBeDefined();
    expect(ordinary).not.toHaveAttribute('data-emergency');
    expect(within(ordinary!).queryByText('Emergency')).not.toBeInTheDocument();
    // Whose chart, in words, with the id that narrows the trail to that patient.
    expect(within(ordinary!).getByText('Ada Lovelace')).toBeVisible();
    expect(
      within(ordinary!).getByRole('button', { name: 'Only patient 00000000-0000-4000-8000-0000000000a1' }),
    ).toBeVisible();
    // Each row's "only theirs" says whose events it narrows to (visible text first: the label is in the name).
    expect(
      within(ordinary!).getByRole('button', { name: 'Only theirs: Dr Dana Reyes (Cardiology)' }),
    ).toHaveTextContent('only theirs');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('asks who read or changed one record when its id is clicked', async () => {
    const record = '00000000-0000-4000-8000-0000000000b7';
    renderApp({
      path: '/admin/audit',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: { query: AdminAuditEventsQuery, variables: { first: 50 } },
          result: page([event('e1', { entityType: 'MedicalRecord', entityId: record })]),
        },
        {
          request: { query: AdminAuditEventsQuery, variables: { first: 50, entityId: record } },
          result: page([
            event('e1', { entityType: 'MedicalRecord', entityId: record }),
            event('e3', { entityType: 'MedicalRecord', entityId: record, actorName: 'Dr Sam Okafor (Neurology)' }),
          ]),
        },
      ],
    });

    (await screen.findByRole('button', { name: `Only MedicalRecord ${record}` }, { timeout: 5000 })).click();
    expect(await screen.findByText('Dr Sam Okafor (Neurology)', {}, { timeout: 5000 })).toBeVisible();
    expect(screen.getByLabelText('Record ID')).toHaveValue(record);
  });
});

describe('AuditPage on a phone', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows each event as a card, whole, and the ID filters when asked for or in use', async () => {
    vi.stubGlobal(
      'matchMedia',
      vi.fn(() => ({ matches: true, addEventListener: vi.fn(), removeEventListener: vi.fn() })),
    );
    const { user } = renderApp({
      path: '/admin/audit',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: { query: AdminAuditEventsQuery, variables: { first: 50 } },
          result: page([event('e1', { action: 'EMERGENCY_ACCESS', emergency: true, reason: 'Unconscious in A&E' })]),
        },
        {
          request: {
            query: AdminAuditEventsQuery,
            variables: { first: 50, actorId: '00000000-0000-4000-8000-000000000002' },
          },
          result: page([event('e1', {})]),
        },
      ],
    });
    const events = await screen.findByRole('list', { name: 'Audit events' }, { timeout: 5000 });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const [card] = within(events).getAllByRole('listitem');
    expect(card).toHaveAttribute('data-emergency', 'true');
    for (const text of [
      'Dr Dana Reyes (Cardiology)',
      'EMERGENCY_ACCESS',
      'Ada Lovelace',
      'Unconscious in A&E',
      'doctor',
    ]) {
      expect(within(card!).getByText(text)).toBeVisible();
    }
    // The ID filters wait behind a button, until one is in use.
    expect(screen.queryByLabelText('Actor (user) ID')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Filter by ID…' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Filter by ID…' }));
    await waitFor(() => expect(screen.getByLabelText('Patient ID')).toHaveFocus());
    await user.click(within(card!).getByRole('button', { name: 'Only theirs: Dr Dana Reyes (Cardiology)' }));
    expect(await screen.findByLabelText('Actor (user) ID')).toHaveValue('00000000-0000-4000-8000-000000000002');
    expect(screen.queryByRole('button', { name: 'Filter by ID…' })).not.toBeInTheDocument();
  });
});
