import { screen, waitFor, within } from '@testing-library/react';
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

const client = (id: string, name: string, insurer: string | null = null) => ({
  __typename: 'ApiClientEdge',
  node: {
    __typename: 'ApiClient',
    id,
    name,
    scopes: insurer ? ['claims:read', 'claims:write'] : ['appointments:read'],
    insurer,
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

/** The scopes an insurer's client takes, besides the others. */
const withClaimScopes = {
  ...listed,
  result: {
    data: {
      ...listed.result.data,
      apiScopes: [
        ...listed.result.data.apiScopes,
        { __typename: 'ApiScope', name: 'claims:read', description: 'Read the insurer’s claims.' },
        { __typename: 'ApiScope', name: 'claims:write', description: 'Decide the insurer’s claims.' },
      ],
    },
  },
};
const insurerInput = { name: 'Northern Health Claims', scopes: ['claims:read'], insurer: 'Northern Health Insurance' };
const insurerListed = {
  ...withClaimScopes,
  result: {
    data: {
      ...withClaimScopes.result.data,
      apiClients: {
        ...listed.result.data.apiClients,
        totalCount: 1,
        edges: [client('c3', insurerInput.name, insurerInput.insurer)],
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

  it('asks for the insurer only with a claims scope, requires it, and sends it', async () => {
    const { user, requests } = renderApp({
      path: '/admin/api-clients',
      signedInAs: testUsers.admin,
      mocks: [
        withClaimScopes,
        {
          request: { query: CreateApiClientMutation, variables: { input: insurerInput } },
          result: {
            data: {
              createApiClient: {
                __typename: 'ApiClientSecret',
                clientSecret: 'secret-once',
                client: { __typename: 'ApiClient', id: 'c3', name: insurerInput.name },
              },
            },
          },
        },
        insurerListed,
      ],
    });

    const form = await screen.findByRole('form', { name: 'New API client' }, { timeout: 10_000 });
    await user.type(within(form).getByLabelText(/Partner name/), insurerInput.name);
    await user.click(within(form).getByText('appointments:read'));
    expect(within(form).queryByLabelText(/Insurer/)).not.toBeInTheDocument();
    await user.click(within(form).getByText('appointments:read'));
    await user.click(within(form).getByText('claims:read'));
    const insurer = within(form).getByLabelText(/Insurer/);
    expect(insurer).toBeRequired();
    expect(
      within(form).getByText('The insurer’s name as it appears on patients’ policies, e.g. Northern Health Insurance.'),
    ).toBeVisible();

    await user.click(within(form).getByRole('button', { name: 'Create client' }));
    // The field links its error text a render after it is marked invalid (Chakra's Field).
    await waitFor(() =>
      expect(insurer).toHaveAccessibleErrorMessage('Give the insurer’s name as patients’ policies give it.'),
    );
    await waitFor(() => expect(insurer).toHaveFocus());
    expect(requests).not.toContain('CreateApiClient');

    await user.type(insurer, `  ${insurerInput.insurer} `);
    await user.click(within(form).getByRole('button', { name: 'Create client' }));
    expect(
      await screen.findByText(
        'Copy the credentials of Northern Health Claims now: the secret is shown only this once.',
      ),
    ).toBeVisible();
    expect(await screen.findByText('Insurer: Northern Health Insurance')).toBeVisible();
  });

  it('sends no insurer once the claims scopes are unticked', async () => {
    const { user } = renderApp({
      path: '/admin/api-clients',
      signedInAs: testUsers.admin,
      mocks: [
        withClaimScopes,
        {
          request: { query: CreateApiClientMutation, variables: { input } },
          result: {
            data: {
              createApiClient: {
                __typename: 'ApiClientSecret',
                clientSecret: 'secret-once',
                client: { __typename: 'ApiClient', id: 'c1', name: input.name },
              },
            },
          },
        },
        {
          ...twoClients,
          result: { data: { ...twoClients.result.data, apiScopes: withClaimScopes.result.data.apiScopes } },
        },
      ],
    });

    const form = await screen.findByRole('form', { name: 'New API client' }, { timeout: 10_000 });
    await user.type(within(form).getByLabelText(/Partner name/), input.name);
    await user.click(within(form).getByText('claims:write'));
    await user.type(within(form).getByLabelText(/Insurer/), 'Northern Health Insurance');
    await user.click(within(form).getByText('claims:write'));
    expect(within(form).queryByLabelText(/Insurer/)).not.toBeInTheDocument();
    await user.click(within(form).getByText('appointments:read'));
    await user.click(within(form).getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText(/^Copy the credentials of Acme Lab now/)).toBeVisible();
  });

  it('shows the server’s words about the insurer beside the insurer field', async () => {
    const { user } = renderApp({
      path: '/admin/api-clients',
      signedInAs: testUsers.admin,
      mocks: [
        withClaimScopes,
        {
          request: { query: CreateApiClientMutation, variables: { input: insurerInput } },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.insurer', message: 'is required with claims:read or claims:write' }],
                },
              },
            ],
          },
        },
      ],
    });

    const form = await screen.findByRole('form', { name: 'New API client' }, { timeout: 10_000 });
    await user.type(within(form).getByLabelText(/Partner name/), insurerInput.name);
    await user.click(within(form).getByText('claims:read'));
    const insurer = within(form).getByLabelText(/Insurer/);
    await user.type(insurer, insurerInput.insurer);
    await user.click(within(form).getByRole('button', { name: 'Create client' }));
    expect(await within(form).findByText('is required with claims:read or claims:write')).toBeVisible();
    await waitFor(() => expect(insurer).toHaveAccessibleErrorMessage('is required with claims:read or claims:write'));
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the insurer an insurer’s client answers claims for', async () => {
    renderApp({
      path: '/admin/api-clients',
      signedInAs: testUsers.admin,
      mocks: [
        {
          ...twoClients,
          result: {
            data: {
              ...twoClients.result.data,
              apiClients: {
                ...twoClients.result.data.apiClients,
                edges: [
                  client('c1', 'Berlin City Labs'),
                  client('c3', 'Northern Health Claims', 'Northern Health Insurance'),
                ],
              },
            },
          },
        },
      ],
    });
    const insurer = (await screen.findByText('Northern Health Claims', {}, { timeout: 10_000 })).closest('tr')!;
    expect(within(insurer).getByText('Insurer: Northern Health Insurance')).toBeVisible();
    const lab = screen.getByText('Berlin City Labs').closest('tr')!;
    expect(within(lab).queryByText(/^Insurer:/)).not.toBeInTheDocument();
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
