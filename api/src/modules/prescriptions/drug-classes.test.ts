import { describe, expect, it } from 'vitest';
import { allergyCovers, DRUG_CLASSES, duplicates, identifyMedication, normalizeDrugText } from './drug-classes.js';

describe('the drug-class table', () => {
  it('lists every member once across classes, so a drug never belongs to two classes by accident', () => {
    const members = DRUG_CLASSES.flatMap((drugClass) => drugClass.members);
    expect(new Set(members).size).toBe(members.length);
    for (const drugClass of DRUG_CLASSES) {
      expect(drugClass.atc.length).toBeGreaterThan(0);
      expect(drugClass.members.every((member) => member === member.toLowerCase())).toBe(true);
    }
  });
});

describe('identifyMedication', () => {
  it.each([
    ['Amoxicillin', 'amoxicillin', 'penicillins'],
    ['AMOXICILLIN 500MG', 'amoxicillin', 'penicillins'],
    ['Amoxicillin 500 mg capsules', 'amoxicillin', 'penicillins'],
    ['Co-Amoxiclav 625 mg', 'co amoxiclav', 'penicillins'],
    ['Ibuprofen 400 mg tablets', 'ibuprofen', 'nsaids'],
    ['Atorvastatin 20mg', 'atorvastatin', 'statins'],
  ])('reads %s as %s of %s', (written, substance, classKey) => {
    const identity = identifyMedication(written);
    expect(identity.substance).toBe(substance);
    expect(identity.classes.map((drugClass) => drugClass.key)).toEqual([classKey]);
  });

  it('keeps an unknown medication by its name, without strength and form', () => {
    expect(identifyMedication('Metformin 500 mg tablets')).toEqual({ substance: 'metformin', classes: [] });
  });

  it('does not match part of a word', () => {
    expect(normalizeDrugText('Ampicillin-Sulbactam')).toBe('ampicillin sulbactam');
    expect(identifyMedication('Tetracaine gel').classes).toEqual([]);
  });
});

describe('allergyCovers', () => {
  it.each([
    ['Penicillin', 'Amoxicillin', 'Penicillins'],
    ['penicillins (anaphylaxis 2019)', 'Flucloxacillin 500 mg', 'Penicillins'],
    ['Sulfonamides', 'Sulfamethoxazole', 'Sulfonamide antibiotics'],
    ['Aspirin', 'Ibuprofen', 'NSAIDs'],
    ['Ibuprofen', 'ibuprofen 200 mg', undefined],
  ])('an allergy to %s covers %s', (allergy, medication, label) => {
    const match = allergyCovers(allergy, identifyMedication(medication));
    expect(match?.allergy).toBe(allergy);
    expect(match?.drugClass?.label).toBe(label);
  });

  it.each([
    ['Penicillin', 'Azithromycin'],
    ['Penicillin', 'Cefalexin'],
    ['Peanuts', 'Amoxicillin'],
    ['Latex', 'Ibuprofen'],
    ['', 'Ibuprofen'],
  ])('an allergy to %s does not cover %s', (allergy, medication) => {
    expect(allergyCovers(allergy, identifyMedication(medication))).toBeUndefined();
  });
});

describe('duplicates', () => {
  it('finds the same substance and a shared class, not different classes', () => {
    expect(duplicates(identifyMedication('Omeprazole 20 mg'), identifyMedication('omeprazole 40mg'))).toEqual({});
    expect(duplicates(identifyMedication('Omeprazole'), identifyMedication('Pantoprazole'))?.drugClass?.key).toBe(
      'proton-pump-inhibitors',
    );
    expect(duplicates(identifyMedication('Omeprazole'), identifyMedication('Atorvastatin'))).toBeUndefined();
    expect(duplicates(identifyMedication('Metformin'), identifyMedication('Levothyroxine'))).toBeUndefined();
  });
});
