/** Search words of a directory search: lower-cased, LIKE wildcards removed, at most 5. */
export function searchTerms(search: string | null | undefined): string[] {
  return (search ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((term) => term.replace(/[%_\\]/g, ''))
    .filter(Boolean)
    .slice(0, 5);
}
