import type { CapabilityStatement } from '@medplum/fhirtypes';
import { SEARCH_PARAMETERS, type FhirType } from './fhir.service.js';

/** How each search parameter is typed, as the CapabilityStatement states it. */
const PARAMETER_TYPES: Readonly<Record<string, 'string' | 'date' | 'reference' | 'token'>> = {
  name: 'string',
  birthdate: 'date',
  date: 'date',
  patient: 'reference',
  practitioner: 'reference',
  status: 'token',
  category: 'token',
  code: 'token',
  specialty: 'token',
  actor: 'reference',
  schedule: 'reference',
  start: 'date',
};

const PROFILES: Partial<Record<FhirType, string[]>> = {
  Observation: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'],
};

/** `GET /fhir/R4/metadata`: what this server serves, read from the same table the searches use. */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    publisher: 'Healthcare Platform',
    kind: 'instance',
    implementation: { description: 'Healthcare Platform FHIR R4 API', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Bearer tokens as for the GraphQL API (partners: an OAuth client-credentials token with fhir:read and the scope of the data); the same access rules; every chart read is audited. Reads and searches take _elements (SUBSETTED summaries); $export takes _type, _since, _elements and _typeFilter.',
        security: {
          cors: false,
          service: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }],
              text: 'Bearer access token from the GraphQL login, or from POST /oauth/token for partner systems',
            },
          ],
        },
        resource: (Object.keys(SEARCH_PARAMETERS) as FhirType[]).map((type) => ({
          type,
          ...(PROFILES[type] ? { supportedProfile: PROFILES[type] } : {}),
          interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
          searchParam: [
            { name: '_count', type: 'number' as const, documentation: 'Page size, capped at 100.' },
            ...SEARCH_PARAMETERS[type].map((name) => ({ name, type: PARAMETER_TYPES[name] ?? 'token' })),
          ],
          ...(type === 'Patient'
            ? {
                operation: [
                  { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
                  { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
                ],
              }
            : {}),
        })),
        // Bulk Data Access IG: NDJSON files for administrators and partners holding `fhir:export`.
        operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' }],
      },
    ],
  };
}
