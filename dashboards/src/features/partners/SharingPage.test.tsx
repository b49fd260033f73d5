import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MySharingQuery } from './operations';

const lab = { __typename: 'ApiClient', id: 'c1', name: 'Berlin City Labs', scopes: ['clinical:read'] };
const insurer = { __typename: 'ApiClient', id: 'c2', name: 'Northern Health Insurance', scopes: ['patients:read'] };

describe('SharingPage', () => {
  it('says per partner whether the patient shares and what it may see, its button described by its name', async () => {
    renderApp({
      path: '/patient/sharing',
      signedInAs: testUsers.patient,
      mocks: [
        {
          request: { query: MySharingQuery },
          result: {
            data: {
              sharingPartners: [lab, insurer],
              myConsents: [
                {
                  __typename: 'Consent',
                  id: 'k1',
                  purpose: 'DATA_SHARING',
                  active: true,
                  grantedAt: '2026-11-16T09:00:00.000Z',
                  revokedAt: null,
                  apiClient: { __typename: 'ApiClient', id: 'c1', name: 'Berlin City Labs' },
                },
              ],
              apiScopes: [
                { __typename: 'ApiScope', name: 'clinical:read', forPatient: 'Read your medical records.' },
                { __typename: 'ApiScope', name: 'patients:read', forPatient: 'See your name and date of birth.' },
              ],
            },
          },
        },
      ],
    });
    const stop = await screen.findByRole('button', { name: 'Stop sharing' }, { timeout: 5000 });
    expect(stop).toHaveAccessibleDescription('Berlin City Labs');
    expect(screen.getByRole('button', { name: 'Share my data' })).toHaveAccessibleDescription(
      'Northern Health Insurance',
    );
    // In the patient's words: what the partner may do with their own data.
    expect(screen.getByText('Read your medical records.')).toBeVisible();
    expect(screen.getByText('Not sharing')).toBeVisible();
  });
});
