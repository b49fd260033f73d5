/** The qualifications typed as "MBBS, MRCP": the list the API keeps. */
export function qualificationList(text: string): string[] {
  return text
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean);
}
