import { createHmac, randomBytes } from 'node:crypto';
import { derivedKey, openText, sealText } from '../../shared/sealing.js';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
const ISSUER = 'Healthcare Platform';
/** One step either side: a phone clock a little off still works; nothing older. */
const TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

/**
 * Encrypts a TOTP secret for storage (AES-256-GCM, key derived from the server secret): a copy
 * of the database alone does not give away anyone's second factor.
 */
export function sealSecret(serverSecret: string, secret: string): string {
  return sealText(serverSecret, 'totp-secret', secret);
}

export function openSecret(serverSecret: string, stored: string): string {
  return openText(serverSecret, 'totp-secret', stored);
}

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, accountName: string): string {
  return generateURI({ issuer: ISSUER, label: accountName, secret });
}

/**
 * The time step a code matches, or undefined. A step at or before `lastStep` is refused: a code
 * seen once (by us, or by someone looking over a shoulder) never works again.
 */
export async function matchTotp(secret: string, code: string, lastStep?: number | null): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) {
    return undefined;
  }
  const result = await verify({
    secret,
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes like `k7mq-2xvp-9rtd` (about 70 bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Recovery codes are long random strings: a keyed hash is enough (no bcrypt on every attempt). */
export function hashRecoveryCode(serverSecret: string, code: string): string {
  const normalized = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return createHmac('sha256', derivedKey(serverSecret, 'recovery-code')).update(normalized).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return code.trim().replace(/[^A-Za-z0-9]/g, '').length === 12;
}
