/** An exact decimal amount shown in the viewer's locale, without going through a float. */
export function formatMoney(money: { amount: string; currency: string } | null | undefined): string {
  if (!money) {
    return '—';
  }
  try {
    // Intl formats a decimal string exactly (no float rounding on the way).
    const formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency });
    return formatter.format(money.amount as unknown as number);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

/** A plain decimal a person typed ("12,50" becomes "12.50"), or undefined when it is not one. */
export function decimalInput(text: string): string | undefined {
  const value = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(value) ? value : undefined;
}
