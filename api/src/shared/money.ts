import { Field, InputType, ObjectType } from 'type-graphql';
import { badInput } from './errors.js';

/**
 * Exact money. Amounts travel as decimal strings and are computed as integers of the currency's
 * minor unit (cents, yen, fils), never as floating point. The rules, also in the README:
 * - an amount a client sends may not have more decimals than its currency has (EUR 2, JPY 0,
 *   BHD 3): it is refused, never rounded;
 * - sums, line totals (integer quantity × unit price) and balances are exact, so nothing rounds;
 * - the one place a value must be rounded is a legacy `Float` fee: it is rounded half to even
 *   ("banker's rounding") to the currency's minor unit, from its shortest decimal form.
 */

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Decimals of the currencies asked for so far: at most one entry per ISO-4217 code. */
const MINOR_DIGITS = new Map<string, number>();

/**
 * Decimals of an ISO-4217 currency's minor unit (EUR 2, JPY 0, KWD 3). Remembered per known code:
 * making an `Intl.NumberFormat` costs tens of microseconds, and every amount read or written asks
 * (an invoice list of 20 with their lines and payments asked a few hundred times per request).
 */
export function minorDigits(currency: string): number {
  const known = MINOR_DIGITS.get(currency);
  if (known !== undefined) {
    return known;
  }
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (CURRENCIES.has(currency)) {
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

/** An ISO-4217 code (any case in, upper case out), or BAD_USER_INPUT naming `field`. */
export function requireCurrency(code: string, field: string): string {
  const upper = code.trim().toUpperCase();
  if (!isCurrency(upper)) {
    throw badInput([{ field, message: 'must be an ISO-4217 currency code such as EUR' }]);
  }
  return upper;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * A decimal string as an integer count of the currency's minor unit, or undefined when it is
 * not a plain decimal or has more decimals than the currency allows.
 */
export function toMinor(amount: string, currency: string): bigint | undefined {
  const match = DECIMAL.exec(amount.trim());
  if (!match) {
    return undefined;
  }
  const [, sign, whole, fraction = ''] = match;
  const digits = minorDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    return undefined;
  }
  const minor = BigInt(whole! + fraction.padEnd(digits, '0').slice(0, digits));
  return sign ? -minor : minor;
}

/** An integer of minor units as a decimal string with exactly the currency's decimals. */
export function fromMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, -digits) : text;
  const fraction = digits ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** A positive amount a client sent, in minor units, or BAD_USER_INPUT naming `field`. */
export function requireAmount(amount: string, currency: string, field: string, options = { allowZero: false }): bigint {
  const minor = toMinor(amount, currency);
  if (minor === undefined) {
    throw badInput([
      { field, message: `must be a decimal amount with at most ${minorDigits(currency)} decimals, e.g. "80.00"` },
    ]);
  }
  if (minor < 0n || (!options.allowZero && minor === 0n)) {
    throw badInput([{ field, message: options.allowZero ? 'must not be negative' : 'must be more than zero' }]);
  }
  if (minor >= 10n ** 12n) {
    throw badInput([{ field, message: 'is too large' }]);
  }
  return minor;
}

/** Rounds a float (legacy `consultationFee: Float` input) half to even to the minor unit. */
export function floatToMinor(value: number, currency: string): bigint {
  const digits = minorDigits(currency);
  // The shortest decimal that reads back as this float, so 80.1 is 80.1 and not 80.0999…
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const allDigits = mantissa.replace(/^-/, '').replace('.', '');
  // value = 0.allDigits × 10^(exponent + 1); scale to minor units.
  const shift = exponent + 1 + digits - allDigits.length;
  let minor: bigint;
  if (shift >= 0) {
    minor = BigInt(allDigits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const whole = BigInt(allDigits) / divisor;
    const rest = BigInt(allDigits) % divisor;
    const twice = rest * 2n;
    minor = twice > divisor || (twice === divisor && whole % 2n === 1n) ? whole + 1n : whole;
  }
  return negative ? -minor : minor;
}

@ObjectType({ description: 'An exact amount of money: a decimal string and its ISO-4217 currency.' })
export class Money {
  @Field({ description: 'Decimal string with the currency’s decimals, e.g. "80.00" (never a float).' })
  amount!: string;

  @Field({ description: 'ISO-4217 currency code, e.g. "EUR".' })
  currency!: string;

  static of(minor: bigint, currency: string): Money {
    return Object.assign(new Money(), { amount: fromMinor(minor, currency), currency });
  }

  /** Two amounts of one currency added, exactly. */
  static sum(a: Money, b: Money): Money {
    return Money.of((toMinor(a.amount, a.currency) ?? 0n) + (toMinor(b.amount, b.currency) ?? 0n), a.currency);
  }

  /** From a stored `numeric` (PostgreSQL answers it as a string). */
  static fromStored(amount: string, currency: string): Money {
    return Money.of(toMinor(amount, currency) ?? 0n, currency);
  }
}

@InputType({ description: 'An amount of money as sent by a client.' })
export class MoneyInput {
  @Field({ description: 'Decimal string, at most the currency’s decimals, e.g. "80.00".' })
  amount!: string;

  @Field({ description: 'ISO-4217 currency code, e.g. "EUR".' })
  currency!: string;
}
