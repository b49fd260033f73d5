import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'vitest';
import type { Application } from '../src/server/bootstrap.js';
import { expectValidFhir } from './fhir.js';

/** The manifest a completed bulk export answers (FHIR Bulk Data IG). */
export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: unknown[];
}

/** A bulk-data request as a client sends it: `Prefer: respond-async` unless told otherwise. */
export async function exportCall(
  app: Application,
  path: string,
  token?: string,
  init: { method?: string; prefer?: boolean } = {},
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${app.url}/fhir/R4/${path}`;
  return fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/fhir+json',
      ...(init.prefer === false ? {} : { prefer: 'respond-async' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
}

/** Kick-off, then polls the status URL until the manifest (202s carry X-Progress). */
export async function exportOf(
  app: Application,
  path: string,
  token: string,
): Promise<{ status: string; manifest: ExportManifest }> {
  const kickOff = await exportCall(app, path, token);
  expect(kickOff.status, await kickOff.clone().text()).toBe(202);
  const status = kickOff.headers.get('content-location')!;
  expect(status).toMatch(/\/fhir\/R4\/\$export-status\/[0-9a-f-]{36}$/);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const poll = await exportCall(app, status, token);
    if (poll.status === 200) {
      return { status, manifest: (await poll.json()) as ExportManifest };
    }
    expect(poll.status).toBe(202);
    expect(poll.headers.get('x-progress')).toMatch(/queued|in progress/);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the export did not finish');
}

/** Every line of every file of the manifest, each validated as FHIR R4, by resource type. */
export async function exportedLines(
  app: Application,
  manifest: ExportManifest,
  token: string,
): Promise<Map<string, Resource[]>> {
  const byType = new Map<string, Resource[]>();
  for (const file of manifest.output) {
    const response = await exportCall(app, file.url, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+ndjson');
    const lines = (await response.text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(file.count);
    const resources = lines.map((line) => JSON.parse(line) as Resource);
    resources.forEach((resource) => {
      expect(resource.resourceType).toBe(file.type);
      expectValidFhir(resource);
    });
    byType.set(file.type, resources);
  }
  return byType;
}
