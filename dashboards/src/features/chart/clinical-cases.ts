/**
 * One list of clinical-form cases that both validators are tested against: the dashboards'
 * record form (record-validation.ts) and the API's rules (api/src/modules/records/
 * clinical-validation.ts). Each case names the form fields that must be refused, with the
 * client's keys (`code.0`, `description.0`, a vital's name, `followUpDate`, `notes`); an empty
 * list means both sides accept it. No imports, so both projects can read it.
 */
export interface ClinicalCase {
  readonly name: string;
  readonly diagnoses?: readonly { readonly code: string; readonly description: string }[];
  /** Vitals as typed into the form (text). */
  readonly vitals?: Readonly<Record<string, string>>;
  readonly followUpDate?: string;
  readonly notes?: string;
  readonly refused: readonly string[];
}

/** The day the cases are judged on (the client's "today", the server's `now` at noon UTC). */
export const CASES_TODAY = '2026-03-02';

const ACCEPTED_CODES = [
  'J06.9',
  'I10',
  'E11.9',
  'M17.11',
  'S72.001A',
  'U07.1',
  'C4A.1',
  'M1A.0',
  'T36.0X1A',
  'Z00',
  'j06.9',
  ' e11.9 ',
  'O09.A0',
  'T50.Z11A',
  // Shapes the API accepts that the form's old pattern refused (third character C–Z, U after the dot).
  'Y9X',
  'K0U.1',
  'A00.U1',
];
const REFUSED_CODES = ['J6', 'J06.', 'J06.12345', '106.9', 'JJ6.9', 'J06-9', 'J06.9 X', 'ÄB1', 'J0'];

export const CLINICAL_CASES: readonly ClinicalCase[] = [
  ...ACCEPTED_CODES.map((code) => ({
    name: `accepts ICD-10 code "${code}"`,
    diagnoses: [{ code, description: 'A diagnosis' }],
    refused: [],
  })),
  ...REFUSED_CODES.map((code) => ({
    name: `refuses ICD-10 code "${code}"`,
    diagnoses: [{ code, description: 'A diagnosis' }],
    refused: ['code.0'],
  })),
  {
    name: 'refuses an empty code and an empty description',
    diagnoses: [
      { code: 'J06.9', description: 'Cold' },
      { code: '  ', description: '  ' },
    ],
    refused: ['code.1', 'description.1'],
  },
  {
    name: 'refuses a description over 300 characters',
    diagnoses: [{ code: 'I10', description: 'x'.repeat(301) }],
    refused: ['description.0'],
  },
  {
    name: 'accepts a description of 300 characters',
    diagnoses: [{ code: 'I10', description: 'x'.repeat(300) }],
    refused: [],
  },
  {
    name: 'accepts every vital at its bounds',
    vitals: {
      temperatureC: '30',
      systolic: '260',
      diastolic: '20',
      heartRate: '250',
      respiratoryRate: '4',
      oxygenSaturation: '100',
      weightKg: '0.3',
      heightCm: '260',
    },
    refused: [],
  },
  { name: 'accepts a decimal comma', vitals: { temperatureC: '37,5', weightKg: '70,2' }, refused: [] },
  {
    name: 'refuses vitals just outside their bounds',
    vitals: {
      temperatureC: '45.1',
      systolic: '49',
      heartRate: '251',
      respiratoryRate: '3',
      oxygenSaturation: '101',
      weightKg: '0.2',
      heightCm: '19',
    },
    refused: ['temperatureC', 'systolic', 'heartRate', 'respiratoryRate', 'oxygenSaturation', 'weightKg', 'heightCm'],
  },
  { name: 'refuses a fractional heart rate', vitals: { heartRate: '72.5' }, refused: ['heartRate'] },
  { name: 'refuses a vital that is not a number', vitals: { systolic: 'high' }, refused: ['systolic'] },
  {
    name: 'refuses a diastolic not lower than systolic',
    vitals: { systolic: '120', diastolic: '120' },
    refused: ['diastolic'],
  },
  { name: 'accepts a usual blood pressure', vitals: { systolic: '120', diastolic: '80' }, refused: [] },
  { name: 'accepts a follow-up today', followUpDate: CASES_TODAY, refused: [] },
  { name: 'accepts a follow-up next month', followUpDate: '2026-04-02', refused: [] },
  { name: 'refuses a follow-up in the past', followUpDate: '2026-02-27', refused: ['followUpDate'] },
  { name: 'accepts notes of 10,000 characters', notes: 'n'.repeat(10_000), refused: [] },
  { name: 'refuses notes over 10,000 characters', notes: 'n'.repeat(10_001), refused: ['notes'] },
];
