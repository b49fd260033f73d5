/** Vitals as the API gives them: each may be absent. */
export interface VitalsValues {
  readonly systolic?: number | null;
  readonly diastolic?: number | null;
  readonly heartRate?: number | null;
  readonly temperatureC?: number | null;
  readonly respiratoryRate?: number | null;
  readonly oxygenSaturation?: number | null;
  readonly weightKg?: number | null;
  readonly heightCm?: number | null;
}

const present = (value: number | null | undefined): value is number => typeof value === 'number';

/** The recorded vitals as short readings with units, in a fixed order; absent ones left out. */
export function formatVitals(vitals: VitalsValues): string[] {
  const { systolic, diastolic } = vitals;
  return [
    present(systolic) || present(diastolic)
      ? `BP ${present(systolic) ? systolic : '—'}/${present(diastolic) ? diastolic : '—'} mmHg`
      : null,
    present(vitals.heartRate) ? `HR ${vitals.heartRate} bpm` : null,
    present(vitals.temperatureC) ? `${vitals.temperatureC} °C` : null,
    present(vitals.respiratoryRate) ? `RR ${vitals.respiratoryRate}/min` : null,
    present(vitals.oxygenSaturation) ? `SpO₂ ${vitals.oxygenSaturation}%` : null,
    present(vitals.weightKg) ? `${vitals.weightKg} kg` : null,
    present(vitals.heightCm) ? `${vitals.heightCm} cm` : null,
  ].filter((reading): reading is string => reading !== null);
}
