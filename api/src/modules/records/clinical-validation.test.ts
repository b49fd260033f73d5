import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  checkAmendmentReason,
  checkClinicalFields,
  mergeContent,
  normaliseIcd10,
  sameContent,
  type ClinicalContent,
} from './clinical-validation.js';
import { earliestToday } from '../../shared/calendar-days.js';
import { LabFlag, RecordType } from './record.types.js';

const now = new Date('2026-03-02T09:30:00.000Z');
const check = (fields: Parameters<typeof checkClinicalFields>[0]) => checkClinicalFields(fields, { now });
const fieldsOf = (fields: Parameters<typeof checkClinicalFields>[0]) => check(fields).problems.map((p) => p.field);

describe('ICD-10 codes', () => {
  it.each(['J06.9', 'I10', 'E11.9', 'M17.11', 'S72.001A', 'U07.1', 'C4A.1', 'T36.0X1A', 'Z00'])(
    'accepts %s',
    (code) => {
      expect(normaliseIcd10(code)).toBe(code);
    },
  );

  it('normalises case and surrounding spaces', () => {
    expect(normaliseIcd10(' j06.9 ')).toBe('J06.9');
    expect(normaliseIcd10('s72.001a')).toBe('S72.001A');
  });

  it.each(['123', 'J6', 'J06.', 'JJ6.9', 'J06.12345', 'J069.1', '', 'J06 9', '.J06', 'J06..9', 'Ä06.9'])(
    'refuses %j',
    (code) => {
      expect(normaliseIcd10(code)).toBeUndefined();
    },
  );

  it('names the diagnosis whose code is wrong, and keeps the others', () => {
    const { problems, changes } = check({
      diagnoses: [
        { code: 'i10', description: 'Essential hypertension' },
        { code: 'JJ6.9', description: 'Nonsense' },
      ],
    });
    expect(problems).toEqual([
      { field: 'input.diagnoses.1.code', message: expect.stringContaining('ICD-10') as string },
    ]);
    expect(changes.diagnoses?.[0]).toEqual({ code: 'I10', description: 'Essential hypertension' });
  });

  it('requires a description', () => {
    expect(fieldsOf({ diagnoses: [{ code: 'I10', description: '   ' }] })).toEqual(['input.diagnoses.0.description']);
  });
});

describe('vitals', () => {
  it('accepts plausible values at the bounds', () => {
    const vitals = {
      temperatureC: 30,
      systolic: 260,
      diastolic: 20,
      heartRate: 250,
      respiratoryRate: 4,
      oxygenSaturation: 100,
      weightKg: 0.3,
      heightCm: 260,
    };
    expect(check({ vitals })).toEqual({ changes: { vitals }, problems: [] });
  });

  it.each([
    ['temperatureC', 29.9, 'must be between 30 and 45 °C'],
    ['temperatureC', 45.1, 'must be between 30 and 45 °C'],
    ['systolic', 49, 'must be between 50 and 260 mmHg'],
    ['systolic', 261, 'must be between 50 and 260 mmHg'],
    ['diastolic', 19, 'must be between 20 and 160 mmHg'],
    ['diastolic', 161, 'must be between 20 and 160 mmHg'],
    ['heartRate', 19, 'must be between 20 and 250 beats per minute'],
    ['heartRate', 251, 'must be between 20 and 250 beats per minute'],
    ['respiratoryRate', 3, 'must be between 4 and 70 breaths per minute'],
    ['respiratoryRate', 71, 'must be between 4 and 70 breaths per minute'],
    ['oxygenSaturation', 49, 'must be between 50 and 100 %'],
    ['oxygenSaturation', 101, 'must be between 50 and 100 %'],
    ['weightKg', 0.2, 'must be between 0.3 and 400 kg'],
    ['weightKg', 401, 'must be between 0.3 and 400 kg'],
    ['heightCm', 19, 'must be between 20 and 260 cm'],
    ['heightCm', 261, 'must be between 20 and 260 cm'],
  ])('refuses %s = %d', (name, value, message) => {
    expect(check({ vitals: { [name]: value } }).problems).toEqual([{ field: `input.vitals.${name}`, message }]);
  });

  it('refuses a diastolic pressure not below the systolic', () => {
    expect(check({ vitals: { systolic: 120, diastolic: 120 } }).problems).toEqual([
      { field: 'input.vitals.diastolic', message: 'must be lower than systolic' },
    ]);
    expect(check({ vitals: { systolic: 120, diastolic: 80 } }).problems).toEqual([]);
    expect(check({ vitals: { diastolic: 150 } }).problems).toEqual([]);
  });

  it('refuses fractions of integer measurements and non-numbers', () => {
    expect(check({ vitals: { heartRate: 72.5 } }).problems).toEqual([
      { field: 'input.vitals.heartRate', message: 'must be a whole number' },
    ]);
    expect(check({ vitals: { weightKg: Number.NaN } }).problems).toEqual([
      { field: 'input.vitals.weightKg', message: 'must be a number' },
    ]);
  });

  it('drops absent measurements, and stores no vitals when none were taken', () => {
    expect(check({ vitals: { heartRate: 70, systolic: null } }).changes.vitals).toEqual({ heartRate: 70 });
    expect(check({ vitals: {} }).changes.vitals).toBeNull();
    expect(check({ vitals: null }).changes.vitals).toBeNull();
  });
});

describe('follow-up date', () => {
  it('accepts today and later, and tolerates the calendar of the earliest time zone', () => {
    expect(earliestToday(now)).toBe('2026-03-01');
    expect(check({ followUpDate: '2026-03-02' }).problems).toEqual([]);
    expect(check({ followUpDate: '2026-03-01' }).problems).toEqual([]);
    expect(check({ followUpDate: '2027-01-01' }).problems).toEqual([]);
  });

  it('refuses a day in the past and a day that does not exist', () => {
    expect(check({ followUpDate: '2026-02-28' }).problems).toEqual([
      { field: 'input.followUpDate', message: 'must not be in the past' },
    ]);
    expect(fieldsOf({ followUpDate: '2026-02-30' })).toEqual(['input.followUpDate']);
  });

  it('may be cleared', () => {
    expect(check({ followUpDate: null })).toEqual({ changes: { followUpDate: null }, problems: [] });
  });
});

describe('sizes and texts', () => {
  const many = <T>(item: (index: number) => T) => Array.from({ length: LIMITS.items + 1 }, (_, index) => item(index));

  it('allows at most 20 diagnoses, symptoms and lab results', () => {
    expect(
      check({
        diagnoses: many(() => ({ code: 'I10', description: 'Hypertension' })),
        symptoms: many((index) => `symptom ${index}`),
        labResults: many(() => ({ test: 'CRP', value: '5' })),
      }).problems,
    ).toEqual([
      { field: 'input.diagnoses', message: 'must list at most 20 diagnoses' },
      { field: 'input.symptoms', message: 'must list at most 20 symptoms' },
      { field: 'input.labResults', message: 'must list at most 20 lab results' },
    ]);
    expect(check({ symptoms: many((index) => `s${index}`).slice(1) }).problems).toEqual([]);
  });

  it('bounds every text', () => {
    const long = (length: number) => 'x'.repeat(length + 1);
    expect(
      fieldsOf({
        diagnoses: [{ code: 'I10', description: long(LIMITS.diagnosisDescription) }],
        symptoms: [long(LIMITS.symptom), ''],
        labResults: [
          {
            test: long(LIMITS.labTest),
            value: '',
            unit: long(LIMITS.labUnit),
            referenceRange: long(LIMITS.labReferenceRange),
          },
        ],
        notes: long(LIMITS.notes),
      }),
    ).toEqual([
      'input.diagnoses.0.description',
      'input.symptoms.0',
      'input.symptoms.1',
      'input.labResults.0.test',
      'input.labResults.0.value',
      'input.labResults.0.unit',
      'input.labResults.0.referenceRange',
      'input.notes',
    ]);
  });

  it('trims texts and drops empty optional ones', () => {
    expect(
      check({
        symptoms: ['  Cough '],
        notes: '   ',
        labResults: [{ test: ' CRP ', value: ' 5 ', unit: ' ', referenceRange: null, flag: LabFlag.HIGH }],
      }).changes,
    ).toEqual({ symptoms: ['Cough'], notes: null, labResults: [{ test: 'CRP', value: '5', flag: LabFlag.HIGH }] });
  });
});

describe('the whole of a record', () => {
  it('reports every problem at once, under the given prefix', () => {
    const { problems } = checkClinicalFields(
      {
        type: RecordType.CONSULTATION,
        diagnoses: [{ code: 'J6', description: 'x' }],
        vitals: { systolic: 300, diastolic: 10 },
        followUpDate: '2020-01-01',
      },
      { now, prefix: 'record' },
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'record.diagnoses.0.code',
      'record.vitals.systolic',
      'record.vitals.diastolic',
      'record.followUpDate',
    ]);
  });

  it('checks only the fields given, and refuses to clear the type', () => {
    expect(check({ notes: 'Better.' })).toEqual({ changes: { notes: 'Better.' }, problems: [] });
    expect(fieldsOf({ type: null })).toEqual(['input.type']);
  });
});

describe('amendments', () => {
  const current: ClinicalContent = {
    type: RecordType.CONSULTATION,
    diagnoses: [{ code: 'J06.9', description: 'URTI' }],
    symptoms: ['Cough'],
    vitals: { heartRate: 88, temperatureC: 37.9 },
    labResults: [],
    notes: 'First note',
    followUpDate: null,
  };

  it('lays the changes over the current content', () => {
    expect(mergeContent(current, { notes: null, symptoms: [] })).toEqual({ ...current, notes: null, symptoms: [] });
    expect(mergeContent(current, {})).toEqual(current);
  });

  it('sees no change whatever the key order or absent-versus-null', () => {
    expect(sameContent(current, { ...current, vitals: { temperatureC: 37.9, heartRate: 88 } })).toBe(true);
    expect(sameContent({ ...current, notes: null }, { ...current, notes: undefined as unknown as null })).toBe(true);
    expect(sameContent(current, { ...current, vitals: { heartRate: 90, temperatureC: 37.9 } })).toBe(false);
  });

  it('needs a reason of 5 to 500 characters', () => {
    expect(checkAmendmentReason('  Typo in dose  ')).toEqual({ reason: 'Typo in dose' });
    expect(checkAmendmentReason('oops').problem?.field).toBe('reason');
    expect(checkAmendmentReason('x'.repeat(501)).problem?.message).toContain('5 to 500 characters');
  });
});
