import { Field, ObjectType } from 'type-graphql';

/**
 * The scopes an API client can hold (contract, "Partners"), each with what it lets a partner do
 * in plain words: admins pick from them, patients read them before they consent.
 */
export const SCOPES = {
  'doctors:read': 'See the clinic’s doctors, their working hours and free appointment times.',
  'appointments:read': 'See the appointments of patients who agreed to share their data.',
  'appointments:write': 'Book, cancel and move appointments for patients who agreed to share their data.',
  'patients:read': 'See the name, date of birth and contact details of patients who agreed to share their data.',
  'clinical:read':
    'Read the medical records, prescriptions, allergies and lab results of patients who agreed to share their data.',
  'labs:write': 'Add lab results to the charts of patients who agreed to share their data.',
  'events:read': 'Be told when appointments of patients who agreed to share their data change.',
  'fhir:read': 'Read the data above in the FHIR format used between health systems.',
  'fhir:export': 'Download the data above in bulk, in the FHIR format.',
  'claims:read':
    'For an insurer: see the claims the clinic sends it (the invoice, its lines and the policy) for patients who agreed to share their data.',
  'claims:write': 'For an insurer: record its decisions on those claims (approved, partly approved or rejected).',
} as const satisfies Record<string, string>;

/**
 * The same, as the patient deciding whether to share reads it: what the partner may do with their
 * own data, in the second person (informed consent is given to what one understands).
 */
export const SCOPES_FOR_PATIENT = {
  'doctors:read': 'See the clinic’s doctors, their working hours and free appointment times (nothing about you).',
  'appointments:read': 'See your appointments: when, with whom, and whether they are confirmed.',
  'appointments:write': 'Book, cancel and move appointments for you.',
  'patients:read': 'See your name, date of birth and contact details.',
  'clinical:read': 'Read your medical records, prescriptions, allergies and lab results.',
  'labs:write': 'Add lab results to your chart.',
  'events:read': 'Be told when your appointments change.',
  'fhir:read': 'Read the above in FHIR, the format health systems exchange data in.',
  'fhir:export': 'Download the above in bulk, in the FHIR format.',
  'claims:read':
    'See the insurance claims the clinic sends them for your care: the services billed, the amounts and your policy number.',
  'claims:write': 'Decide those claims: approve, partly approve or reject them (an approval is paid onto your bill).',
} as const satisfies Record<keyof typeof SCOPES, string>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}

/** Parses an OAuth `scope` parameter (space-separated, RFC 6749 §3.3); undefined when malformed. */
export function parseScopeParameter(value: string): string[] | undefined {
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(value)) {
    return undefined;
  }
  return [...new Set(value.split(' '))];
}

@ObjectType({ description: 'A scope an API client can hold, with what it allows in plain words.' })
export class ApiScope {
  @Field({ description: 'The scope as written in tokens and requests, e.g. `patients:read`.' })
  name!: string;

  @Field({ description: 'What a partner holding the scope may do, in plain words for patients and admins.' })
  description!: string;

  @Field({
    description:
      'The same as the patient deciding whether to share reads it: what the partner may do with their own data ("See your appointments").',
  })
  forPatient!: string;
}
