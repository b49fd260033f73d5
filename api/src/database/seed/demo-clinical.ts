import type { Faker } from '@faker-js/faker';
import { findSafetyConflicts, type ActiveMedication } from '../../modules/prescriptions/prescription-safety.js';
import type { Vitals } from '../../modules/records/record.types.js';
import {
  DIAGNOSES,
  SPECIALTY_PATIENTS,
  medicineFor,
  type Diagnosis,
  type Fits,
  type Medicine,
  type Sex,
  type Specialization,
} from './demo-diagnoses.js';

/**
 * The clinical side of a demo visit, so that a clinician looking at the demo finds it plausible: who
 * a specialty sees, what it diagnoses at what age, vital signs that belong to the patient (a child's
 * height and heart rate, an adult whose weight moves by a kilogram between visits, not by twenty),
 * and prescriptions that treat the diagnosis and pass the product's own allergy and duplicate checks.
 */

/** What a visit's choices depend on. */
export interface DemoPatient {
  readonly age: number;
  readonly sex: Sex;
  readonly allergies: readonly string[];
  /** Diagnosis codes of the patient's long-term conditions. */
  readonly conditions: readonly string[];
}

/** Whole years of age on `on` of someone born on `dateOfBirth` (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const birthdayPassed = on.getUTCMonth() + 1 > month || (on.getUTCMonth() + 1 === month && on.getUTCDate() >= day);
  return on.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
}

export function fits(rule: Fits, patient: Pick<DemoPatient, 'age' | 'sex'>): boolean {
  return (
    (rule.minAge === undefined || patient.age >= rule.minAge) &&
    (rule.maxAge === undefined || patient.age <= rule.maxAge) &&
    (rule.sex === undefined || rule.sex === patient.sex)
  );
}

/** What a doctor of this specialty may diagnose in this patient; none when the specialty does not see them. */
export function diagnosesFor(specialty: string, patient: Pick<DemoPatient, 'age' | 'sex'>): readonly Diagnosis[] {
  const seen = SPECIALTY_PATIENTS[specialty as Specialization];
  if (seen && !fits(seen, patient)) {
    return [];
  }
  return DIAGNOSES.filter(
    (diagnosis) => diagnosis.specialties.includes(specialty as Specialization) && fits(diagnosis, patient),
  );
}

/**
 * How often a patient books a specialty, relative to others it sees: someone with a long-term
 * condition it treats comes back for reviews (twice more per condition), everyone else now and then.
 */
export function visitWeight(specialty: string, patient: DemoPatient): number {
  const treated = diagnosesFor(specialty, patient).filter((diagnosis) => patient.conditions.includes(diagnosis.code));
  return 1 + 2 * treated.length;
}

/** Draws items in proportion to their weights (a cumulative table and a binary search per draw). */
export function weightedPicker<T>(rand: Faker, items: readonly { value: T; weight: number }[]): () => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += item.weight;
    cumulative.push(total);
  }
  return () => {
    const target = rand.number.float() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return items[low]!.value;
  };
}

/**
 * What a visit is about: a review of one of the patient's long-term conditions when the specialty
 * treats it (most visits of a patient with one), otherwise one of the specialty's diagnoses that
 * fits the patient. Undefined when the specialty does not see the patient.
 */
export function visitDiagnosis(rand: Faker, specialty: string, patient: DemoPatient): Diagnosis | undefined {
  const options = diagnosesFor(specialty, patient);
  const reviews = options.filter((diagnosis) => patient.conditions.includes(diagnosis.code));
  if (reviews.length > 0 && rand.number.float() < 0.7) {
    return rand.helpers.arrayElement(reviews);
  }
  return options.length > 0 ? rand.helpers.arrayElement(options) : undefined;
}

/** A patient's own vital signs, around which each visit's readings vary. */
export interface VitalsBaseline {
  readonly heightCm: number;
  readonly weightKg: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly heartRate: number;
  readonly respiratoryRate: number;
  readonly oxygenSaturation: number;
}

/** About the middle of the height range at this age, in cm (adults: by sex). */
function typicalHeight(age: number, sex: Sex): number {
  const adult = sex === 'female' ? 165 : 178;
  if (age >= 18) {
    return adult;
  }
  if (age <= 12) {
    return 75 + 6.5 * (Math.max(age, 1) - 1); // 75 cm at one year, about 147 at twelve
  }
  return 146.5 + ((adult - 146.5) * (age - 12)) / 6;
}

/** Resting heart rate and breathing rate ranges at this age. */
function restingRanges(age: number): { heartRate: [number, number]; respiratoryRate: [number, number] } {
  if (age < 3) {
    return { heartRate: [100, 130], respiratoryRate: [24, 34] };
  }
  if (age < 6) {
    return { heartRate: [85, 115], respiratoryRate: [20, 28] };
  }
  if (age < 12) {
    return { heartRate: [75, 100], respiratoryRate: [18, 24] };
  }
  return { heartRate: [60, 85], respiratoryRate: [12, 18] };
}

export function vitalsBaseline(rand: Faker, patient: DemoPatient): VitalsBaseline {
  const heightCm = Math.round(typicalHeight(patient.age, patient.sex) * rand.number.float({ min: 0.94, max: 1.06 }));
  const adult = patient.age >= 18;
  const bmi = adult ? rand.number.float({ min: 19.5, max: 33 }) : rand.number.float({ min: 14.5, max: 20 });
  const hypertensive = patient.conditions.includes('I10');
  const ranges = restingRanges(patient.age);
  return {
    heightCm,
    weightKg: bmi * (heightCm / 100) ** 2,
    systolic: adult
      ? 108 + 0.4 * (patient.age - 18) + rand.number.int({ min: -6, max: 12 }) + (hypertensive ? 16 : 0)
      : 88 + 1.3 * patient.age + rand.number.int({ min: -5, max: 5 }),
    diastolic: adult
      ? 68 + 0.15 * (patient.age - 18) + rand.number.int({ min: -5, max: 7 }) + (hypertensive ? 9 : 0)
      : 52 + 0.9 * patient.age + rand.number.int({ min: -4, max: 4 }),
    heartRate: rand.number.int({ min: ranges.heartRate[0], max: ranges.heartRate[1] }),
    respiratoryRate: rand.number.int({ min: ranges.respiratoryRate[0], max: ranges.respiratoryRate[1] }),
    oxygenSaturation: patient.conditions.includes('J44.9')
      ? rand.number.int({ min: 92, max: 95 })
      : rand.number.int({ min: 96, max: 99 }),
  };
}

/** One visit's readings: the patient's own values, a little different each time, and a fever with some infections. */
export function visitVitals(rand: Faker, baseline: VitalsBaseline, diagnosis: Diagnosis): Vitals {
  const fever = diagnosis.febrile === true && rand.number.float() < 0.6;
  const vary = (value: number, by: number) => Math.round(value + rand.number.float({ min: -by, max: by }));
  return {
    temperatureC: fever
      ? rand.number.float({ min: 37.8, max: 38.9, fractionDigits: 1 })
      : rand.number.float({ min: 36.3, max: 37.2, fractionDigits: 1 }),
    systolic: vary(baseline.systolic, 7),
    diastolic: vary(baseline.diastolic, 5),
    heartRate: vary(baseline.heartRate + (fever ? 12 : 0), 6),
    respiratoryRate: vary(baseline.respiratoryRate + (fever ? 2 : 0), 1),
    oxygenSaturation: Math.min(100, vary(baseline.oxygenSaturation, 1)),
    weightKg: Math.round(baseline.weightKg * rand.number.float({ min: 0.985, max: 1.015 }) * 10) / 10,
    heightCm: baseline.heightCm,
  };
}

/** A prescription item as the seed stores it. */
export interface DemoItem {
  readonly medication: string;
  readonly dosage: string;
  readonly frequency: string;
  readonly durationDays: number;
  readonly instructions?: string;
}

/**
 * The medicines a visit prescribes for its diagnosis: one or two of its treatments in the form for
 * the patient's age, leaving out any the product's safety check would stop — one the patient is
 * allergic to (by name or class), or one that duplicates a medicine still active (`active`) or
 * another of these items. Empty when the diagnosis needs no medicine or all would be stopped.
 */
export function prescriptionFor(
  rand: Faker,
  diagnosis: Diagnosis,
  patient: DemoPatient,
  active: readonly ActiveMedication[],
): DemoItem[] {
  const candidates = diagnosis.treatments
    .map((treatment) => medicineFor(treatment, patient.age))
    .filter((medicine): medicine is Medicine => medicine !== undefined);
  if (candidates.length === 0) {
    return [];
  }
  const wanted = candidates.slice(0, rand.number.int({ min: 1, max: Math.min(2, candidates.length) }));
  const items: DemoItem[] = [];
  for (const medicine of wanted) {
    const item: DemoItem = {
      medication: medicine.medication,
      dosage: medicine.dosage,
      frequency: medicine.frequency,
      durationDays: rand.helpers.arrayElement(medicine.days),
      ...(medicine.instructions ? { instructions: medicine.instructions } : {}),
    };
    if (findSafetyConflicts([...items, item], patient.allergies, active).length === 0) {
      items.push(item);
    }
  }
  return items;
}
