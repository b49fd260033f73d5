import type { CatalogueTest } from './loinc-catalogue.js';

/** The contract's LabInterpretation: computed from the reference range, never typed in. */
export type LabInterpretation = 'NORMAL' | 'LOW' | 'HIGH' | 'CRITICAL_LOW' | 'CRITICAL_HIGH' | 'ABNORMAL';

/** A decimal number as a lab reports it: digits, an optional point and sign; no exponents, no units. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export type Interpreted =
  | { readonly ok: true; readonly interpretation: LabInterpretation; readonly numeric: number | null }
  | { readonly ok: false; readonly problem: string };

/** Whether an interpretation must reach the ordering doctor at once. */
export function isCritical(interpretation: LabInterpretation): boolean {
  return interpretation === 'CRITICAL_LOW' || interpretation === 'CRITICAL_HIGH';
}

/**
 * Reads one result against its test: a numeric value against the reference and critical limits
 * (critical first; a limit left out does not apply), a coded value against the normal values.
 * A numeric test given anything but a plain decimal is a problem, never a guess.
 */
export function interpret(test: CatalogueTest, value: string): Interpreted {
  const text = value.trim();
  if (!text) {
    return { ok: false, problem: 'must not be empty' };
  }
  if (test.kind === 'coded') {
    const normal = test.normalValues.some((candidate) => candidate.toLowerCase() === text.toLowerCase());
    return { ok: true, interpretation: normal ? 'NORMAL' : 'ABNORMAL', numeric: null };
  }
  if (!DECIMAL.test(text)) {
    return { ok: false, problem: `must be a number in ${test.unit}` };
  }
  const numeric = Number(text);
  const below = (limit: number | null) => limit !== null && numeric < limit;
  const above = (limit: number | null) => limit !== null && numeric > limit;
  const interpretation: LabInterpretation = below(test.criticalLow)
    ? 'CRITICAL_LOW'
    : above(test.criticalHigh)
      ? 'CRITICAL_HIGH'
      : below(test.referenceLow)
        ? 'LOW'
        : above(test.referenceHigh)
          ? 'HIGH'
          : 'NORMAL';
  return { ok: true, interpretation, numeric };
}
