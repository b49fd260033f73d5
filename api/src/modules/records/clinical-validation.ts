import type { FieldProblem } from '../../shared/errors.js';
import { earliestToday } from '../../shared/calendar-days.js';
import { isCalendarDate } from '../../shared/scalars.js';
import { LabFlag, RecordType, type Diagnosis, type LabResult, type Vitals } from './record.types.js';

/**
 * The clinical rules of a medical record's content, as pure functions: ICD-10 codes, plausible
 * vitals, follow-up dates, list sizes and text lengths. Every problem is reported at once, each
 * naming its field path (`input.vitals.systolic`) in plain words and never quoting the value.
 */

/** Bounds shared with the class-validator rules of the input types. */
export const LIMITS = {
  /** Diagnoses, symptoms and lab results, each. */
  items: 20,
  icd10Code: 16,
  diagnosisDescription: 300,
  symptom: 200,
  notes: 10_000,
  labTest: 200,
  labValue: 100,
  labUnit: 30,
  labReferenceRange: 60,
  amendmentReasonMin: 5,
  amendmentReasonMax: 500,
} as const;

/**
 * ICD-10 (WHO and the -CM extension): a letter (U included, e.g. U07.1), a digit, a digit or
 * letter (C4A, M1A), then optionally a dot and one to four more digits or letters (S72.001A).
 */
const ICD10 = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

/** The code in its canonical form (trimmed, upper-case), or undefined when it is not ICD-10. */
export function normaliseIcd10(code: string): string | undefined {
  const canonical = code.trim().toUpperCase();
  return ICD10.test(canonical) ? canonical : undefined;
}

export type VitalName = keyof Vitals;

/** Physiologically plausible ranges: outside them a value is a typo or a unit mix-up. */
export const VITAL_BOUNDS: Readonly<
  Record<VitalName, { readonly min: number; readonly max: number; readonly unit: string; readonly integer: boolean }>
> = {
  temperatureC: { min: 30, max: 45, unit: '°C', integer: false },
  systolic: { min: 50, max: 260, unit: 'mmHg', integer: true },
  diastolic: { min: 20, max: 160, unit: 'mmHg', integer: true },
  heartRate: { min: 20, max: 250, unit: 'beats per minute', integer: true },
  respiratoryRate: { min: 4, max: 70, unit: 'breaths per minute', integer: true },
  oxygenSaturation: { min: 50, max: 100, unit: '%', integer: true },
  weightKg: { min: 0.3, max: 400, unit: 'kg', integer: false },
  heightCm: { min: 20, max: 260, unit: 'cm', integer: false },
};

const VITAL_NAMES = Object.keys(VITAL_BOUNDS) as VitalName[];

/** The content of one version, as stored: absent values are null. */
export interface ClinicalContent {
  type: RecordType;
  diagnoses: Diagnosis[];
  symptoms: string[];
  vitals: Vitals | null;
  labResults: LabResult[];
  notes: string | null;
  followUpDate: string | null;
}

export interface DiagnosisFields {
  readonly code: string;
  readonly description: string;
}

export interface LabResultFields {
  readonly test: string;
  readonly value: string;
  readonly unit?: string | null | undefined;
  readonly referenceRange?: string | null | undefined;
  readonly flag?: LabFlag | null | undefined;
}

export type VitalsFields = { readonly [name in VitalName]?: number | null | undefined };

/**
 * Content as a caller gives it: a field left out (undefined) is not touched; null clears it
 * (a list becomes empty).
 */
export interface ClinicalFields {
  readonly type?: RecordType | null | undefined;
  readonly diagnoses?: readonly DiagnosisFields[] | null | undefined;
  readonly symptoms?: readonly string[] | null | undefined;
  readonly vitals?: VitalsFields | null | undefined;
  readonly labResults?: readonly LabResultFields[] | null | undefined;
  readonly notes?: string | null | undefined;
  readonly followUpDate?: string | null | undefined;
}

export interface CheckedFields {
  /** The given fields, normalised (trimmed, codes upper-cased, empty optional text dropped). */
  readonly changes: Partial<ClinicalContent>;
  readonly problems: FieldProblem[];
}

export interface CheckOptions {
  /** The moment "today" is taken from. */
  readonly now: Date;
  /** Path of the input object in the operation; `input` unless told. */
  readonly prefix?: string;
}

class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Trimmed text, or a problem when it is empty (required) or longer than `max`. */
  text(field: string, value: string, max: number, required: true): string;
  text(field: string, value: string | null | undefined, max: number, required: false): string | undefined;
  text(field: string, value: string | null | undefined, max: number, required: boolean): string | undefined {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (!trimmed) {
      if (required) {
        this.add(field, 'must not be empty');
      }
      return required ? '' : undefined;
    }
    if (trimmed.length > max) {
      this.add(field, `must be at most ${max} characters long`);
    }
    return trimmed;
  }

  /** A list of at most LIMITS.items entries; false (and a problem) when longer. */
  count(field: string, items: readonly unknown[], noun: string): boolean {
    if (items.length > LIMITS.items) {
      this.add(field, `must list at most ${LIMITS.items} ${noun}`);
      return false;
    }
    return true;
  }
}

function checkDiagnoses(problems: Problems, path: string, items: readonly DiagnosisFields[]): Diagnosis[] {
  if (!problems.count(path, items, 'diagnoses')) {
    return [];
  }
  return items.map((item, index) => {
    const code = normaliseIcd10(typeof item.code === 'string' ? item.code : '');
    if (!code) {
      problems.add(
        `${path}.${index}.code`,
        'must be an ICD-10 code: a letter, two digits (or a digit and a letter), then optionally a dot and up to 4 characters, e.g. J06.9',
      );
    }
    const description = problems.text(
      `${path}.${index}.description`,
      item.description,
      LIMITS.diagnosisDescription,
      true,
    );
    return { code: code ?? '', description };
  });
}

function checkSymptoms(problems: Problems, path: string, items: readonly string[]): string[] {
  if (!problems.count(path, items, 'symptoms')) {
    return [];
  }
  return items.map((item, index) => problems.text(`${path}.${index}`, item, LIMITS.symptom, true));
}

function checkVitals(problems: Problems, path: string, vitals: VitalsFields): Vitals | null {
  const result: Vitals = {};
  for (const name of VITAL_NAMES) {
    const value = vitals[name];
    if (value === null || value === undefined) {
      continue;
    }
    const bounds = VITAL_BOUNDS[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.add(`${path}.${name}`, 'must be a number');
      continue;
    }
    if (bounds.integer && !Number.isInteger(value)) {
      problems.add(`${path}.${name}`, 'must be a whole number');
    }
    if (value < bounds.min || value > bounds.max) {
      problems.add(`${path}.${name}`, `must be between ${bounds.min} and ${bounds.max} ${bounds.unit}`);
    }
    result[name] = value;
  }
  if (result.systolic !== undefined && result.diastolic !== undefined && result.diastolic >= result.systolic) {
    problems.add(`${path}.diastolic`, 'must be lower than systolic');
  }
  return Object.keys(result).length > 0 ? result : null;
}

const LAB_FLAGS = new Set<string>(Object.values(LabFlag));

function checkLabResults(problems: Problems, path: string, items: readonly LabResultFields[]): LabResult[] {
  if (!problems.count(path, items, 'lab results')) {
    return [];
  }
  return items.map((item, index) => {
    const at = `${path}.${index}`;
    const result: LabResult = {
      test: problems.text(`${at}.test`, item.test, LIMITS.labTest, true),
      value: problems.text(`${at}.value`, item.value, LIMITS.labValue, true),
    };
    const unit = problems.text(`${at}.unit`, item.unit, LIMITS.labUnit, false);
    const referenceRange = problems.text(`${at}.referenceRange`, item.referenceRange, LIMITS.labReferenceRange, false);
    if (unit !== undefined) {
      result.unit = unit;
    }
    if (referenceRange !== undefined) {
      result.referenceRange = referenceRange;
    }
    if (item.flag !== null && item.flag !== undefined) {
      if (LAB_FLAGS.has(item.flag)) {
        result.flag = item.flag;
      } else {
        problems.add(`${at}.flag`, `must be one of ${[...LAB_FLAGS].join(', ')}`);
      }
    }
    return result;
  });
}

/**
 * Checks and normalises the fields given (left-out fields are neither checked nor returned),
 * so it serves a new record (every field) and an amendment (only what changes) alike.
 */
export function checkClinicalFields(fields: ClinicalFields, options: CheckOptions): CheckedFields {
  const prefix = options.prefix ?? 'input';
  const problems = new Problems();
  const changes: Partial<ClinicalContent> = {};

  if (fields.type !== undefined) {
    if (fields.type === null) {
      problems.add(`${prefix}.type`, 'cannot be cleared');
    } else if (!Object.values(RecordType).includes(fields.type)) {
      problems.add(`${prefix}.type`, `must be one of ${Object.values(RecordType).join(', ')}`);
    } else {
      changes.type = fields.type;
    }
  }
  if (fields.diagnoses !== undefined) {
    changes.diagnoses = checkDiagnoses(problems, `${prefix}.diagnoses`, fields.diagnoses ?? []);
  }
  if (fields.symptoms !== undefined) {
    changes.symptoms = checkSymptoms(problems, `${prefix}.symptoms`, fields.symptoms ?? []);
  }
  if (fields.vitals !== undefined) {
    changes.vitals = fields.vitals === null ? null : checkVitals(problems, `${prefix}.vitals`, fields.vitals);
  }
  if (fields.labResults !== undefined) {
    changes.labResults = checkLabResults(problems, `${prefix}.labResults`, fields.labResults ?? []);
  }
  if (fields.notes !== undefined) {
    changes.notes = problems.text(`${prefix}.notes`, fields.notes, LIMITS.notes, false) ?? null;
  }
  if (fields.followUpDate !== undefined) {
    const date = fields.followUpDate;
    if (date === null) {
      changes.followUpDate = null;
    } else if (!isCalendarDate(date)) {
      problems.add(`${prefix}.followUpDate`, 'must be a calendar day written as YYYY-MM-DD');
    } else if (date < earliestToday(options.now)) {
      problems.add(`${prefix}.followUpDate`, 'must not be in the past');
    } else {
      changes.followUpDate = date;
    }
  }
  return { changes, problems: problems.list };
}

/** The reason an amendment gives, trimmed; or the problem with it. */
export function checkAmendmentReason(
  reason: string,
  field = 'reason',
): { reason: string; problem?: FieldProblem | undefined } {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length < LIMITS.amendmentReasonMin || trimmed.length > LIMITS.amendmentReasonMax) {
    return {
      reason: trimmed,
      problem: {
        field,
        message: `must say why the record is amended, in ${LIMITS.amendmentReasonMin} to ${LIMITS.amendmentReasonMax} characters`,
      },
    };
  }
  return { reason: trimmed };
}

/** The content with the changes laid over it: what the next version will say. */
export function mergeContent(current: ClinicalContent, changes: Partial<ClinicalContent>): ClinicalContent {
  const merged = { ...current };
  for (const key of Object.keys(changes) as (keyof ClinicalContent)[]) {
    if (changes[key] !== undefined) {
      Object.assign(merged, { [key]: changes[key] });
    }
  }
  return merged;
}

/** A canonical JSON text of a value: object keys sorted (jsonb reorders them), undefined left out. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>)
            .filter(([, v]) => v !== undefined && v !== null)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

/** True when two versions say the same thing (absent and null count as equal). */
export function sameContent(a: ClinicalContent, b: ClinicalContent): boolean {
  return canonical(a) === canonical(b);
}
