const count = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count as people read it: "11,020", not "11020". */
export function formatCount(value: number): string {
  return count.format(value);
}
