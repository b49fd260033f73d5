import { describe, expect, it } from 'vitest';
import { floatToMinor, fromMinor, isCurrency, minorDigits, Money, requireAmount, toMinor } from './money.js';

describe('money', () => {
  it('knows each currency’s minor unit', () => {
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
  });

  it('reads decimals exactly, refusing more decimals than the currency has', () => {
    expect(toMinor('80', 'EUR')).toBe(8000n);
    expect(toMinor('0.1', 'EUR')).toBe(10n);
    expect(toMinor('80.500', 'EUR')).toBe(8050n);
    expect(toMinor('80.505', 'EUR')).toBeUndefined();
    expect(toMinor('1.5', 'JPY')).toBeUndefined();
    expect(toMinor('1e3', 'EUR')).toBeUndefined();
    expect(toMinor('12.3456', 'EUR')).toBeUndefined();
    expect(toMinor('1.234', 'KWD')).toBe(1234n);
  });

  it('writes amounts with exactly the currency’s decimals', () => {
    expect(fromMinor(5n, 'EUR')).toBe('0.05');
    expect(fromMinor(-1234n, 'EUR')).toBe('-12.34');
    expect(fromMinor(500n, 'JPY')).toBe('500');
    expect(Money.fromStored('80.0000', 'EUR')).toEqual(
      Object.assign(new Money(), { amount: '80.00', currency: 'EUR' }),
    );
    // 0.1 + 0.2 is exactly 0.30 here.
    expect(Money.sum(Money.of(10n, 'EUR'), Money.of(20n, 'EUR')).amount).toBe('0.30');
  });

  it('rounds a legacy float half to even to the minor unit', () => {
    expect(floatToMinor(80.1, 'EUR')).toBe(8010n);
    expect(floatToMinor(95.5, 'EUR')).toBe(9550n);
    expect(floatToMinor(0.125, 'EUR')).toBe(12n);
    expect(floatToMinor(0.135, 'EUR')).toBe(14n);
    expect(floatToMinor(2.5, 'JPY')).toBe(2n);
    expect(floatToMinor(3.5, 'JPY')).toBe(4n);
    expect(floatToMinor(100000, 'EUR')).toBe(10_000_000n);
  });

  it('names the field of a bad amount', () => {
    expect(() => requireAmount('0', 'EUR', 'input.amount')).toThrow(/input.amount must be more than zero/);
    expect(requireAmount('0', 'EUR', 'fee', { allowZero: true })).toBe(0n);
    expect(() => requireAmount('abc', 'EUR', 'input.amount')).toThrow(/at most 2 decimals/);
  });
});
