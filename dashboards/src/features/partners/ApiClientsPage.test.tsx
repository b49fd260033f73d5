import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { AdminApiClientsQuery, CreateApiClientMutation } from './operations';

const listed = {
  request: { query: AdminApiClientsQuery, variables: {} },
  result: {
    data: {
      apiClients: {
        __typename: 'ApiClientConnection',
        totalCount: 0,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: [],
      },
      apiScopes: [{ __typename: 'ApiScope', name: 'appointments:read', description: 'Read appointments.' }],
    },
  },
};
const input = { name: 'Acme Lab', scopes: ['appointments:read'] };

const client = (id: string, name: string) => ({
  __typename: 'ApiClientEdge',
  node: {
    __typename: 'ApiClient',
    id,
    name,
    scopes: ['appointments:read'],
    active: true,
    createdAt: '2026-11-01T08:00:00.000Z',
    secretIssuedAt: '2026-11-01T08:00:00.000Z',
    previousSecretValidUntil: null,
    revokedAt: null,
    consentCount: 12,
    webhooks: [],
  },
});
const twoClients = {
  ...listed,
  result: {
    data: {
      ...listed.result.data,
      apiClients: {
        ...listed.result.data.apiClients,
        totalCount: 2,
        edges: [client('c1', 'Berlin City Labs'), client('c2', 'Referral Connect')],
      },
    },
  },
};

describe('ApiClientsPage', () => {
  it('shows the server’s words about a field beside that field', async () => {
    const { user } = renderApp({
      path: '/admin/api-clients',
      signedInAs: testUsers.admin,
      mocks: [
        listed,
        {
          request: { query: CreateApiClientMutation, variables: { input } },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.name', message: 'is already the name of another client' }],
                },
              },
            ],
          },
        },
      ],
    });

    const create = await screen.findByRole('button', { name: 'Create client' }, { timeout: 10_000 });
    await user.type(screen.getByLabelText(/Partner name/), input.name);
    await user.click(screen.getByText('appointments:read'));
    await user.click(create);
    expect(await screen.findByText('is already the name of another client', {}, { timeout: 10_000 })).toBeVisible();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists each partner with what patients share, its actions described by its name', async () => {
    renderApp({
      path: '/admin/api-clients',
      signedInAs: testUsers.admin,
      mocks: [twoClients],
    });
    const rotates = await screen.findAllByRole('button', { name: 'Rotate secret' }, { timeout: 10_000 });
    expect(rotates).toHaveLength(2);
    expect(rotates[0]).toHaveAccessibleDescription('Berlin City Labs');
    expect(rotates[1]).toHaveAccessibleDescription('Referral Connect');
    expect(screen.getAllByRole('button', { name: 'Revoke' })[1]).toHaveAccessibleDescription('Referral Connect');
  });

  it('shows each partner as a card on a phone, everything and its actions in it', async () => {
    vi.stubGlobal(
      'matchMedia',
      vi.fn(() => ({ matches: true, addEventListener: vi.fn(), removeEventListener: vi.fn() })),
    );
    renderApp({ path: '/admin/api-clients', signedInAs: testUsers.admin, mocks: [twoClients] });
    const list = await screen.findByRole('list', { name: 'API clients' }, { timeout: 10_000 });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const [first] = within(list).getAllByRole('listitem');
    expect(within(first!).getByText('Berlin City Labs')).toBeVisible();
    expect(within(first!).getByText('appointments:read')).toBeVisible();
    expect(within(first!).getByText('12 patients share their chart')).toBeVisible();
    expect(within(first!).getByText(/^Secret issued/)).toBeVisible();
    expect(within(first!).getByRole('button', { name: 'Revoke' })).toHaveAccessibleDescription('Berlin City Labs');
  });
});
