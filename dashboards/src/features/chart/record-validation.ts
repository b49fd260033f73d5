// `.js` suffixes: the API's tests import this file too (Node ESM resolution); Vite maps them to `.ts`.
import type { CreateMedicalRecordInput, RecordType } from '../../gql/graphql.js';

/**
 * ICD-10 as the API accepts it (after trimming and upper-casing): a letter (U included, e.g.
 * U07.1), a digit, a digit or letter (C4A, M1A), then optionally a dot and one to four digits or
 * letters (S72.001A, T36.0X1A). clinical-cases.ts holds the cases both sides are tested against.
 */
export const ICD10_PATTERN = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

export interface DiagnosisDraft {
  code: string;
  description: string;
}

export const VITAL_FIELDS = [
  { name: 'temperatureC', label: 'Temperature (°C)', min: 30, max: 45, integer: false },
  { name: 'systolic', label: 'Systolic (mmHg)', min: 50, max: 260, integer: true },
  { name: 'diastolic', label: 'Diastolic (mmHg)', min: 20, max: 160, integer: true },
  { name: 'heartRate', label: 'Heart rate (bpm)', min: 20, max: 250, integer: true },
  { name: 'respiratoryRate', label: 'Respiratory rate (/min)', min: 4, max: 70, integer: true },
  { name: 'oxygenSaturation', label: 'SpO₂ (%)', min: 50, max: 100, integer: true },
  { name: 'weightKg', label: 'Weight (kg)', min: 0.3, max: 400, integer: false },
  { name: 'heightCm', label: 'Height (cm)', min: 20, max: 260, integer: false },
] as const;

export type VitalName = (typeof VITAL_FIELDS)[number]['name'];

export interface RecordDraft {
  type: RecordType;
  appointmentId: string;
  diagnoses: DiagnosisDraft[];
  symptoms: string;
  vitals: Record<VitalName, string>;
  notes: string;
  followUpDate: string;
}

export function emptyRecordDraft(appointmentId = ''): RecordDraft {
  return {
    type: 'CONSULTATION',
    appointmentId,
    diagnoses: [],
    symptoms: '',
    vitals: {
      temperatureC: '',
      systolic: '',
      diastolic: '',
      heartRate: '',
      respiratoryRate: '',
      oxygenSaturation: '',
      weightKg: '',
      heightCm: '',
    },
    notes: '',
    followUpDate: '',
  };
}

/** Errors keyed by field name: `code.0`, `description.0`, a vital's name, `followUpDate`. */
export type RecordErrors = Record<string, string>;

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function validateRecord(draft: RecordDraft, today = localToday()): RecordErrors {
  const errors: RecordErrors = {};
  draft.diagnoses.forEach((diagnosis, index) => {
    const code = diagnosis.code.trim().toUpperCase();
    if (!code) {
      errors[`code.${index}`] = 'Enter an ICD-10 code.';
    } else if (!ICD10_PATTERN.test(code)) {
      errors[`code.${index}`] = 'Enter an ICD-10 code like J06.9.';
    }
    if (!diagnosis.description.trim()) {
      errors[`description.${index}`] = 'Describe the diagnosis.';
    } else if (diagnosis.description.trim().length > 300) {
      errors[`description.${index}`] = 'Keep the description under 300 characters.';
    }
  });
  const numbers: Partial<Record<VitalName, number>> = {};
  for (const field of VITAL_FIELDS) {
    const raw = draft.vitals[field.name].trim();
    if (!raw) {
      continue;
    }
    const value = Number(raw.replace(',', '.'));
    if (!Number.isFinite(value)) {
      errors[field.name] = 'Enter a number.';
    } else if (field.integer && !Number.isInteger(value)) {
      errors[field.name] = 'Enter a whole number.';
    } else if (value < field.min || value > field.max) {
      errors[field.name] = `Enter a value between ${field.min} and ${field.max}.`;
    } else {
      numbers[field.name] = value;
    }
  }
  if (numbers.systolic !== undefined && numbers.diastolic !== undefined && numbers.diastolic >= numbers.systolic) {
    errors.diastolic = 'Diastolic must be lower than systolic.';
  }
  if (draft.followUpDate && draft.followUpDate < today) {
    errors.followUpDate = 'The follow-up cannot be in the past.';
  }
  if (draft.notes.trim().length > 10000) {
    errors.notes = 'Keep the notes under 10,000 characters.';
  }
  return errors;
}

export function toRecordInput(patientId: string, draft: RecordDraft): CreateMedicalRecordInput {
  const vitals: Record<string, number> = {};
  for (const field of VITAL_FIELDS) {
    const raw = draft.vitals[field.name].trim();
    if (raw) {
      vitals[field.name] = Number(raw.replace(',', '.'));
    }
  }
  return {
    patientId,
    appointmentId: draft.appointmentId || null,
    type: draft.type,
    diagnoses: draft.diagnoses.map((d) => ({ code: d.code.trim().toUpperCase(), description: d.description.trim() })),
    symptoms: draft.symptoms
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
    vitals: Object.keys(vitals).length > 0 ? vitals : null,
    notes: draft.notes.trim() || null,
    followUpDate: draft.followUpDate || null,
  };
}
