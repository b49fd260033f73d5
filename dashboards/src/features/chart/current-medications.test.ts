import { describe, expect, it } from 'vitest';
import { currentMedications } from './current-medications';

const doctor = { id: 'd1', firstName: 'Gerald', lastName: 'Runolfsdottir' };
const metformin = {
  status: 'ACTIVE',
  items: [{ medication: 'Metformin 500 mg', dosage: '1 tablet', frequency: 'twice daily' }],
  doctor,
};

describe('currentMedications', () => {
  it('lists a medicine both prescribed and on the patient’s own list once, saying so', () => {
    expect(currentMedications([metformin], ['Metformin 500 mg twice daily', 'Lisinopril 10 mg once daily'])).toEqual([
      'Metformin 500 mg 1 tablet, twice daily (Dr Gerald Runolfsdottir; on the patient’s own list too)',
      'Lisinopril 10 mg once daily (reported by the patient)',
    ]);
  });

  it('keeps a reported strength that differs from the prescription, marked', () => {
    expect(currentMedications([metformin], ['metformin 1000 mg daily'])).toEqual([
      'Metformin 500 mg 1 tablet, twice daily (Dr Gerald Runolfsdottir)',
      'metformin 1000 mg daily (reported by the patient; not as prescribed)',
    ]);
  });

  it('leaves out prescriptions no longer active', () => {
    expect(currentMedications([{ ...metformin, status: 'COMPLETED' }], ['Metformin 500 mg twice daily'])).toEqual([
      'Metformin 500 mg twice daily (reported by the patient)',
    ]);
  });
});

describe('currentMedications beyond the prescriptions read', () => {
  it('says how many more active prescriptions the timeline holds, before the patient’s own list', () => {
    expect(currentMedications([metformin], ['Aspirin 75 mg'], 2)).toEqual([
      'Metformin 500 mg 1 tablet, twice daily (Dr Gerald Runolfsdottir)',
      '… and 2 more active prescriptions (in the timeline)',
      'Aspirin 75 mg (reported by the patient)',
    ]);
  });
});
