/*
 * A curated LOINC catalogue for ordering tests. Codes and names: LOINC, © Regenstrief Institute,
 * Inc., used under the LOINC license (see LOINC-NOTICE.md beside this file). Units are UCUM;
 * the ranges are ours (common adult intervals), not LOINC's.
 */

/** A numeric test: a value in `unit`, read against its reference and critical limits. */
export interface NumericLabTest {
  readonly kind: 'numeric';
  readonly code: string;
  readonly name: string;
  /** UCUM. */
  readonly unit: string;
  readonly referenceLow: number | null;
  readonly referenceHigh: number | null;
  /** Below this the result is CRITICAL_LOW and the ordering doctor is told at once. */
  readonly criticalLow: number | null;
  readonly criticalHigh: number | null;
}

/** A coded or text test: normal when the value is one of `normalValues` (compared case-insensitively). */
export interface CodedLabTest {
  readonly kind: 'coded';
  readonly code: string;
  readonly name: string;
  readonly normalValues: readonly string[];
}

export type CatalogueTest = NumericLabTest | CodedLabTest;

/** A panel: one code to order, several tests resulted. */
export interface LabPanel {
  readonly code: string;
  readonly name: string;
  readonly members: readonly string[];
}

const numeric = (
  code: string,
  name: string,
  unit: string,
  [referenceLow, referenceHigh]: readonly [number | null, number | null],
  [criticalLow, criticalHigh]: readonly [number | null, number | null] = [null, null],
): NumericLabTest => ({ kind: 'numeric', code, name, unit, referenceLow, referenceHigh, criticalLow, criticalHigh });

export const LAB_TESTS: readonly CatalogueTest[] = [
  numeric('2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'mg/dL', [70, 99], [40, 450]),
  numeric('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', [4, 5.6]),
  numeric('2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'mmol/L', [136, 145], [120, 160]),
  numeric('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'mmol/L', [3.5, 5.1], [2.8, 6.2]),
  numeric('2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'mmol/L', [98, 107]),
  numeric('2028-9', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', 'mmol/L', [22, 29], [10, 40]),
  numeric('3094-0', 'Urea nitrogen [Mass/volume] in Serum or Plasma', 'mg/dL', [7, 20]),
  numeric('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'mg/dL', [0.6, 1.3]),
  numeric('17861-6', 'Calcium [Mass/volume] in Serum or Plasma', 'mg/dL', [8.6, 10.3], [6, 13]),
  numeric('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', [7, 56]),
  numeric('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', [10, 40]),
  numeric('718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', [12, 17.5], [7, 20]),
  numeric('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL', [4, 11], [2, 30]),
  numeric('777-3', 'Platelets [#/volume] in Blood by Automated count', '10*3/uL', [150, 400], [50, 1000]),
  numeric('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL', [null, 199]),
  numeric('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'mg/dL', [40, null]),
  numeric('13457-7', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', 'mg/dL', [null, 99]),
  numeric('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL', [null, 149]),
  numeric('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'm[IU]/L', [0.4, 4]),
  numeric('1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma', 'mg/L', [null, 10]),
  {
    kind: 'coded',
    code: '94500-6',
    name: 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe detection',
    normalValues: ['Not detected', 'Negative'],
  },
];

export const LAB_PANELS: readonly LabPanel[] = [
  {
    code: '24323-8',
    name: 'Comprehensive metabolic 2000 panel - Serum or Plasma',
    members: ['2345-7', '2951-2', '2823-3', '2075-0', '2028-9', '3094-0', '2160-0', '17861-6', '1742-6', '1920-8'],
  },
  { code: '58410-2', name: 'CBC panel - Blood by Automated count', members: ['718-7', '6690-2', '777-3'] },
  {
    code: '57698-3',
    name: 'Lipid panel with direct LDL - Serum or Plasma',
    members: ['2093-3', '2085-9', '13457-7', '2571-8'],
  },
];

const TESTS_BY_CODE = new Map(LAB_TESTS.map((test) => [test.code, test]));
const PANELS_BY_CODE = new Map(LAB_PANELS.map((panel) => [panel.code, panel]));

/** A test of the catalogue by its LOINC code. */
export function catalogueTest(code: string): CatalogueTest | undefined {
  return TESTS_BY_CODE.get(code.trim());
}

/**
 * The tests an order of these codes asks for: panels expanded to their members, each test once,
 * in the order given. Unknown codes are listed separately (the caller answers BAD_USER_INPUT).
 */
export function testsOrdered(codes: readonly string[]): { tests: CatalogueTest[]; unknown: string[] } {
  const tests = new Map<string, CatalogueTest>();
  const unknown: string[] = [];
  for (const raw of codes) {
    const code = raw.trim();
    const members = PANELS_BY_CODE.get(code)?.members ?? [code];
    for (const member of members) {
      const test = TESTS_BY_CODE.get(member);
      if (test) {
        tests.set(test.code, test);
      } else {
        unknown.push(code);
      }
    }
  }
  return { tests: [...tests.values()], unknown };
}
