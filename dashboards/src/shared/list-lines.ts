/**
 * The entries of a list typed one per line (allergies, conditions, medicines): trimmed, blank
 * lines dropped, each once whatever its case.
 */
export function linesOf(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      const key = line.toLowerCase();
      if (!line || seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    });
}
