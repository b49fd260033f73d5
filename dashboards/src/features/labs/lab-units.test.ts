import { describe, expect, it } from 'vitest';
import { displayUnit, referenceRange } from './LabFlag';

describe('displayUnit', () => {
  it.each([
    ['10*3/uL', '×10³/µL'],
    ['10*12/L', '×10¹²/L'],
    ['m[IU]/L', 'mIU/L'],
    ['umol/L', 'µmol/L'],
    ['ug/L', 'µg/L'],
    ['mmol/L', 'mmol/L'],
    ['U/L', 'U/L'],
    ['%', '%'],
  ])('reads %s as %s', (ucum, shown) => {
    expect(displayUnit(ucum)).toBe(shown);
  });

  it('shows a reference range in the unit as read', () => {
    expect(referenceRange(4, 11, '10*3/uL')).toBe('4–11 ×10³/µL');
    expect(referenceRange(null, 5.6, '%')).toBe('≤ 5.6 %');
  });
});
