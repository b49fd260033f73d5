/** Emergency grants this tab asked for, so the chart can say it is open under one (and until when). */
const KEY = 'doctor.emergencyGrants';

function read(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberGrant(patientId: string, expiresAt: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...read(), [patientId]: expiresAt }));
  } catch {
    // Storage unavailable: the banner is a convenience only.
  }
}

/** When the active emergency grant for this patient ends, if there is one. */
export function activeGrantUntil(patientId: string, now = new Date()): string | null {
  const expiresAt = read()[patientId];
  return expiresAt && new Date(expiresAt).getTime() > now.getTime() ? expiresAt : null;
}
