import { Badge } from '@chakra-ui/react';
import type { LabInterpretation, LabOrderStatus } from '../../gql/graphql';
import { LabelBadge, type LabelBadgeProps } from '../../shared/ui';

/** The one wording and colour of each interpretation: for doctors (short) and patients (plain). */
export const LAB_FLAG: Readonly<
  Record<LabInterpretation, { short: string; plain: string; palette: string; critical: boolean }>
> = {
  NORMAL: { short: 'Normal', plain: 'In the normal range', palette: 'green', critical: false },
  LOW: { short: 'Low', plain: 'A little below the normal range', palette: 'orange', critical: false },
  HIGH: { short: 'High', plain: 'A little above the normal range', palette: 'orange', critical: false },
  CRITICAL_LOW: { short: 'Critical low', plain: 'Far below the normal range', palette: 'red', critical: true },
  CRITICAL_HIGH: { short: 'Critical high', plain: 'Far above the normal range', palette: 'red', critical: true },
  ABNORMAL: { short: 'Abnormal', plain: 'Not the usual result', palette: 'orange', critical: false },
};

/** Whether a result with this interpretation is critical (far outside its range): never hidden. */
export function isCritical(interpretation: LabInterpretation | null | undefined): boolean {
  return interpretation ? LAB_FLAG[interpretation].critical : false;
}

/** An interpretation as a badge; critical ones solid red, so they cannot be missed. */
export function LabFlag({
  interpretation,
  plain = false,
}: {
  interpretation: LabInterpretation | null | undefined;
  plain?: boolean;
}) {
  if (!interpretation) {
    return null;
  }
  const flag = LAB_FLAG[interpretation];
  return (
    <Badge
      colorPalette={flag.palette}
      variant={flag.critical ? 'solid' : 'subtle'}
      data-testid={`lab-flag-${interpretation}`}
    >
      {flag.critical ? '⚠ ' : ''}
      {plain ? flag.plain : flag.short}
    </Badge>
  );
}

export const LAB_ORDER_STATUS: Readonly<Record<LabOrderStatus, Pick<LabelBadgeProps, 'label' | 'palette'>>> = {
  ORDERED: { label: 'Ordered', palette: 'blue' },
  COLLECTED: { label: 'Sample taken', palette: 'purple' },
  RESULTED: { label: 'Results in', palette: 'green' },
  CANCELLED: { label: 'Cancelled', palette: 'gray' },
};

export function LabOrderStatusBadge({ status }: { status: LabOrderStatus }) {
  return <LabelBadge {...LAB_ORDER_STATUS[status]} size="sm" />;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * A UCUM unit as people read it (the API keeps UCUM, as FHIR does): "10*3/uL" is "×10³/µL",
 * "m[IU]/L" is "mIU/L", "umol/L" is "µmol/L".
 */
export function displayUnit(ucum: string): string {
  return ucum
    .replace(/10\*(\d+)/g, (_, power: string) => `×10${[...power].map((digit) => SUPERSCRIPT[digit]).join('')}`)
    .replace(/\[([^\]]+)\]/g, '$1')
    .replace(/\bu(L|g|mol)\b/g, 'µ$1');
}

/** "3.5–5.1 mmol/L", "≥ 40 mg/dL", or nothing. */
export function referenceRange(low: number | null | undefined, high: number | null | undefined, unit?: string | null) {
  const suffix = unit ? ` ${displayUnit(unit)}` : '';
  if (typeof low === 'number' && typeof high === 'number') {
    return `${low}–${high}${suffix}`;
  }
  if (typeof low === 'number') {
    return `≥ ${low}${suffix}`;
  }
  if (typeof high === 'number') {
    return `≤ ${high}${suffix}`;
  }
  return '';
}
