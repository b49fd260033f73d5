import { GENDERS, type Gender } from '../patients/gender.js';
import type { Vitals } from '../records/record.types.js';

/** Code systems the FHIR API states on every coded value. */
export const SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  /** ICD-10, the WHO classification: at most one character after the dot (J06.9). */
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  /** ICD-10-CM, the US clinical modification: its codes may go to three more characters (J45.909). */
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  appointmentType: 'http://terminology.hl7.org/CodeSystem/v2-0276',
  /** The clinic's own identifier system for doctors' licence numbers. */
  licenseNumber: 'urn:healthcare-platform:license-number',
} as const;

/** A measurement of the FHIR vital-signs profile: its LOINC code and UCUM unit. */
export interface VitalSign {
  /** Suffix of the Observation id (`<recordId>-<slug>`). */
  readonly slug: string;
  /** The profile the Observation claims (http://hl7.org/fhir/StructureDefinition/<profile>). */
  readonly profile: string;
  readonly loinc: string;
  readonly display: string;
  readonly ucum: string;
  /** How the unit is written for people. */
  readonly unit: string;
}

/** One measured value of a record's vitals. */
export interface SingleVital extends VitalSign {
  readonly kind: 'single';
  readonly field: Exclude<keyof Vitals, 'systolic' | 'diastolic'>;
}

/** The blood pressure panel: systolic and diastolic as components. */
export interface PanelVital extends VitalSign {
  readonly kind: 'panel';
  readonly components: readonly (VitalSign & { readonly field: 'systolic' | 'diastolic' })[];
}

const MM_HG = { ucum: 'mm[Hg]', unit: 'mmHg' } as const;

/**
 * THE mapping of the record's vitals to LOINC and UCUM (the FHIR R4 vital-signs profiles): every
 * Observation, search by code and the CapabilityStatement read it, and nothing else names a code.
 */
export const VITAL_SIGNS: readonly (SingleVital | PanelVital)[] = [
  {
    kind: 'panel',
    slug: 'bp',
    profile: 'bp',
    loinc: '85354-9',
    display: 'Blood pressure panel with all children optional',
    ...MM_HG,
    components: [
      { field: 'systolic', slug: 'bp', profile: 'bp', loinc: '8480-6', display: 'Systolic blood pressure', ...MM_HG },
      { field: 'diastolic', slug: 'bp', profile: 'bp', loinc: '8462-4', display: 'Diastolic blood pressure', ...MM_HG },
    ],
  },
  {
    kind: 'single',
    field: 'temperatureC',
    slug: 'temp',
    profile: 'bodytemp',
    loinc: '8310-5',
    display: 'Body temperature',
    ucum: 'Cel',
    unit: '°C',
  },
  {
    kind: 'single',
    field: 'heartRate',
    slug: 'hr',
    profile: 'heartrate',
    loinc: '8867-4',
    display: 'Heart rate',
    ucum: '/min',
    unit: 'beats/min',
  },
  {
    kind: 'single',
    field: 'respiratoryRate',
    slug: 'rr',
    profile: 'resprate',
    loinc: '9279-1',
    display: 'Respiratory rate',
    ucum: '/min',
    unit: 'breaths/min',
  },
  {
    kind: 'single',
    field: 'oxygenSaturation',
    slug: 'spo2',
    profile: 'oxygensat',
    loinc: '2708-6',
    display: 'Oxygen saturation in Arterial blood',
    ucum: '%',
    unit: '%',
  },
  {
    kind: 'single',
    field: 'weightKg',
    slug: 'wt',
    profile: 'bodyweight',
    loinc: '29463-7',
    display: 'Body weight',
    ucum: 'kg',
    unit: 'kg',
  },
  {
    kind: 'single',
    field: 'heightCm',
    slug: 'ht',
    profile: 'bodyheight',
    loinc: '8302-2',
    display: 'Body height',
    ucum: 'cm',
    unit: 'cm',
  },
];

/** The vital-signs profile's own category and panel code. */
export const VITAL_SIGNS_CATEGORY = 'vital-signs';
export const VITAL_SIGNS_PANEL_PROFILE = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';

/** A stored gender as a FHIR AdministrativeGender code (the column holds only codes; any case read). */
export function administrativeGender(value: string | null | undefined): Gender | undefined {
  const code = value?.trim().toLowerCase();
  return (GENDERS as readonly string[]).includes(code ?? '') ? (code as Gender) : undefined;
}

/**
 * The code system a diagnosis code is stated in. WHO's ICD-10 has at most one character after
 * the dot, so a longer code (E05.90, J45.909, S72.001A) can only be ICD-10-CM and says so; a
 * shorter one is a code of the WHO classification (which ICD-10-CM extends) and is stated as
 * ICD-10. Codes are validated for their shape only (`normaliseIcd10`): the CMS code files are not
 * available from the registries this project installs from.
 */
export function icd10System(code: string): string {
  const [, extension = ''] = code.split('.');
  return extension.length > 1 ? SYSTEMS.icd10cm : SYSTEMS.icd10;
}
