import { Faker, base, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  diagnosesFor,
  prescriptionFor,
  visitVitals,
  visitWeight,
  vitalsBaseline,
  weightedPicker,
  type DemoPatient,
} from './demo-clinical.js';
import { DIAGNOSES } from './demo-diagnoses.js';

const patient = (overrides: Partial<DemoPatient>): DemoPatient => ({
  age: 40,
  sex: 'female',
  allergies: [],
  conditions: [],
  ...overrides,
});

describe('the demo clinic’s clinical choices', () => {
  it('counts whole years of age, the birthday itself included', () => {
    expect(ageOn('2000-12-06', new Date('2026-12-06T00:00:00Z'))).toBe(26);
    expect(ageOn('2000-12-07', new Date('2026-12-06T23:59:00Z'))).toBe(25);
    expect(ageOn('2025-01-01', new Date('2026-12-06T00:00:00Z'))).toBe(1);
  });

  it('lets a specialty see only whom it treats, with diagnoses that fit their age and sex', () => {
    expect(diagnosesFor('Pediatrics', patient({ age: 30 }))).toEqual([]);
    expect(diagnosesFor('Pediatrics', patient({ age: 4 })).map((d) => d.code)).toContain('H66.90');
    expect(diagnosesFor('Obstetrics and Gynecology', patient({ sex: 'male' }))).toEqual([]);
    expect(diagnosesFor('Cardiology', patient({ age: 9 }))).toEqual([]);
    const child = diagnosesFor('General Practice', patient({ age: 5, sex: 'male' })).map((d) => d.code);
    expect(child).toContain('J06.9');
    expect(child).not.toContain('I10');
    expect(child).not.toContain('N39.0');
  });

  it("keeps a patient's height and most of their weight from one visit to the next", () => {
    const rand = new Faker({ locale: [en, base], seed: 7 });
    const toddler = vitalsBaseline(rand, patient({ age: 2, sex: 'male' }));
    expect(toddler.heightCm).toBeLessThan(95);
    expect(toddler.heartRate).toBeGreaterThanOrEqual(100);
    const adult = vitalsBaseline(rand, patient({ age: 60, sex: 'male' }));
    const flu = DIAGNOSES.find((d) => d.code === 'J06.9')!;
    const visits = Array.from({ length: 20 }, () => visitVitals(rand, adult, flu));
    expect(new Set(visits.map((v) => v.heightCm))).toEqual(new Set([adult.heightCm]));
    const weights = visits.map((v) => v.weightKg!);
    expect(Math.max(...weights) / Math.min(...weights)).toBeLessThan(1.035);
    expect(visits.every((v) => v.diastolic! < v.systolic!)).toBe(true);
  });

  it("prescribes a child's form, and nothing the patient is allergic to or already takes", () => {
    const rand = new Faker({ locale: [en, base], seed: 11 });
    const otitis = DIAGNOSES.find((d) => d.code === 'H66.90')!;
    const forChild = prescriptionFor(rand, otitis, patient({ age: 3 }), []);
    expect(forChild[0]?.medication).toBe('Amoxicillin oral suspension 250 mg/5 ml');
    for (let i = 0; i < 10; i++) {
      const items = prescriptionFor(rand, otitis, patient({ age: 3, allergies: ['Penicillin'] }), []);
      expect(items.map((item) => item.medication)).not.toContain('Amoxicillin oral suspension 250 mg/5 ml');
    }
    const hypertension = DIAGNOSES.find((d) => d.code === 'I10')!;
    const active = [{ prescriptionId: 'earlier', medication: 'Lisinopril 10 mg' }];
    for (let i = 0; i < 10; i++) {
      expect(
        prescriptionFor(rand, hypertension, patient({ age: 60 }), active).map((item) => item.medication),
      ).not.toContain('Lisinopril 10 mg');
    }
  });

  it('draws patients in proportion to their weights, and brings back those with a condition the specialty treats', () => {
    const rand = new Faker({ locale: [en, base], seed: 7 });
    const pick = weightedPicker(rand, [
      { value: 'rare', weight: 1 },
      { value: 'never', weight: 0 },
      { value: 'often', weight: 3 },
    ]);
    const counts = { rare: 0, never: 0, often: 0 };
    for (let draw = 0; draw < 4000; draw += 1) {
      counts[pick() as keyof typeof counts] += 1;
    }
    expect(counts.never).toBe(0);
    expect(counts.often / counts.rare).toBeGreaterThan(2.6);
    expect(counts.often / counts.rare).toBeLessThan(3.4);
    const diabetic = patient({ age: 60, conditions: ['E11.9'] });
    const healthy = patient({ age: 60 });
    expect(visitWeight('Endocrinology', diabetic)).toBe(3);
    expect(visitWeight('Endocrinology', healthy)).toBe(1);
    expect(visitWeight('Dermatology', diabetic)).toBe(1);
  });
});
