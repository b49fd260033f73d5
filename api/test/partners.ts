import { expect } from 'vitest';
import type { Application } from '../src/server/bootstrap.js';
import { expectData, gql } from './graphql.js';

export interface PartnerClient {
  id: string;
  secret: string;
}

export interface TokenResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** An API client made by an administrator through the API (`insurer`: the insurer an insurer's client answers for). */
export async function createPartner(
  app: Application,
  adminToken: string,
  scopes: string[],
  name = 'Acme Labs',
  insurer?: string,
) {
  const data = expectData(
    await gql<{ createApiClient: { client: { id: string }; clientSecret: string } }>(
      app,
      'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } clientSecret } }',
      { token: adminToken, variables: { input: { name, scopes, ...(insurer ? { insurer } : {}) } } },
    ),
  );
  return { id: data.createApiClient.client.id, secret: data.createApiClient.clientSecret } satisfies PartnerClient;
}

/** POST /oauth/token with a form body; Basic client authentication unless `basic` is false. */
export async function requestToken(
  app: Application,
  client: PartnerClient | undefined,
  form: Record<string, string> = { grant_type: 'client_credentials' },
  options: { basic?: boolean; headers?: Record<string, string> } = {},
): Promise<TokenResponse> {
  const basic = options.basic ?? true;
  const body = new URLSearchParams(form);
  if (client && !basic) {
    body.set('client_id', client.id);
    body.set('client_secret', client.secret);
  }
  const response = await fetch(`${app.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(client && basic
        ? {
            authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
          }
        : {}),
      ...options.headers,
    },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A partner's access token (fails the test if the endpoint refuses). */
export async function partnerToken(app: Application, client: PartnerClient, scope?: string): Promise<string> {
  const answer = await requestToken(app, client, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return String(answer.body['access_token']);
}

/** The patient (by their token) consents to sharing their data with the partner (DATA_SHARING). */
export async function consentTo(app: Application, patientToken: string, client: PartnerClient): Promise<void> {
  expectData(
    await gql(app, 'mutation ($id: ID!) { grantConsent(input: { purpose: DATA_SHARING, apiClientId: $id }) { id } }', {
      token: patientToken,
      variables: { id: client.id },
    }),
  );
}
