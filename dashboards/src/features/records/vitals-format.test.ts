import { describe, expect, it } from 'vitest';
import { formatVitals } from './vitals-format';

describe('formatVitals', () => {
  it('lists every recorded vital with its unit, in a fixed order', () => {
    expect(
      formatVitals({
        weightKg: 70.5,
        systolic: 120,
        diastolic: 80,
        heartRate: 72,
        temperatureC: 37.2,
        respiratoryRate: 16,
        oxygenSaturation: 98,
        heightCm: 175,
      }),
    ).toEqual(['BP 120/80 mmHg', 'HR 72 bpm', '37.2 °C', 'RR 16/min', 'SpO₂ 98%', '70.5 kg', '175 cm']);
  });

  it('leaves out absent vitals and marks a missing half of the blood pressure', () => {
    expect(formatVitals({ systolic: 130, diastolic: null, weightKg: null })).toEqual(['BP 130/— mmHg']);
    expect(formatVitals({ heartRate: 0 })).toEqual(['HR 0 bpm']);
    expect(formatVitals({})).toEqual([]);
  });
});
