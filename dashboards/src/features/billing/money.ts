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

/** What an insurer approved of a claim, in the claim's one currency (the amount claimed's). */
export function approvedAmount(claim: {
  amountClaimed: { currency: string };
  amountApproved?: { amount: string } | null;
}): { amount: string; currency: string } | null {
  return claim.amountApproved ? { amount: claim.amountApproved.amount, currency: claim.amountClaimed.currency } : null;
}
